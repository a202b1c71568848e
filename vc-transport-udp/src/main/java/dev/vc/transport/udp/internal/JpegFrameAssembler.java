package dev.vc.transport.udp.internal;

import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.AbsCaptureTime;
import dev.vc.transport.udp.JpegDepacketizer;
import dev.vc.transport.udp.JpegPayloadHeader;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.RtpHeader;
import dev.vc.transport.udp.RtpTimestamp;

/**
 * Assembles the JPEG frames of one remote stream (one SSRC) from its RTP packets: packets are grouped by RTP
 * timestamp into at most {@code maxPendingFrames} frames, each rebuilt by a {@link JpegDepacketizer}.
 *
 * <p>Policy, in the order applied to each packet:
 * <ol>
 *   <li>a packet whose RFC 2435 header is malformed is dropped;</li>
 *   <li>a duplicate sequence number, or one more than {@link SequenceWindow#SIZE} behind the newest, is
 *       dropped;</li>
 *   <li>a packet of a frame at or before the last completed one, or of a frame already discarded, is
 *       dropped (too late);</li>
 *   <li>a packet of a new frame when all slots are taken evicts the oldest pending frame (or is dropped
 *       if its own frame is the oldest);</li>
 *   <li>a fragment that cannot belong to a rebuildable frame (type, size, disagreement) discards its
 *       frame;</li>
 *   <li>when a frame completes it is written out, and every older pending frame is discarded.</li>
 * </ol>
 * Every discarded frame counts as incomplete; a frame is only ever handed on when all of its bytes arrived.
 * Frames pending longer than the frame timeout are discarded by {@link #expire}.
 *
 * <pre>{@code
 * if (assembler.onPacket(rtp, System.nanoTime())) {
 *     listener.onFrame(stream, assembler.frame());
 * }
 * }</pre>
 *
 * <p>Runs on the receive thread only; allocates nothing once its buffers have grown.
 */
final class JpegFrameAssembler {
    private static final int DISCARDED_MEMORY = 8;

    private final TransportCounters counters;
    private final long frameTimeoutNanos;
    private final JpegPayloadHeader payload = new JpegPayloadHeader();
    private final SequenceWindow window = new SequenceWindow();
    private final JpegDepacketizer[] slots;
    private final boolean[] used;
    private final int[] slotTimestamp;
    private final long[] slotStartNanos;
    private final long[] slotCaptureNanos;
    private final int[] discarded = new int[DISCARDED_MEMORY];
    private int discardedCount;
    private int discardedNext;
    private boolean completedAny;
    private int lastCompleted;
    private long frameCounter;
    private final EncodedFrame frame = new EncodedFrame();

    /**
     * @param limits   frame size, pending frames and timeout
     * @param counters where drops and incomplete frames are counted
     */
    JpegFrameAssembler(ReceiveLimits limits, TransportCounters counters) {
        this.counters = counters;
        this.frameTimeoutNanos = limits.frameTimeoutNanos();
        int n = limits.maxPendingFrames();
        slots = new JpegDepacketizer[n];
        for (int i = 0; i < n; i++) {
            slots[i] = new JpegDepacketizer(limits.maxFrameBytes());
        }
        used = new boolean[n];
        slotTimestamp = new int[n];
        slotStartNanos = new long[n];
        slotCaptureNanos = new long[n];
    }

