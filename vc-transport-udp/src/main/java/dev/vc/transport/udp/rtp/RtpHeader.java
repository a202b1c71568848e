package dev.vc.transport.udp.rtp;

import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.internal.Bytes;

import java.util.Arrays;

/**
 * Reads the header of an RTP packet (RFC 3550 §5.1) in place: fixed header, CSRC list, header extension
 * (RFC 3550 §5.3.1, with the one-byte elements of RFC 8285 §4.2 exposed by ID) and padding.
 *
 * <p>One instance is reused for packet after packet; {@link #parse} allocates nothing. After a successful
 * parse, the payload is {@code packet[payloadOffset(), payloadOffset() + payloadLength())}.
 *
 * <pre>{@code
 * RtpHeader rtp = new RtpHeader();
 * rtp.parse(buffer, 0, length);              // throws MalformedPacketException
 * if (rtp.payloadType() == 26) {
 *     int at = rtp.extensionElementOffset(AbsCaptureTime.ID);
 *     ...
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one reader per receive thread.
 */
public final class RtpHeader {
    /** Length of the fixed header in bytes. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** The only RTP version there is. */
    public static final int VERSION = 2;
    /** "Defined by profile" value of the RFC 8285 one-byte header extension form. */
    public static final int ONE_BYTE_EXTENSION_PROFILE = 0xBEDE;
    /** Largest one-byte extension element ID (15 is reserved and stops parsing, RFC 8285 §4.2). */
    public static final int MAX_ONE_BYTE_ID = 14;

    private static final int NO_ELEMENT = -1;

    private byte[] packet;
    private boolean padding;
    private boolean extension;
    private int csrcCount;
    private boolean marker;
    private int payloadType;
    private int sequence;
    private int timestamp;
    private int ssrc;
    private int csrcOffset;
    private int extensionProfile;
    private int extensionOffset;
    private int extensionLength;
    private int payloadOffset;
    private int payloadLength;
    private int paddingLength;
    private final int[] elementOffset = new int[MAX_ONE_BYTE_ID + 1];
    private final int[] elementLength = new int[MAX_ONE_BYTE_ID + 1];

    /** Creates a reader; call {@link #parse} before any getter. */
    public RtpHeader() {
        Arrays.fill(elementOffset, NO_ELEMENT);
    }

    /**
     * Parses the packet {@code packet[offset, offset + length)}.
     *
     * @param packet the buffer, kept (not copied) until the next parse
     * @param offset where the packet starts
     * @param length the packet's length (the UDP payload size)
     * @return this reader
     * @throws MalformedPacketException if the packet is not valid RTP version 2; the reader's state is then
     *                                  undefined
     */
    public RtpHeader parse(byte[] packet, int offset, int length) {
        if (packet == null || offset < 0 || length < 0 || offset > packet.length - length) {
            throw new MalformedPacketException("packet bounds outside the buffer");
        }
        if (length < FIXED_HEADER_LENGTH) {
            throw new MalformedPacketException("RTP packet of " + length + " bytes, shorter than its fixed header");
        }
        this.packet = packet;
        int b0 = packet[offset] & 0xFF;
        int version = b0 >>> 6;
        if (version != VERSION) {
            throw new MalformedPacketException("RTP version " + version + ", expected 2");
        }
        padding = (b0 & 0x20) != 0;
        extension = (b0 & 0x10) != 0;
        csrcCount = b0 & 0x0F;
        int b1 = packet[offset + 1] & 0xFF;
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7F;
        sequence = Bytes.u16(packet, offset + 2);
        timestamp = Bytes.i32(packet, offset + 4);
        ssrc = Bytes.i32(packet, offset + 8);
        int end = offset + length;
        csrcOffset = offset + FIXED_HEADER_LENGTH;
        int at = csrcOffset + 4 * csrcCount;
        if (at > end) {
            throw new MalformedPacketException("CSRC list of " + csrcCount + " runs past the packet end");
        }
        Arrays.fill(elementOffset, NO_ELEMENT);
        extensionProfile = 0;
        extensionOffset = at;
        extensionLength = 0;
        if (extension) {
            if (at + 4 > end) {
                throw new MalformedPacketException("header extension runs past the packet end");
            }
            extensionProfile = Bytes.u16(packet, at);
            extensionLength = 4 * Bytes.u16(packet, at + 2);
            extensionOffset = at + 4;
            if (extensionLength > end - extensionOffset) {
                throw new MalformedPacketException("header extension of " + extensionLength
                        + " bytes runs past the packet end");
            }
            at = extensionOffset + extensionLength;
            if (extensionProfile == ONE_BYTE_EXTENSION_PROFILE) {
                parseOneByteElements(extensionOffset, at);
            }
        }
        paddingLength = 0;
        if (padding) {
            paddingLength = packet[end - 1] & 0xFF;
            if (paddingLength == 0 || paddingLength > end - at) {
                throw new MalformedPacketException("padding count " + paddingLength + " does not fit the "
                        + (end - at) + " bytes after the header");
            }
        }
        payloadOffset = at;
        payloadLength = end - at - paddingLength;
        return this;
    }

