package dev.vc.transport.udp.rtp;

import dev.vc.transport.udp.internal.Bytes;

/**
 * The RTX packet format (RFC 4588 §4, SSRC-multiplexed): a retransmission travels on a stream of its own, with
 * its own SSRC ({@link dev.vc.api.RtxSsrc}), sequence numbers and payload type, and carries the original packet's
 * sequence number (the OSN) in the first two bytes of its payload, the original payload after it. The rest of
 * the header (M bit, timestamp, CSRCs, header extensions) is the original's, so the transport-wide sequence number
 * is stamped afresh on each sent packet like on any other, and SRTP protects a retransmission under an index of
 * its own.
 *
 * <pre>
 * original: | header (PT, SEQ, SSRC, ...) | payload          | padding |
 * RTX:      | header (RTX PT, RTX SEQ, RTX SSRC, ...) | OSN | payload | padding |
 * </pre>
 *
 * <p>Payload types: each media payload type has one RTX payload type (its {@code apt}): a dynamic one, 96..127,
 * pairs with the other of its even/odd pair (H.264 on 96 retransmits on 97); JPEG (26) retransmits on
 * {@value #JPEG_RTX_PAYLOAD_TYPE}, from the range RFC 3551 §3 leaves unassigned for further dynamic types (below
 * RTCP's 64..95, RFC 5761 §4). Stateless and allocation-free; {@link RtxPacketWriter} numbers a stream's packets.
 */
public final class RtxPacket {
    /** Bytes of the original sequence number at the start of an RTX payload. */
    public static final int OSN_LENGTH = 2;
    /** The payload type JPEG's retransmissions travel with. */
    public static final int JPEG_RTX_PAYLOAD_TYPE = 35;
    /** JPEG's static payload type (RFC 3551). */
    private static final int JPEG_PAYLOAD_TYPE = 26;
    private static final int DYNAMIC_FIRST = 96;

    private RtxPacket() {
    }

    /**
     * @param mediaPayloadType a media packet's PT
     * @return the PT its retransmissions carry, or -1 if vc has none for it
     */
    public static int payloadTypeFor(int mediaPayloadType) {
        if (mediaPayloadType == JPEG_PAYLOAD_TYPE) {
            return JPEG_RTX_PAYLOAD_TYPE;
        }
        return mediaPayloadType >= DYNAMIC_FIRST && mediaPayloadType <= 127 ? mediaPayloadType ^ 1 : -1;
    }

    /**
     * @param rtxPayloadType an RTX packet's PT
     * @return the PT of the media it retransmits (RFC 4588's {@code apt}), or -1 if it is no RTX payload type of vc's
     */
    public static int associatedPayloadType(int rtxPayloadType) {
        if (rtxPayloadType == JPEG_RTX_PAYLOAD_TYPE) {
            return JPEG_PAYLOAD_TYPE;
        }
        return rtxPayloadType >= DYNAMIC_FIRST && rtxPayloadType <= 127 ? rtxPayloadType ^ 1 : -1;
    }

    /**
     * Writes the RTX packet of an original packet into another buffer.
     *
     * @param packet         holds the original RTP packet
     * @param offset         where it starts
     * @param length         its length
     * @param out            destination, at least {@code length + OSN_LENGTH} bytes from {@code outOffset}; not
     *                       overlapping the original
     * @param outOffset      where the RTX packet starts
     * @param rtxPayloadType the RTX packet's PT ({@link #payloadTypeFor})
     * @param rtxSequence    its sequence number, 0..65535
     * @param rtxSsrc        its SSRC
     * @return the RTX packet's length, {@code length + OSN_LENGTH}, or -1 if the original's header runs past its end
     */
    public static int wrap(byte[] packet, int offset, int length, byte[] out, int outOffset, int rtxPayloadType,
                           int rtxSequence, int rtxSsrc) {
        int header = headerLength(packet, offset, length);
        if (header < 0) {
            return -1;
        }
        System.arraycopy(packet, offset, out, outOffset, header);
        out[outOffset + 1] = (byte) (packet[offset + 1] & 0x80 | rtxPayloadType & 0x7F);
        Bytes.put16(out, outOffset + 2, rtxSequence);
        Bytes.put32(out, outOffset + 8, rtxSsrc);
        out[outOffset + header] = packet[offset + 2];          // OSN
        out[outOffset + header + 1] = packet[offset + 3];
        System.arraycopy(packet, offset + header, out, outOffset + header + OSN_LENGTH, length - header);
        return length + OSN_LENGTH;
    }

    /**
     * @param rtx a parsed RTX packet
     * @return its original sequence number, or -1 if its payload has no room for one
     */
    public static int originalSequence(RtpHeader rtx) {
        return rtx.payloadLength() < OSN_LENGTH ? -1 : Bytes.u16(rtx.buffer(), rtx.payloadOffset());
    }

    /**
     * Turns a parsed RTX packet back into the original, in place in {@link RtpHeader#buffer()}: the OSN becomes the
     * sequence number, the payload (and any padding) moves up by {@value #OSN_LENGTH} bytes. The parsed header is
     * stale afterwards: parse the original again.
     *
     * @param rtx              the parsed RTX packet, with an OSN ({@link #originalSequence} not -1)
     * @param offset           where the packet starts in the buffer
     * @param length           its length
     * @param mediaPayloadType the original's PT ({@link #associatedPayloadType})
     * @param mediaSsrc        the original's SSRC
     * @return the original's length, {@code length - OSN_LENGTH}, or -1 if the packet holds no OSN (unchanged)
     */
    public static int unwrap(RtpHeader rtx, int offset, int length, int mediaPayloadType, int mediaSsrc) {
        int osn = originalSequence(rtx);
        if (osn < 0) {
            return -1;
        }
        byte[] b = rtx.buffer();
        int at = rtx.payloadOffset();
        System.arraycopy(b, at + OSN_LENGTH, b, at, offset + length - at - OSN_LENGTH);
        b[offset + 1] = (byte) (b[offset + 1] & 0x80 | mediaPayloadType & 0x7F);
        Bytes.put16(b, offset + 2, osn);
        Bytes.put32(b, offset + 8, mediaSsrc);
        return length - OSN_LENGTH;
    }

    /** @return the header length (fixed, CSRCs, extension) of the packet, or -1 if it runs past {@code length} */
    private static int headerLength(byte[] packet, int offset, int length) {
        if (length < RtpHeader.FIXED_HEADER_LENGTH) {
            return -1;
        }
        int header = RtpHeader.FIXED_HEADER_LENGTH + 4 * (packet[offset] & 0x0F);
        if ((packet[offset] & 0x10) != 0) {
            if (header + 4 > length) {
                return -1;
            }
            header += 4 + 4 * Bytes.u16(packet, offset + header + 2);
        }
        return header <= length ? header : -1;
    }
}