    /**
     * Takes one parsed RTP packet of this stream.
     *
     * @param rtp       the packet, parsed; its payload is read, not kept
     * @param nowNanos  {@link System#nanoTime()} at arrival
     * @return true if the packet completed a frame, which {@link #frame()} now holds
     */
    boolean onPacket(RtpHeader rtp, long nowNanos) {
        try {
            payload.parse(rtp.buffer(), rtp.payloadOffset(), rtp.payloadLength());
        } catch (MalformedPacketException e) {
            counters.packetsDropped.increment();
            return false;
        }
        int sequence = rtp.sequence();
        switch (window.check(sequence)) {
            case SequenceWindow.DUPLICATE -> {
                counters.packetsDropped.increment();
                return false;
            }
            case SequenceWindow.TOO_OLD -> {
                window.rejectedTooOld();
                counters.packetsDropped.increment();
                return false;
            }
            case SequenceWindow.RESYNC -> restart();
            default -> {
            }
        }
        int timestamp = rtp.timestamp();
        window.mark(sequence);
        if ((completedAny && !RtpTimestamp.isNewer(timestamp, lastCompleted)) || wasDiscarded(timestamp)) {
            counters.packetsDropped.increment();
            return false;
        }
        int slot = slotFor(timestamp, nowNanos);
        if (slot < 0) {
            counters.packetsDropped.increment();
            return false;
        }
        if (slotCaptureNanos[slot] == 0) {
            slotCaptureNanos[slot] = AbsCaptureTime.captureTimeNanos(rtp, 0L);
        }
        JpegDepacketizer depacketizer = slots[slot];
        try {
            if (!depacketizer.add(payload, rtp.marker())) {
                counters.packetsDropped.increment(); // every byte already there
                return false;
            }
        } catch (MalformedPacketException e) {
            counters.packetsDropped.increment();
            discard(slot);
            return false;
        }
        counters.packetsReceived.increment();
        if (!depacketizer.isComplete()) {
            return false;
        }
        depacketizer.writeTo(frame).describe(VideoCodec.JPEG, true, depacketizer.width(), depacketizer.height(),
                slotCaptureNanos[slot], frameCounter++);
        free(slot);
        completedAny = true;
        lastCompleted = timestamp;
        for (int i = 0; i < slots.length; i++) {
            if (used[i] && !RtpTimestamp.isNewer(slotTimestamp[i], timestamp)) {
                discard(i);
            }
        }
        return true;
    }

    /** @return the last completed frame; valid until the next {@link #onPacket} */
    EncodedFrame frame() {
        return frame;
    }

    /**
     * Discards frames pending longer than the frame timeout.
     *
     * @param nowNanos {@link System#nanoTime()}
     */
    void expire(long nowNanos) {
        for (int i = 0; i < slots.length; i++) {
            if (used[i] && nowNanos - slotStartNanos[i] > frameTimeoutNanos) {
                discard(i);
            }
        }
    }

    /** Discards every pending frame (the stream ended or is evicted), counting each as incomplete. */
    void discardAll() {
        for (int i = 0; i < slots.length; i++) {
            if (used[i]) {
                discard(i);
            }
        }
    }

    /** @return frames being assembled */
    int pendingFrames() {
        int n = 0;
        for (boolean u : used) {
            n += u ? 1 : 0;
        }
        return n;
    }

    private int slotFor(int timestamp, long nowNanos) {
        int free = -1;
        int oldest = -1;
        for (int i = 0; i < slots.length; i++) {
            if (!used[i]) {
                free = free < 0 ? i : free;
            } else if (slotTimestamp[i] == timestamp) {
                return i;
            } else if (oldest < 0 || RtpTimestamp.isNewer(slotTimestamp[oldest], slotTimestamp[i])) {
                oldest = i;
            }
        }
        if (free < 0) {
            if (RtpTimestamp.isNewer(slotTimestamp[oldest], timestamp)) {
                counters.framesIncomplete.increment(); // this packet's frame is the oldest: give it up
                rememberDiscarded(timestamp);
                return -1;
            }
            discard(oldest);
            free = oldest;
        }
        used[free] = true;
        slotTimestamp[free] = timestamp;
        slotStartNanos[free] = nowNanos;
        slotCaptureNanos[free] = 0;
        slots[free].reset();
        return free;
    }

    private void discard(int slot) {
        counters.framesIncomplete.increment();
        rememberDiscarded(slotTimestamp[slot]);
        free(slot);
    }

    private void free(int slot) {
        used[slot] = false;
        slots[slot].reset();
    }

    private void rememberDiscarded(int timestamp) {
        discarded[discardedNext] = timestamp;
        discardedNext = (discardedNext + 1) % DISCARDED_MEMORY;
        discardedCount = Math.min(DISCARDED_MEMORY, discardedCount + 1);
    }

    private boolean wasDiscarded(int timestamp) {
        for (int i = 0; i < discardedCount; i++) {
            if (discarded[i] == timestamp) {
                return true;
            }
        }
        return false;
    }

    /** The sender restarted its sequence numbers: forget the old frames and timestamps. */
    private void restart() {
        discardAll();
        completedAny = false;
        discardedCount = 0;
    }
}
