package dev.vc.transport.udp.cc;

/**
 * The transport-wide sequence number RTP header extension (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §2, {@value #URI}): a 16-bit counter the sender of a hop stamps on every RTP packet it sends on that hop,
 * whatever the SSRC, so the receiving end can report every packet's arrival in transport-cc feedback
 * ({@link TransportFeedbackWriter}).
 *
 * <p>Written in the RFC 8285 one-byte header form: one element byte {@code ID << 4 | (2 - 1)} followed by the
 * sequence number, big-endian. Alone in an extension block it takes 8 bytes:
 *
 * <pre>
 *  0xBE 0xDE | length = 1 (word) | ID, L = 1 | seq (2 bytes) | 1 byte padding (0)
 * </pre>
 *
 * <p>These helpers are static and allocate nothing. The element ID is negotiated (SDP {@code a=extmap}); vc's
 * default is {@value #DEFAULT_ID}, beside abs-capture-time on ID 1.
 *
 * <pre>{@code
 * // sender, after the fixed header (X bit set by the caller):
 * int n = TransportSequenceNumber.writeExtension(packet, 12, TransportSequenceNumber.DEFAULT_ID, seq);
 * // receiver, on a whole RTP packet:
 * int seq = TransportSequenceNumber.find(packet, 0, length, TransportSequenceNumber.DEFAULT_ID);
 * if (seq != TransportSequenceNumber.ABSENT) recorder.onPacket(seq, ssrc, arrivalMicros);
 * }</pre>
 */
public final class TransportSequenceNumber {
    /** The extension's URI, as negotiated in SDP {@code a=extmap}. */
    public static final String URI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** The element ID vc uses unless the session negotiates another. */
    public static final int DEFAULT_ID = 2;
    /** Data bytes of the element: the 16-bit sequence number. */
    public static final int DATA_LENGTH = 2;
    /** Bytes of one element in the one-byte form: the ID/length byte and the data. */
    public static final int ELEMENT_LENGTH = 1 + DATA_LENGTH;
    /** Bytes of a whole extension block holding only this element: 4 header + 3 element + 1 padding. */
    public static final int EXTENSION_LENGTH = 8;
    /** What {@link #find} returns when the packet carries no such element. */
    public static final int ABSENT = -1;

    /** "Defined by profile" of the RFC 8285 one-byte form. */
    static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** RFC 8285 two-byte form: 0x100 in the top 12 bits, the low 4 bits are "appbits". */
    static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;
    static final int TWO_BYTE_PROFILE = 0x1000;

    private TransportSequenceNumber() {
    }

    /**
     * Writes one one-byte-form element (3 bytes) at {@code offset}, for a caller assembling a block of several
     * elements.
     *
     * @param buffer   destination
     * @param offset   where the element starts
     * @param id       the negotiated element ID, 1..14
     * @param sequence the transport-wide sequence number; only its low 16 bits are written
     * @return {@value #ELEMENT_LENGTH}, the bytes written
     */
    public static int writeElement(byte[] buffer, int offset, int id, int sequence) {
        checkId(id);
        buffer[offset] = (byte) (id << 4 | (DATA_LENGTH - 1));
        Wire.put16(buffer, offset + 1, sequence);
        return ELEMENT_LENGTH;
    }

    /**
     * Writes a complete extension block holding only this element (profile 0xBEDE, length, element, padding).
     * The caller sets the X bit of the fixed header.
     *
     * @param buffer   destination
     * @param offset   where the block starts, right after the fixed header and CSRC list
     * @param id       the negotiated element ID, 1..14
     * @param sequence the transport-wide sequence number; only its low 16 bits are written
     * @return {@value #EXTENSION_LENGTH}, the bytes written
     */
    public static int writeExtension(byte[] buffer, int offset, int id, int sequence) {
        Wire.put16(buffer, offset, ONE_BYTE_PROFILE);
        Wire.put16(buffer, offset + 2, (EXTENSION_LENGTH - 4) / 4);
        writeElement(buffer, offset + 4, id, sequence);
        buffer[offset + 7] = 0;
        return EXTENSION_LENGTH;
    }

    /**
     * Finds the element in a received RTP packet and reads it. Walks the fixed header, the CSRC list and the
     * header extension (RFC 8285 one-byte or two-byte form); never throws on bad input: a packet too short or
     * inconsistent to hold the element reads as {@link #ABSENT}.
     *
     * @param packet a buffer holding one RTP packet
     * @param offset where the packet starts
     * @param length its length
     * @param id     the negotiated element ID, 1..14 (one-byte form) or 1..255 (two-byte form)
     * @return the sequence number in {@code [0, 65535]}, or {@link #ABSENT}
     */
    public static int find(byte[] packet, int offset, int length, int id) {
        int at = locate(packet, offset, length, id);
        return at == ABSENT ? ABSENT : Wire.u16(packet, at);
    }

    /**
     * Overwrites the sequence number of an element found by {@link #locate}, in place: how a relay gives a
     * forwarded packet the sequence number of the hop it is sent on, without copying it.
     *
     * @param packet   the packet
     * @param at       the element's data offset, from {@link #locate}
     * @param sequence the new sequence number; only its low 16 bits are written
     */
    public static void rewrite(byte[] packet, int at, int sequence) {
        Wire.put16(packet, at, sequence);
    }

    /**
     * Finds the element as {@link #find} does and answers where its two data bytes are, so the caller can
     * read or {@link #rewrite} them. Never throws on bad input.
     *
     * @param packet a buffer holding one RTP packet
     * @param offset where the packet starts
     * @param length its length
     * @param id     the negotiated element ID
     * @return the offset of the sequence number's first byte in {@code packet}, or {@link #ABSENT}
     */
    public static int locate(byte[] packet, int offset, int length, int id) {
        int end = offset + length;
        if (length < 12 || (packet[offset] & 0xC0) != 0x80 || (packet[offset] & 0x10) == 0) {
            return ABSENT;
        }
        int at = offset + 12 + 4 * (packet[offset] & 0x0F);
        if (at + 4 > end) {
            return ABSENT;
        }
        int profile = Wire.u16(packet, at);
        int blockEnd = at + 4 + 4 * Wire.u16(packet, at + 2);
        if (blockEnd > end) {
            return ABSENT;
        }
        int data = ABSENT;
        int dataLength = 0;
        if (profile == ONE_BYTE_PROFILE) {
            for (int e = at + 4; e < blockEnd; ) {
                int b = packet[e] & 0xFF;
                if (b == 0) {
                    e++;
                    continue;
                }
                int elementId = b >>> 4;
                if (elementId == 15) {
                    break;
                }
                int len = (b & 0x0F) + 1;
                if (elementId == id) {
                    data = e + 1;
                    dataLength = len;
                    break;
                }
                e += 1 + len;
            }
        } else if ((profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE) {
            for (int e = at + 4; e + 1 < blockEnd; ) {
                int elementId = packet[e] & 0xFF;
                if (elementId == 0) {
                    e++;
                    continue;
                }
                int len = packet[e + 1] & 0xFF;
                if (elementId == id) {
                    data = e + 2;
                    dataLength = len;
                    break;
                }
                e += 2 + len;
            }
        }
        if (data == ABSENT || dataLength < DATA_LENGTH || data + DATA_LENGTH > blockEnd) {
            return ABSENT;
        }
        return data;
    }

    private static void checkId(int id) {
        if (id < 1 || id > 14) {
            throw new IllegalArgumentException("one-byte extension element ID must be 1..14: " + id);
        }
    }
}
