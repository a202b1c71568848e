package dev.vc.transport.udp.rtp;

import dev.vc.transport.udp.cc.TransportSequenceNumber;

/**
 * Writes padding-only RTP packets (RFC 3550 §5.1: the P bit set, no payload, the last byte counting the padding):
 * what a sender sends to probe a path's capacity. vc sends them on a media stream's RTX SSRC, numbered with its
 * retransmissions ({@link RtxPacketWriter#padding}), as libwebrtc does. A receiver records their transport-wide sequence number for
 * transport-cc feedback, so the probe is measured, and then drops them ({@link RtpHeader#paddingOnly()}): they
 * never are media and never open a stream.
 *
 * <p>Each packet is {@value #HEADER_LENGTH} bytes of header (the fixed header with X and P set and an RFC 8285
 * block holding only the {@link TransportSequenceNumber} element on ID
 * {@value TransportSequenceNumber#DEFAULT_ID}) followed by 1..{@value #MAX_PADDING} bytes of padding. The
 * transport-wide sequence number is written as the caller gives it (0 when a later stage stamps it, as vc's
 * send chain and the relay do). Stateless: nothing allocates, any thread may call it.
 *
 * <pre>{@code
 * int n = PaddingPacketWriter.write(buffer, 0, payloadType, paddingSequence, timestamp, ssrc, 0,
 *         PaddingPacketWriter.MAX_PADDING);
 * // stamp the transport-wide sequence number, then send buffer[0, n)
 * }</pre>
 */
public final class PaddingPacketWriter {
    /** Most padding one packet can carry: the count is one byte. */
    public static final int MAX_PADDING = 255;
    /** Header bytes of every packet written: 12 fixed, 8 of extension. */
    public static final int HEADER_LENGTH = RtpHeader.FIXED_HEADER_LENGTH + TransportSequenceNumber.EXTENSION_LENGTH;
    /** The largest packet written: {@value #HEADER_LENGTH} + {@value #MAX_PADDING} bytes. */
    public static final int MAX_LENGTH = HEADER_LENGTH + MAX_PADDING;

    private PaddingPacketWriter() {
    }

    /**
     * Writes one padding-only packet.
     *
     * @param buffer            destination, at least {@code HEADER_LENGTH + padding} bytes from {@code offset}
     * @param offset            where the packet starts
     * @param payloadType       PT, 0..127 (the stream's current one)
     * @param sequence          its RTP sequence number, 0..65535
     * @param timestamp         its RTP timestamp
     * @param ssrc              its SSRC
     * @param transportSequence the transport-wide sequence number, or 0 for a later stage to stamp
     * @param padding           padding bytes, the count byte included, 1..{@value #MAX_PADDING}
     * @return the packet's length, {@code HEADER_LENGTH + padding}
     * @throws IllegalArgumentException if {@code padding} is out of range
     */
    public static int write(byte[] buffer, int offset, int payloadType, int sequence, int timestamp, int ssrc,
                            int transportSequence, int padding) {
        if (padding < 1 || padding > MAX_PADDING) {
            throw new IllegalArgumentException("padding must be in 1.." + MAX_PADDING + ", got " + padding);
        }
        RtpPacketWriter.writeFixedHeader(buffer, offset, true, false, payloadType, sequence, timestamp, ssrc);
        buffer[offset] |= 0x20;                                  // P
        TransportSequenceNumber.writeExtension(buffer, offset + RtpHeader.FIXED_HEADER_LENGTH,
                TransportSequenceNumber.DEFAULT_ID, transportSequence);
        int end = offset + HEADER_LENGTH + padding;
        java.util.Arrays.fill(buffer, offset + HEADER_LENGTH, end - 1, (byte) 0);
        buffer[end - 1] = (byte) padding;
        return HEADER_LENGTH + padding;
    }
}
