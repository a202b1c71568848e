package dev.vc.relay.layers;

import dev.vc.transport.udp.rtp.PaddingPacketWriter;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtpSequence;
import dev.vc.transport.udp.rtp.RtxPacket;
import dev.vc.transport.udp.rtp.RtxPacketWriter;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One receiver's view of one sender: a single RTP stream, with one SSRC and continuous sequence numbers and
 * timestamps, made from whichever of the sender's simulcast layers the relay forwards to that receiver at the
 * moment. The relay sets the layer it wants ({@link #target(int)}); the switch happens on the next packet that
 * starts a keyframe of that layer, because each layer is an independent H.264 stream whose pictures only decode
 * from a keyframe on. Until then the current layer keeps flowing, so a switch never freezes the picture.
 *
 * <p>Each forwarded packet's header is rewritten in place: SSRC to {@link #ssrc()}, sequence number to the one
 * after the last forwarded, timestamp shifted so that it continues from the last forwarded frame by the wall-clock
 * time between them. Packets of the current layer keep their spacing (a reordered or retransmitted packet maps to
 * the same number it had); packets older than the switch are dropped. A bounded history maps each forwarded
 * sequence number back to its layer and original number, so a receiver's NACK can be translated for the sender.
 * Retransmissions to the receiver travel as RTX (RFC 4588) on the RTX SSRC paired with {@link #ssrc()}
 * ({@link dev.vc.api.RtxSsrc#of}), numbered by the stream's own RTX counter ({@link #retransmission}); the relay's
 * probes of the receiver's downlink travel there too, as padding-only RTX in the same numbering ({@link #padding}),
 * so the RTX SSRC has one sequence space and SRTP gives each of its packets an index of its own.
 *
 * <pre>{@code
 * ForwardedStream toBob = new ForwardedStream(aliceSsrcForBob, 1024);
 * toBob.target(1);                                  // bob's tile is small: the 320x240 layer
 * if (toBob.forward(packet, 0, layer, rtp.sequence(), rtp.timestamp(), keyframeStart, now)) {
 *     send(packet, length, bob);                    // header rewritten for bob
 * }
 * long original = toBob.original(nackedSequence);   // -1, or layer << 16 | original sequence number
 * }</pre>
 *
 * <p>Used by the relay's media thread only; allocates nothing after construction.
 */
public final class ForwardedStream {
    /** No layer: nothing is forwarded. */
    public static final int NO_LAYER = -1;
    /** The largest layer index, so that {@link #original} can pack a layer and a sequence number. */
    public static final int MAX_LAYER = 7;
    private static final long RTP_TICKS_PER_SECOND = 90_000;
    /**
     * How far behind the newest packet forwarded a run's start is kept: a packet further back than this counts as
     * older than the run (from before the switch) and is dropped, as is a NACK's number that far back. Far beyond any
     * real reordering or retransmission (the history holds at most a few thousand packets), and half of the 16-bit
     * space, so that comparisons with the run's start stay valid however long a layer is forwarded: a start left
     * where the layer began read as newer than every packet once the sender's numbers had moved on by 32,768 (a
     * receiver got nothing more of that sender, nor retransmissions of packets lost before the relay).
     */
    static final int RUN_WINDOW = 1 << 14;
    /** Draws the first number of each stream's RTX counter (at bindings, never per packet). */
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int ssrc;
    private final RtxPacketWriter rtx;
    private final int historyMask;
    private final int[] historyOutSequence;
    private final int[] historyOriginal;

    private int target = NO_LAYER;
    private int current = NO_LAYER;
    private boolean started;
    private int baseSequence;
    private int sequenceOffset;
    private int timestampOffset;
    private int highestOutSequence;
    private int lastOutTimestamp;
    /** The payload type of the last packet forwarded, or -1 before the first. */
    private int payloadType = -1;
    private long lastForwardNanos;
    private long switches;
    /** The original timestamp of the newest packet forwarded, and whether it ended its frame (marker bit). */
    private int lastInTimestamp;
    private boolean lastEndedFrame = true;
    /** A {@link #cutTo} waiting for the end of the frame being forwarded. */
    private boolean cutAtFrameEnd;
    private long olderThanRun;

    /**
     * @param ssrc           the SSRC the receiver sees for this sender, whatever layer it gets
     * @param historyPackets forwarded packets remembered for NACK translation; a power of two
     */
    public ForwardedStream(int ssrc, int historyPackets) {
        if (historyPackets < 1 || Integer.bitCount(historyPackets) != 1) {
            throw new IllegalArgumentException("history must be a power of two: " + historyPackets);
        }
        this.ssrc = ssrc;
        this.rtx = new RtxPacketWriter(dev.vc.api.RtxSsrc.of(ssrc), RtpPacketWriter.randomInitialSequence(RANDOM));
        this.historyMask = historyPackets - 1;
        this.historyOutSequence = new int[historyPackets];
        this.historyOriginal = new int[historyPackets];
        Arrays.fill(historyOriginal, -1);
    }

    /**
     * Chooses the layer to forward from the next keyframe of it on; {@link #NO_LAYER} stops forwarding at once, and
     * forwarding resumes on the next keyframe of the layer chosen after it.
     *
     * @param layer a layer index in 0..{@link #MAX_LAYER}, or {@link #NO_LAYER}
     */
    public void target(int layer) {
        if (layer < NO_LAYER || layer > MAX_LAYER) {
            throw new IllegalArgumentException("layer must be in -1.." + MAX_LAYER + ": " + layer);
        }
        target = layer;
        if (layer == NO_LAYER) {
            current = NO_LAYER;  // a paused stream resumes on a keyframe, its numbers continuing from here
            cutAtFrameEnd = false;
        }
    }

    /**
     * Chooses {@code layer} and stops forwarding the current one at the end of the frame being forwarded, without
     * waiting for a keyframe of {@code layer}: nothing more goes to the receiver until that keyframe, whose numbers
     * continue from the last ones forwarded. For a receiver whose bottleneck queue is full: what the current layer
     * would add there is mostly dropped and delays the new layer's keyframe behind it, while the receiver's picture,
     * already missing packets, waits for that keyframe anyway. The frame in progress is finished (up to the packet
     * with the marker bit), because its remaining packets, cut, would leave the receiver a truncated frame whose
     * loss its continuous numbering could not show; if the next packet of the layer starts another frame instead
     * (the last one was lost before the relay), the cut happens there. A retransmission of an earlier frame meanwhile
     * (the relay's answer to a NACK, or the sender's RTX: older than the packets forwarded) is no such start: it is
     * forwarded as before the cut, which still waits for the frame's end.
     *
     * @param layer a layer index in 0..{@link #MAX_LAYER}, or {@link #NO_LAYER}
     * @return true if this cut the current layer, false if there was nothing to cut: no layer forwarded, already
     *         {@code layer}, or a cut already waiting for its frame's end
     */
    public boolean cutTo(int layer) {
        target(layer);
        if (current == NO_LAYER || current == layer || cutAtFrameEnd) {
            return false;
        }
        if (lastEndedFrame) {
            current = NO_LAYER;
        } else {
            cutAtFrameEnd = true;
        }
        return true;
    }

    /** @return the layer asked for, or {@link #NO_LAYER} */
    public int target() {
        return target;
    }

    /** @return the layer being forwarded, or {@link #NO_LAYER} before the first keyframe of the target */
    public int current() {
        return current;
    }

    /** @return true while the target layer differs from the one forwarded, so a keyframe of it is awaited */
    public boolean awaitingKeyframe() {
        return target != NO_LAYER && target != current;
    }

    /**
     * @return packets of the layer being forwarded that {@link #forward} refused as older than its run: from before
     *         the switch onto it, or more than {@value #RUN_WINDOW} numbers behind the newest forwarded
     */
    public long olderThanRun() {
        return olderThanRun;
    }

    /** @return how many times the forwarded layer changed, the start included */
    public long switches() {
        return switches;
    }

    /**
     * What SSRC rewriting adds to the timestamps of the layer being forwarded: a sender report of that layer
     * has its RTP timestamp shifted by it, so that it maps the receiver's timestamps to the sender's clock.
     *
     * @return the offset (modulo 2^32) of the current layer's timestamps; 0 before anything was forwarded
     */
    public int timestampOffset() {
        return timestampOffset;
    }

    /** @return the SSRC the receiver sees */
    public int ssrc() {
        return ssrc;
    }

    /** @return the SSRC the receiver sees this sender's retransmissions (RTX) on */
    public int rtxSsrc() {
        return rtx.ssrc();
    }

    /**
     * Writes the retransmission (RTX, RFC 4588) of a packet {@link #forward} has just rewritten for this receiver:
     * on {@link #rtxSsrc()}, with the next number of this stream's RTX counter, the rewritten sequence number as
     * the original's.
     *
     * @param packet    the rewritten packet
     * @param offset    where it starts
     * @param length    its length
     * @param out       destination, at least {@code length + 2} bytes from {@code outOffset}
     * @param outOffset where the RTX packet starts
     * @return its length, or -1 (nothing written) if the packet's payload type has no RTX payload type
     */
    public int retransmission(byte[] packet, int offset, int length, byte[] out, int outOffset) {
        return rtx.wrap(packet, offset, length, out, outOffset);
    }

    /**
     * @return whether {@link #padding} can write a probe: something was forwarded, so the receiver knows the stream
     *         and its payload type, which has an RTX payload type
     */
    public boolean carriesProbes() {
        return payloadType >= 0 && RtxPacket.payloadTypeFor(payloadType) >= 0;
    }

    /**
     * Writes a padding-only packet (a probe of the receiver's downlink, as libwebrtc sends them) on
     * {@link #rtxSsrc()}: the RTX payload type of the media last forwarded, its timestamp, the next number of this
     * stream's RTX counter, no OSN; the transport-wide sequence number 0, for the caller to stamp.
     *
     * @param padding   padding bytes, the count byte included, 1..{@value PaddingPacketWriter#MAX_PADDING}
     * @param out       destination, at least {@code PaddingPacketWriter.HEADER_LENGTH + padding} bytes from
     *                  {@code outOffset}
     * @param outOffset where the packet starts
     * @return its length, or -1 (nothing written, no number used) unless {@link #carriesProbes()}
     */
    public int padding(int padding, byte[] out, int outOffset) {
        if (!carriesProbes()) {
            return -1;
        }
        return rtx.padding(RtxPacket.payloadTypeFor(payloadType), lastOutTimestamp, padding, out, outOffset);
    }

    /**
     * Decides one packet of the sender and, when it goes to this receiver, rewrites its header in place.
     *
     * @param packet        holds the RTP packet; its SSRC, sequence number and timestamp fields are overwritten
     * @param offset        where the packet starts
     * @param layer         the packet's layer
     * @param sequence      its original sequence number, as the sender sent it
     * @param timestamp     its original RTP timestamp
     * @param keyframeStart whether it is the first packet of a keyframe
     * @param nowNanos      the relay's clock, to continue timestamps across a switch
     * @return true if the packet is forwarded (and rewritten), false if this receiver does not get it
     */
    public boolean forward(byte[] packet, int offset, int layer, int sequence, int timestamp, boolean keyframeStart,
                           long nowNanos) {
        if (target == NO_LAYER) {
            return false;
        }
        if (layer == target && keyframeStart && current != target) {
            switchTo(layer, sequence, timestamp, nowNanos);
        } else if (layer != current) {
            return false;
        }
        int outSequence = RtpSequence.add(sequence, sequenceOffset);
        // Older than the newest forwarded: a retransmission, which neither starts nor ends the frame a cut waits for.
        boolean newest = RtpSequence.isNewer(outSequence, highestOutSequence);
        if (!newest && RtpSequence.distance(baseSequence, sequence) < 0) {
            olderThanRun++;                             // from before the switch, or long gone
            return false;
        }
        if (cutAtFrameEnd && newest && timestamp != lastInTimestamp) {
            endCut();                                   // the cut frame's last packet never came: cut here
            return false;
        }
        int outTimestamp = timestamp + timestampOffset;
        boolean endsFrame = (packet[offset + 1] & 0x80) != 0;
        if (newest) {
            if (RtpSequence.distance(baseSequence, sequence) > RUN_WINDOW) {
                baseSequence = RtpSequence.add(sequence, -RUN_WINDOW);
            }
            highestOutSequence = outSequence;
            lastOutTimestamp = outTimestamp;
            lastInTimestamp = timestamp;
            lastEndedFrame = endsFrame;
            lastForwardNanos = nowNanos;
        }
        payloadType = packet[offset + 1] & 0x7F;
        int slot = outSequence & historyMask;
        historyOutSequence[slot] = outSequence;
        historyOriginal[slot] = layer << 16 | sequence;
        packet[offset + 2] = (byte) (outSequence >>> 8);
        packet[offset + 3] = (byte) outSequence;
        writeInt(packet, offset + 4, outTimestamp);
        writeInt(packet, offset + 8, ssrc);
        if (cutAtFrameEnd && newest && endsFrame) {
            endCut();
        }
        return true;
    }

    private void endCut() {
        cutAtFrameEnd = false;
        current = NO_LAYER;
    }

    /** Starts forwarding {@code layer} with this packet: its numbers continue from the last ones forwarded. */
    private void switchTo(int layer, int sequence, int timestamp, long nowNanos) {
        int firstOut = started ? RtpSequence.next(highestOutSequence) : sequence;
        int firstTimestamp = timestamp;
        if (started) {
            long ticks = Math.max(1, (nowNanos - lastForwardNanos) * RTP_TICKS_PER_SECOND / 1_000_000_000L);
            firstTimestamp = lastOutTimestamp + (int) Math.min(ticks, Integer.MAX_VALUE);
        } else {
            highestOutSequence = RtpSequence.add(firstOut, -1);
        }
        sequenceOffset = RtpSequence.distance(sequence, firstOut);
        timestampOffset = firstTimestamp - timestamp;
        baseSequence = sequence;
        current = layer;
        cutAtFrameEnd = false;
        started = true;
        switches++;
    }

    /**
     * Translates a sequence number the receiver names (a NACK) back to what the sender sent: a packet forwarded
     * recently by the history; one of the current layer's run that the relay never forwarded (lost before the
     * relay, or still on its way) by the run's constant offset, since a layer's numbers map one to one.
     *
     * @param outSequence a sequence number of this stream as the receiver saw it
     * @return {@code layer << 16 | original sequence number}, or -1 if it was not forwarded recently and is not
     *         within the current layer's run up to the highest number forwarded
     */
    public long original(int outSequence) {
        int out = outSequence & RtpSequence.MAX;
        int slot = out & historyMask;
        int original = historyOriginal[slot];
        if (original >= 0 && historyOutSequence[slot] == out) {
            return original;
        }
        // The run's first number as the receiver saw it: its start (the switch, or RUN_WINDOW behind) shifted.
        int firstOut = RtpSequence.add(baseSequence, sequenceOffset);
        if (current != NO_LAYER && RtpSequence.distance(firstOut, out) >= 0
                && RtpSequence.distance(out, highestOutSequence) >= 0) {
            return (long) current << 16 | RtpSequence.add(out, -sequenceOffset);
        }
        return -1;
    }

    private static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
