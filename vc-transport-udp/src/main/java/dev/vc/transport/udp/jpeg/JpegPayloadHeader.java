package dev.vc.transport.udp.jpeg;

import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.internal.Bytes;

/**
 * Reads and writes the headers at the start of every RFC 2435 RTP payload: the main JPEG header (§3.1),
 * the restart marker header (§3.1.7, types 64-127) and the quantization table header (§3.1.8, in the first
 * packet of a frame with Q 128-255).
 *
 * <pre>
 *  main:   type-specific (8) | fragment offset (24) | type (8) | Q (8) | width/8 (8) | height/8 (8)
 *  qtable: MBZ (8) | precision (8) | length (16) | table data (length bytes, zig-zag order)
 * </pre>
 *
 * <p>One instance is reused packet after packet; {@link #parse} allocates nothing and throws only
 * {@link MalformedPacketException}. It checks the structure only; whether vc can rebuild a frame from the
 * values (type, Q, table precision) is {@link JpegDepacketizer}'s decision.
 *
 * <pre>{@code
 * JpegPayloadHeader jpeg = new JpegPayloadHeader();
 * jpeg.parse(buffer, rtp.payloadOffset(), rtp.payloadLength());
 * int fragmentEnd = jpeg.fragmentOffset() + jpeg.dataLength();
 * }</pre>
 */
public final class JpegPayloadHeader {
    /** Length of the main JPEG header. */
    public static final int MAIN_HEADER_LENGTH = 8;
    /** Length of the restart marker header. */
    public static final int RESTART_HEADER_LENGTH = 4;
    /** Length of the quantization table header before its table data. */
    public static final int QUANTIZATION_HEADER_LENGTH = 4;
    /** Largest fragment end a 24-bit fragment offset allows. */
    public static final int MAX_FRAME_DATA = 1 << 24;

    private byte[] buffer;
    private int typeSpecific;
    private int fragmentOffset;
    private int type;
    private int q;
    private int width;
    private int height;
    private boolean restartHeader;
    private int restartInterval;
    private boolean tablesPresent;
    private int tablePrecision;
    private int tableOffset;
    private int tableLength;
    private int dataOffset;
    private int dataLength;

    /** Creates a reader; call {@link #parse} before any getter. */
    public JpegPayloadHeader() {
    }

    /**
     * Parses the RTP payload {@code payload[offset, offset + length)}.
     *
     * @param payload buffer, kept (not copied) until the next parse
     * @param offset  where the payload starts
     * @param length  payload length, without RTP padding
     * @return this reader
     * @throws MalformedPacketException if the headers are truncated or invalid, or no JPEG data follows
     */
    public JpegPayloadHeader parse(byte[] payload, int offset, int length) {
        if (payload == null || offset < 0 || length < 0 || offset > payload.length - length) {
            throw new MalformedPacketException("payload bounds outside the buffer");
        }
        if (length < MAIN_HEADER_LENGTH) {
            throw new MalformedPacketException("JPEG payload of " + length + " bytes, shorter than its header");
        }
        buffer = payload;
        int end = offset + length;
        typeSpecific = payload[offset] & 0xFF;
        fragmentOffset = Bytes.u24(payload, offset + 1);
        type = payload[offset + 4] & 0xFF;
        q = payload[offset + 5] & 0xFF;
        width = (payload[offset + 6] & 0xFF) * 8;
        height = (payload[offset + 7] & 0xFF) * 8;
        if (q == 0) {
            throw new MalformedPacketException("Q 0 is reserved");
        }
        if (width == 0 || height == 0) {
            throw new MalformedPacketException("JPEG payload of zero width or height");
        }
        int at = offset + MAIN_HEADER_LENGTH;
        restartHeader = type >= 64 && type <= 127;
        restartInterval = 0;
        if (restartHeader) {
            if (at + RESTART_HEADER_LENGTH > end) {
                throw new MalformedPacketException("restart marker header runs past the payload end");
            }
            restartInterval = Bytes.u16(payload, at);
            at += RESTART_HEADER_LENGTH;
        }
        tablesPresent = q >= 128 && fragmentOffset == 0;
        tablePrecision = 0;
        tableOffset = at;
        tableLength = 0;
        if (tablesPresent) {
            if (at + QUANTIZATION_HEADER_LENGTH > end) {
                throw new MalformedPacketException("quantization table header runs past the payload end");
            }
            tablePrecision = payload[at + 1] & 0xFF;
            tableLength = Bytes.u16(payload, at + 2);
            tableOffset = at + QUANTIZATION_HEADER_LENGTH;
            if (tableLength > end - tableOffset) {
                throw new MalformedPacketException("quantization tables of " + tableLength
                        + " bytes run past the payload end");
            }
            if (q == 255 && tableLength == 0) {
                throw new MalformedPacketException("Q 255 without quantization tables");
            }
            at = tableOffset + tableLength;
        }
        dataOffset = at;
        dataLength = end - at;
        if (dataLength == 0) {
            throw new MalformedPacketException("JPEG payload without data");
        }
        if (dataLength > MAX_FRAME_DATA - fragmentOffset) {
            throw new MalformedPacketException("fragment ends past the 24-bit offset range");
        }
        return this;
    }

