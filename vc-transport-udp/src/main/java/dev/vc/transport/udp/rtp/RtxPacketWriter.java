package dev.vc.transport.udp.rtp;

import dev.vc.api.RtxSsrc;

import java.util.Random;

/**
 * Writes one RTX stream (RFC 4588): the retransmissions of one media stream, on the RTX SSRC paired with it
 * ({@link RtxSsrc#of}), numbered by a sequence counter of their own that starts below 0x8000 (so an SRTP
 * receiver's rollover counter starts right) and advances by one per packet written; and, in the same stream and
 * numbering, the padding-only packets that probe the path ({@link #padding}), as libwebrtc sends them. One
 * counter for both keeps one sequence space, hence one SRTP packet index space, per SSRC: a probe never takes an
 * index a retransmission used, and the media stream's numbers stay the media's alone.
 *
 * <pre>{@code
 * RtxPacketWriter rtx = RtxPacketWriter.random(layerSsrc, random);
 * int n = rtx.wrap(original, 0, length, out, 0);  // -1: no RTX payload type for the original's
 * int p = rtx.padding(97, timestamp, PaddingPacketWriter.MAX_PADDING, probe, 0);
 * }</pre>
 *
 * <p>Thread-safe (a client answers NACKs on its receive thread and probes on its sending thread, both in this
 * stream): each packet takes its number under the writer's lock. Allocates nothing.
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
    public synchronized int wrap(byte[] packet, int offset, int length, byte[] out, int outOffset) {
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

    /**
     * Writes a padding-only packet on this RTX stream (a probe: P bit set, no OSN, no payload, the last byte the
     * padding count; {@link PaddingPacketWriter}) and advances the sequence number. A receiver records its
     * transport-wide sequence number for transport-cc feedback and drops it as padding, never as a malformed RTX:
     * there is nothing to retransmit in it (libwebrtc's padding on the RTX SSRC has no OSN either).
     *
     * @param rtxPayloadType the RTX payload type of the stream's current media ({@link RtxPacket#payloadTypeFor})
     * @param timestamp      its RTP timestamp (that of the media last sent)
     * @param padding        padding bytes, the count byte included, 1..{@value PaddingPacketWriter#MAX_PADDING}
     * @param out            destination, at least {@code PaddingPacketWriter.HEADER_LENGTH + padding} bytes from
     *                       {@code outOffset}
     * @param outOffset      where the packet starts
     * @return its length, {@code PaddingPacketWriter.HEADER_LENGTH + padding}; the transport-wide sequence number
     *         is 0, for the caller to stamp
     * @throws IllegalArgumentException if {@code padding} is out of range
     */
    public synchronized int padding(int rtxPayloadType, int timestamp, int padding, byte[] out, int outOffset) {
        int n = PaddingPacketWriter.write(out, outOffset, rtxPayloadType, sequence, timestamp, ssrc, 0, padding);
        sequence = RtpSequence.next(sequence);
        return n;
    }

    /** @return the RTX SSRC */
    public int ssrc() {
        return ssrc;
    }

    /**
     * Continues another writer's retransmission stream of the same RTX SSRC: the next packet carries the
     * sequence number the other's next would have.
     *
     * @param previous the writer whose stream this one continues
     * @throws IllegalArgumentException if its SSRC differs
     */
    public synchronized void continueFrom(RtxPacketWriter previous) {
        if (previous.ssrc() != ssrc) {
            throw new IllegalArgumentException("cannot continue RTX SSRC " + Integer.toHexString(previous.ssrc()));
        }
        this.sequence = previous.nextSequence();
    }

    /** @return the sequence number the next packet will carry */
    public synchronized int nextSequence() {
        return sequence;
    }
}
