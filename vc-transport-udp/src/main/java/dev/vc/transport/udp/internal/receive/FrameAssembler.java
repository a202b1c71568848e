package dev.vc.transport.udp.internal.receive;

import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.rtp.AbsCaptureTime;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpTimestamp;

/**
 * Assembles the frames of one remote stream (one SSRC, one codec) from its RTP packets, whatever the codec:
 * packets are grouped by RTP timestamp into at most {@code maxPendingFrames} frames, each rebuilt by its
 * {@link PayloadFormat.Reassembler} (RFC 2435 JPEG or RFC 6184 H.264).
 *
 * <p>Policy, in the order applied to each packet:
 * <ol>
 *   <li>a packet whose payload is malformed on its own is dropped ({@code MALFORMED_PAYLOAD});</li>
 *   <li>a duplicate sequence number ({@code DUPLICATE}), or one more than {@link SequenceWindow#SIZE} behind
 *       the newest ({@code TOO_OLD}), is dropped;</li>
 *   <li>a packet of a frame at or before the last completed one, or of a frame already discarded, is
 *       dropped, too late ({@code FRAME_ALREADY_CLOSED});</li>
 *   <li>a packet of a new frame when all slots are taken evicts the oldest pending frame (or is dropped
 *       if its own frame is the oldest: {@code NO_FRAME_SLOT});</li>
 *   <li>a packet that adds nothing to its frame is dropped ({@code NOTHING_NEW}); one that cannot belong to a
 *       rebuildable frame is dropped and discards its frame ({@code NOT_OF_FRAME});</li>
 *   <li>after every packet, the oldest complete frame (if any) is written out and handed to the sink, every
 *       older pending frame is discarded, and so on while frames are complete: one packet can complete
 *       several H.264 access units, since it may prove where its neighbours start or end; a complete frame whose
 *       packets do not make a valid frame after all is discarded and counted once ({@code FRAME_UNWRITABLE});</li>
 *   <li>except that for a codec with inter-frame prediction (H.264), once the stream has delivered a frame, a
 *       complete frame waits while an older incomplete one is younger than the retransmission wait: the newer
 *       frame cannot be decoded without it, and its missing packets have been asked for (NACK). The wait ends
 *       when the older frame completes, when its wait has passed (it is then discarded), or when a new frame
 *       needs its slot; an older frame that can never complete ({@link PayloadFormat.Reassembler#isTruncated}) is
 *       not waited for.</li>
 * </ol>
 * Each drop is counted under its {@link ReceiveDropReason}. Every discarded frame counts as incomplete; a frame
 * is only ever handed on when all of its packets arrived. Frames pending longer than the frame timeout are
 * discarded by {@link #expire}.
 *
 * <pre>{@code
 * FrameAssembler assembler = new FrameAssembler(new H264Format(), limits, counters);
 * assembler.onPacket(rtp, System.nanoTime(), frame -> listener.onFrame(stream, frame));
 * }</pre>
 *
 * <p>Runs on the receive thread only; allocates nothing once its buffers have grown.
 */
final class FrameAssembler {
    /** Receives complete frames; the frame is reused after the call returns. */
    @FunctionalInterface
    interface FrameSink {
        /** @param frame a complete frame, valid during the call */
        void onFrame(EncodedFrame frame);
    }

    private static final int DISCARDED_MEMORY = 8;

    private int lossesSinceCheck;
    private final PayloadFormat format;
    private final ReceiveCounters counters;
    private final long frameTimeoutNanos;
    /** How long a complete frame waits for an older incomplete one; 0 for codecs without inter-frame prediction. */
    private final long retransmitWaitNanos;
    private final SequenceWindow window = new SequenceWindow();
    private final PayloadFormat.Reassembler[] slots;
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
     * @param format   the payload format of the stream
     * @param limits   frame size, pending frames and timeout
     * @param counters where drops and incomplete frames are counted
     */
    FrameAssembler(PayloadFormat format, ReceiveLimits limits, ReceiveCounters counters) {
        this.format = format;
        this.counters = counters;
        this.frameTimeoutNanos = limits.frameTimeoutNanos();
        this.retransmitWaitNanos = format.codec().interFrame() ? limits.retransmitWaitNanos() : 0;
        int n = limits.maxPendingFrames();
        slots = new PayloadFormat.Reassembler[n];
        for (int i = 0; i < n; i++) {
            slots[i] = format.newReassembler(limits.maxFrameBytes());
        }
        used = new boolean[n];
        slotTimestamp = new int[n];
        slotStartNanos = new long[n];
        slotCaptureNanos = new long[n];
    }

    /**
     * @param sequence the original sequence number of a retransmission of this stream
     * @return whether a NACK can have asked for it: not ahead of the newest packet, inside the reorder window
     */
    boolean retransmittable(int sequence) {
        return window.retransmittable(sequence);
    }

    /** @return the codec this assembler rebuilds */
    VideoCodec codec() {
        return format.codec();
    }