    /**
     * Writes a main JPEG header.
     *
     * @param buffer         destination
     * @param offset         where to write
     * @param fragmentOffset byte offset of this packet's data in the frame's scan, below 2^24
     * @param type           RFC 2435 type (0: 4:2:2, 1: 4:2:0)
     * @param q              Q factor (255: tables inline in the first packet)
     * @param width          picture width in pixels, up to 2040; rounded up to a multiple of 8
     * @param height         picture height in pixels, up to 2040; rounded up to a multiple of 8
     * @return {@value #MAIN_HEADER_LENGTH}
     */
    public static int writeMainHeader(byte[] buffer, int offset, int fragmentOffset, int type, int q, int width,
                                      int height) {
        buffer[offset] = 0; // type-specific: progressive frame
        Bytes.put24(buffer, offset + 1, fragmentOffset);
        buffer[offset + 4] = (byte) type;
        buffer[offset + 5] = (byte) q;
        buffer[offset + 6] = (byte) ((width + 7) / 8);
        buffer[offset + 7] = (byte) ((height + 7) / 8);
        return MAIN_HEADER_LENGTH;
    }

    /**
     * Writes a quantization table header with 8-bit tables.
     *
     * @param buffer      destination
     * @param offset      where to write
     * @param tables      table data, each table 64 bytes in zig-zag order
     * @param tableOffset where the table data starts
     * @param tableLength bytes of table data
     * @return the bytes written: {@value #QUANTIZATION_HEADER_LENGTH} plus {@code tableLength}
     */
    public static int writeQuantizationHeader(byte[] buffer, int offset, byte[] tables, int tableOffset,
                                              int tableLength) {
        buffer[offset] = 0; // MBZ
        buffer[offset + 1] = 0; // precision: every table 8-bit
        Bytes.put16(buffer, offset + 2, tableLength);
        System.arraycopy(tables, tableOffset, buffer, offset + QUANTIZATION_HEADER_LENGTH, tableLength);
        return QUANTIZATION_HEADER_LENGTH + tableLength;
    }

    /** @return the type-specific field (interlacing; 0 for progressive frames) */
    public int typeSpecific() {
        return typeSpecific;
    }

    /** @return offset of this packet's data in the frame's entropy-coded scan */
    public int fragmentOffset() {
        return fragmentOffset;
    }

    /** @return the RFC 2435 type: 0 (4:2:2), 1 (4:2:0), +64 with restart markers */
    public int type() {
        return type;
    }

    /** @return the Q factor: 1-99 standard-scaled tables, 128-255 tables in the packet, 255 dynamic */
    public int q() {
        return q;
    }

    /** @return the picture width in pixels (a multiple of 8) */
    public int width() {
        return width;
    }

    /** @return the picture height in pixels (a multiple of 8) */
    public int height() {
        return height;
    }

    /** @return whether a restart marker header followed the main header (types 64-127) */
    public boolean hasRestartHeader() {
        return restartHeader;
    }

    /** @return the restart interval of types 64-127, else 0 */
    public int restartInterval() {
        return restartInterval;
    }

    /** @return whether a quantization table header is present (Q 128-255 and fragment offset 0) */
    public boolean hasTables() {
        return tablesPresent;
    }

    /** @return the table header's precision bits: bit i set means table i has 16-bit entries */
    public int tablePrecision() {
        return tablePrecision;
    }

    /** @return the buffer offset of the table data */
    public int tableOffset() {
        return tableOffset;
    }

    /** @return the table data length, 0 when absent */
    public int tableLength() {
        return tableLength;
    }

    /** @return the buffer offset of this packet's JPEG data */
    public int dataOffset() {
        return dataOffset;
    }

    /** @return the length of this packet's JPEG data, at least 1 */
    public int dataLength() {
        return dataLength;
    }

    /** @return the buffer of the last parsed payload */
    public byte[] buffer() {
        return buffer;
    }
}
