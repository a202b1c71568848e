package dev.vc.transport.udp.rtp;

import dev.vc.api.RtxSsrc;

import java.util.Random;

/**
 * Writes one RTX stream (RFC 4588): the retransmissions of one media stream, on the RTX SSRC paired with it
 * ({@link RtxSsrc#of}), numbered by a sequence counter of their own that starts below 0x8000 (so an SRTP
 * receiver's rollover counter starts right) and advances by one per packet written.
 *
 * <pre>{@code
 * RtxPacketWriter rtx = RtxPacketWriter.random(layerSsrc, random);
 * int n = rtx.wrap(original, 0, length, out, 0);  // -1: no RTX payload type for the original's
 * }</pre>
 *
 * <p>Not thread-safe: one writer per sending thread. Allocates nothing.
 */
public final class RtxPacketWriter {
    private final int ssrc;
    private int sequence;

    /**
     * @param rtxSsrc         the RTX stream's SSRC
     * @param initialSequence its first sequence number, 0..65535
     */
    public RtxPacketWriter(int rtxSsrc, int initialSequence) {
        if (initialSequence < 0 || initialSequence > RtpSequence.MAX) {
            throw new IllegalArgumentException("sequence number must be in 0..65535, got " + initialSequence);
        }
        this.ssrc = rtxSsrc;
        this.sequence = initialSequence;
    }

    /**
     * @param mediaSsrc the SSRC of the media stream whose packets it retransmits
     * @param random    draws the first sequence number
     * @return the writer of that stream's RTX, on {@link RtxSsrc#of}{@code (mediaSsrc)}
     */
    public static RtxPacketWriter random(int mediaSsrc, Random random) {
        return new RtxPacketWriter(RtxSsrc.of(mediaSsrc), RtpPacketWriter.randomInitialSequence(random));
    }

    /**
     * Writes the retransmission of an original packet and advances the sequence number.
     *
     * @param packet    holds the original RTP packet
     * @param offset    where it starts
     * @param length    its length
     * @param out       destination, at least {@code length + RtxPacket.OSN_LENGTH} bytes from {@code outOffset}
     * @param outOffset where the RTX packet starts
     * @return its length, or -1 (nothing written, no number used) if the original's payload type has no RTX payload
     *         type or its header is malformed
     */
    public int wrap(byte[] packet, int offset, int length, byte[] out, int outOffset) {
        int payloadType = length < 2 ? -1 : RtxPacket.payloadTypeFor(packet[offset + 1] & 0x7F);
        if (payloadType < 0) {
            return -1;
        }
        int n = RtxPacket.wrap(packet, offset, length, out, outOffset, payloadType, sequence, ssrc);
        if (n > 0) {
            sequence = RtpSequence.next(sequence);
        }
        return n;
    }

    /** @return the RTX SSRC */
    public int ssrc() {
        return ssrc;
    }

    /** @return the sequence number the next packet will carry */
    public int nextSequence() {
        return sequence;
    }
}