    /**
     * Takes one parsed RTP packet of this stream.
     *
     * @param rtp      the packet, parsed; its payload is read, not kept
     * @param nowNanos {@link System#nanoTime()} at arrival
     * @param sink     receives each frame the packet completes
     * @return the number of frames handed to the sink
     */
    int onPacket(RtpHeader rtp, long nowNanos, FrameSink sink) {
        try {
            format.check(rtp);
        } catch (MalformedPacketException e) {
            counters.packetsDropped.add(ReceiveDropReason.MALFORMED_PAYLOAD);
            return 0;
        }
        int sequence = rtp.sequence();
        switch (window.check(sequence)) {
            case SequenceWindow.DUPLICATE -> {
                counters.packetsDropped.add(ReceiveDropReason.DUPLICATE);
                return 0;
            }
            case SequenceWindow.TOO_OLD -> {
                window.rejectedTooOld();
                counters.packetsDropped.add(ReceiveDropReason.TOO_OLD);
                return 0;
            }
            case SequenceWindow.RESYNC -> restart();
            default -> {
            }
        }
        int timestamp = rtp.timestamp();
        window.mark(sequence, timestamp);
        if ((completedAny && !RtpTimestamp.isNewer(timestamp, lastCompleted)) || wasDiscarded(timestamp)) {
            counters.packetsDropped.add(ReceiveDropReason.FRAME_ALREADY_CLOSED);
            return deliverComplete(sink, nowNanos); // a late packet may still prove where a pending frame starts
        }
        int slot = slotFor(timestamp, nowNanos);
        if (slot < 0) {
            counters.packetsDropped.add(ReceiveDropReason.NO_FRAME_SLOT);
            return deliverComplete(sink, nowNanos);
        }
        if (slotCaptureNanos[slot] == 0) {
            slotCaptureNanos[slot] = AbsCaptureTime.captureTimeNanos(rtp, 0L);
        }
        try {
            if (!slots[slot].add(rtp)) {
                counters.packetsDropped.add(ReceiveDropReason.NOTHING_NEW);
                return 0;
            }
        } catch (MalformedPacketException e) {
            counters.packetsDropped.add(ReceiveDropReason.NOT_OF_FRAME);
            discard(slot);
            return deliverComplete(sink, nowNanos);
        }
        counters.onPacketAccepted(nowNanos);
        return deliverComplete(sink, nowNanos);
    }

    /**
     * Hands on complete frames, oldest first; each discards the pending frames older than itself, unless one of
     * those may still be completed by a retransmission, in which case it waits.
     */
    private int deliverComplete(FrameSink sink, long nowNanos) {
        int delivered = 0;
        while (true) {
            int oldest = -1;
            for (int i = 0; i < slots.length; i++) {
                if (used[i] && slots[i].isComplete(window, slotTimestamp[i])
                        && (oldest < 0 || RtpTimestamp.isNewer(slotTimestamp[oldest], slotTimestamp[i]))) {
                    oldest = i;
                }
            }
            if (oldest < 0 || waitsForOlder(oldest, nowNanos)) {
                return delivered;
            }
            int timestamp = slotTimestamp[oldest];
            try {
                slots[oldest].writeTo(frame, slotCaptureNanos[oldest], frameCounter);
                frame.rtpTimestamp(timestamp);
            } catch (MalformedPacketException e) {
                counters.packetsDropped.add(ReceiveDropReason.FRAME_UNWRITABLE);
                discard(oldest);
                continue;
            }
            frameCounter++;
            free(oldest);
            completedAny = true;
            lastCompleted = timestamp;
            for (int i = 0; i < slots.length; i++) {
                if (used[i] && !RtpTimestamp.isNewer(slotTimestamp[i], timestamp)) {
                    discard(i);
                }
            }
            delivered++;
            sink.onFrame(frame);
        }
    }

    /**
     * @return whether the complete frame in {@code slot} should wait: an older frame is pending, younger than the
     *         retransmission wait, not {@linkplain PayloadFormat.Reassembler#isTruncated truncated}, and the stream
     *         is past its first frame (the frame before a stream's first complete one may have begun before the
     *         receiver did, and would never complete)
     */
    private boolean waitsForOlder(int slot, long nowNanos) {
        if (retransmitWaitNanos == 0 || !completedAny) {
            return false;
        }
        for (int i = 0; i < slots.length; i++) {
            if (used[i] && RtpTimestamp.isNewer(slotTimestamp[slot], slotTimestamp[i])
                    && nowNanos - slotStartNanos[i] < retransmitWaitNanos
                    && !slots[i].isTruncated(window, slotTimestamp[i])) {
                return true;
            }
        }
        return false;
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

    /** Discards every pending frame (the stream ended, is evicted or changed codec), counting each as incomplete. */
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
                countLoss(); // this packet's frame is the oldest: give it up
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

    private void countLoss() {
        counters.framesIncomplete.increment();
        lossesSinceCheck++;
    }

    /** @return whether a frame was given up since the last call (the receive thread then reports it) */
    boolean takeLoss() {
        boolean lost = lossesSinceCheck > 0;
        lossesSinceCheck = 0;
        return lost;
    }

    private void discard(int slot) {
        countLoss();
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