    private void parseOneByteElements(int from, int to) {
        int at = from;
        while (at < to) {
            int b = packet[at] & 0xFF;
            if (b == 0) {
                at++; // padding between elements
                continue;
            }
            int id = b >>> 4;
            if (id == 15) {
                return; // reserved: stop processing the extension (RFC 8285 §4.2)
            }
            int len = (b & 0x0F) + 1;
            if (at + 1 + len > to) {
                throw new MalformedPacketException("extension element " + id + " of " + len
                        + " bytes runs past the extension end");
            }
            if (elementOffset[id] == NO_ELEMENT) {
                elementOffset[id] = at + 1;
                elementLength[id] = len;
            }
            at += 1 + len;
        }
    }

    /** @return the P bit: whether the packet ends in padding */
    public boolean padding() {
        return padding;
    }

    /** @return the X bit: whether a header extension follows the CSRC list */
    public boolean extension() {
        return extension;
    }

    /** @return CC: the number of CSRC identifiers, 0..15 */
    public int csrcCount() {
        return csrcCount;
    }

    /**
     * @param index 0 .. {@link #csrcCount()} - 1
     * @return that contributing source identifier
     */
    public int csrc(int index) {
        if (index < 0 || index >= csrcCount) {
            throw new IndexOutOfBoundsException("CSRC " + index + " of " + csrcCount);
        }
        return Bytes.i32(packet, csrcOffset + 4 * index);
    }

    /** @return the M bit; for video, set on the last packet of a frame */
    public boolean marker() {
        return marker;
    }

    /** @return PT, 0..127 */
    public int payloadType() {
        return payloadType;
    }

    /** @return the sequence number, 0..65535 */
    public int sequence() {
        return sequence;
    }

    /** @return the 32-bit timestamp, raw; compare with {@link RtpTimestamp} */
    public int timestamp() {
        return timestamp;
    }

    /** @return the synchronisation source identifier */
    public int ssrc() {
        return ssrc;
    }

    /** @return the extension's "defined by profile" field, 0 when there is no extension */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** @return the offset of the extension data (after its 4-byte header) in the buffer */
    public int extensionOffset() {
        return extensionOffset;
    }

    /** @return the extension data length in bytes, 0 when there is none */
    public int extensionLength() {
        return extensionLength;
    }

    /**
     * @param id a one-byte-form element ID, 1..14
     * @return the buffer offset of that element's data, or -1 if the packet has no such element
     */
    public int extensionElementOffset(int id) {
        return id < 1 || id > MAX_ONE_BYTE_ID ? NO_ELEMENT : elementOffset[id];
    }

    /**
     * @param id a one-byte-form element ID, 1..14
     * @return that element's data length in bytes (1..16), or 0 if the packet has no such element
     */
    public int extensionElementLength(int id) {
        return extensionElementOffset(id) == NO_ELEMENT ? 0 : elementLength[id];
    }

    /** @return where the payload starts in the buffer */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** @return the payload length in bytes, without padding */
    public int payloadLength() {
        return payloadLength;
    }

    /** @return the number of padding bytes at the packet end, including the count byte; 0 without padding */
    public int paddingLength() {
        return paddingLength;
    }

    /**
     * @return whether the packet is padding only (RFC 3550 §5.1: the P bit set and nothing left after removing
     *         the padding): a probe of the path, never media ({@link PaddingPacketWriter})
     */
    public boolean paddingOnly() {
        return padding && payloadLength == 0;
    }

    /** @return the buffer of the last parsed packet */
    public byte[] buffer() {
        return packet;
    }

    @Override
    public String toString() {
        return "RtpHeader[pt=" + payloadType + " seq=" + sequence + " ts=" + Integer.toUnsignedString(timestamp)
                + " ssrc=" + String.format("%08x", ssrc) + (marker ? " M" : "") + " payload=" + payloadLength + "]";
    }
}
