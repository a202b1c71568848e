package dev.vc.transport.udp.jpeg;

import dev.vc.api.EncodedFrame;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.internal.Bytes;

import java.util.Arrays;

/**
 * Rebuilds one JPEG frame from its RFC 2435 fragments: bytes in, a decodable JFIF out, no socket.
 *
 * <p>Fragments may come in any order and more than once; each is written at its fragment offset and the
 * covered byte ranges are tracked. The frame {@linkplain #isComplete() is complete} once the ranges from
 * offset 0 to the end of the marker packet's fragment are contiguous. The JFIF written then holds SOI, a
 * JFIF APP0, DQT with the frame's tables (inline for Q 128-255; for Q 1-99 computed per RFC 2435
 * Appendix A), SOF0 with the sampling of the RFC type, the standard Huffman tables (Appendix B, JPEG
 * Annex K.3), SOS, the scan and EOI.
 *
 * <pre>{@code
 * JpegDepacketizer depacketizer = new JpegDepacketizer(JpegDepacketizer.DEFAULT_MAX_FRAME_BYTES);
 * for (each RTP packet of the frame) {
 *     header.parse(packet, rtp.payloadOffset(), rtp.payloadLength());
 *     depacketizer.add(header, rtp.marker());
 * }
 * if (depacketizer.isComplete()) {
 *     depacketizer.writeTo(frame);
 * }
 * depacketizer.reset();
 * }</pre>
 *
 * <p>Supports types 0 and 1 with 8-bit tables (two, or one that luma and chroma share); anything else is a {@link MalformedPacketException}. The scan
 * buffer starts small and grows up to the maximum frame size; it is kept across {@link #reset()}s.
 * Not thread-safe.
 */
public final class JpegDepacketizer {
    /** Default bound on a frame's scan: 4 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 4 << 20;
    /** Most disjoint byte ranges tracked while fragments arrive out of order. */
    public static final int MAX_RANGES = 64;
    /** Bytes of JFIF headers and trailer around the scan. */
    public static final int JFIF_OVERHEAD = 2 + 18 + 134 + 19 + 420 + 14 + 2;

    private static final int INITIAL_CAPACITY = 64 * 1024;
    private static final int TABLES_LENGTH = 128;
    private static final int ONE_TABLE = 64;
    /** APP0 body: "JFIF\0", version 1.01, no units, 1:1 density, no thumbnail. */
    private static final byte[] JFIF_APP0 = {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};

    private final int maxFrameBytes;
    private byte[] scan;
    private final byte[] tables = new byte[TABLES_LENGTH];
    private final int[] rangeStart = new int[MAX_RANGES];
    private final int[] rangeEnd = new int[MAX_RANGES];
    private int ranges;
    private boolean started;
    private boolean tablesKnown;
    private int type;
    private int q;
    private int width;
    private int height;
    private int end;

    /** Creates a depacketizer bounded by {@link #DEFAULT_MAX_FRAME_BYTES}. */
    public JpegDepacketizer() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    /** @param maxFrameBytes largest scan accepted, in bytes */
    public JpegDepacketizer(int maxFrameBytes) {
        if (maxFrameBytes < 1 || maxFrameBytes > JpegPayloadHeader.MAX_FRAME_DATA) {
            throw new IllegalArgumentException("max frame bytes must be in 1.." + JpegPayloadHeader.MAX_FRAME_DATA);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.scan = new byte[Math.min(INITIAL_CAPACITY, maxFrameBytes)];
        reset();
    }

    /** Forgets the current frame; the buffers are kept. */
    public void reset() {
        ranges = 0;
        started = false;
        tablesKnown = false;
        end = -1;
    }

    /**
     * Adds one fragment.
     *
     * @param header the parsed payload header of the fragment's packet
     * @param marker the packet's RTP marker bit (last packet of the frame)
     * @return true if the fragment added bytes; false if they were all there already (a duplicate)
     * @throws MalformedPacketException if the fragment cannot belong to a frame vc can rebuild: unsupported
     *                                  type, Q or table precision; values that disagree with earlier
     *                                  fragments; data past the frame end or past the maximum frame size;
     *                                  too many gaps. The frame should then be discarded.
     */
    public boolean add(JpegPayloadHeader header, boolean marker) {
        checkSupported(header);
        if (!started) {
            started = true;
            type = header.type();
            q = header.q();
            width = header.width();
            height = header.height();
        } else if (header.type() != type || header.q() != q || header.width() != width
                || header.height() != height) {
            throw new MalformedPacketException("fragment disagrees with its frame's type, Q or size");
        }
        int from = header.fragmentOffset();
        int to = from + header.dataLength();
        if (to > maxFrameBytes) {
            throw new MalformedPacketException("frame exceeds " + maxFrameBytes + " bytes");
        }
        if (marker) {
            if (end >= 0 && end != to) {
                throw new MalformedPacketException("two marker packets with different frame ends");
            }
            if (ranges > 0 && rangeEnd[ranges - 1] > to) {
                throw new MalformedPacketException("data past the marker packet's end");
            }
            end = to;
        } else if (end >= 0 && to > end) {
            throw new MalformedPacketException("data past the marker packet's end");
        }
        if (header.hasTables()) {
            System.arraycopy(header.buffer(), header.tableOffset(), tables, 0, header.tableLength());
            if (header.tableLength() == ONE_TABLE) { // one table for luma and chroma, as ffmpeg sends
                System.arraycopy(tables, 0, tables, ONE_TABLE, ONE_TABLE);
            }
            tablesKnown = true;
        }
        if (covered(from, to)) {
            return false;
        }
        insertRange(from, to);
        ensureCapacity(to);
        System.arraycopy(header.buffer(), header.dataOffset(), scan, from, to - from);
        return true;
    }

    private static void checkSupported(JpegPayloadHeader header) {
        int type = header.type();
        if (type != 0 && type != 1) {
            throw new MalformedPacketException("RFC 2435 type " + type + " is not supported (0 and 1 are)");
        }
        int q = header.q();
        if (q >= 100 && q < 128) {
            throw new MalformedPacketException("Q " + q + " is reserved");
        }
        if (header.hasTables()) {
            if (header.tablePrecision() != 0) {
                throw new MalformedPacketException("16-bit quantization tables are not supported");
            }
            if (header.tableLength() != TABLES_LENGTH && header.tableLength() != ONE_TABLE) {
                throw new MalformedPacketException("expected one or two 64-byte quantization tables, got "
                        + header.tableLength() + " bytes (cached tables are not supported)");
            }
        }
    }

    private boolean covered(int from, int to) {
        for (int i = 0; i < ranges; i++) {
            if (rangeStart[i] <= from && to <= rangeEnd[i]) {
                return true;
            }
        }
        return false;
    }

    /** Inserts [from, to) into the sorted list of disjoint ranges, merging what overlaps or touches. */
    private void insertRange(int from, int to) {
        int first = 0;
        while (first < ranges && rangeEnd[first] < from) {
            first++;
        }
        int last = first;
        int start = from;
        int stop = to;
        while (last < ranges && rangeStart[last] <= to) {
            start = Math.min(start, rangeStart[last]);
            stop = Math.max(stop, rangeEnd[last]);
            last++;
        }
        int merged = last - first;
        if (merged == 0 && ranges == MAX_RANGES) {
            throw new MalformedPacketException("more than " + MAX_RANGES + " gaps in one frame");
        }
        int shift = 1 - merged;
        if (shift != 0) {
            System.arraycopy(rangeStart, last, rangeStart, last + shift, ranges - last);
            System.arraycopy(rangeEnd, last, rangeEnd, last + shift, ranges - last);
        }
        rangeStart[first] = start;
        rangeEnd[first] = stop;
        ranges += shift;
    }

    private void ensureCapacity(int needed) {
        if (scan.length < needed) {
            int grown = (int) Math.min(maxFrameBytes, Math.max((long) needed, 2L * scan.length));
            scan = Arrays.copyOf(scan, grown);
        }
    }

    /** @return whether every byte from offset 0 to the end of the marker packet's fragment has arrived */
    public boolean isComplete() {
        return end > 0 && ranges == 1 && rangeStart[0] == 0 && rangeEnd[0] == end && (tablesKnown || q < 128);
    }

    /** @return the frame's width in pixels, from the payload headers (0 before the first fragment) */
    public int width() {
        return started ? width : 0;
    }

    /** @return the frame's height in pixels, from the payload headers (0 before the first fragment) */
    public int height() {
        return started ? height : 0;
    }

    /** @return bytes of the complete frame's scan */
    public int scanLength() {
        requireComplete();
        return end;
    }

    /** @return the size of the JFIF {@link #writeJfif} writes */
    public int jfifLength() {
        requireComplete();
        return JFIF_OVERHEAD + end - (endsWithEoi() ? 2 : 0);
    }

    /**
     * Writes the complete frame as a JFIF into {@code frame}'s buffer (growing it) and sets its length;
     * the caller {@linkplain EncodedFrame#describe describes} it.
     *
     * @param frame destination
     * @return {@code frame}
     * @throws IllegalStateException if the frame is not complete
     */
    public EncodedFrame writeTo(EncodedFrame frame) {
        int length = jfifLength();
        writeJfif(frame.ensureCapacity(length), 0);
        return frame.length(length);
    }

    /**
     * Writes the complete frame as a JFIF.
     *
     * @param out    destination, at least {@link #jfifLength()} bytes from {@code offset}
     * @param offset where to write
     * @return bytes written
     * @throws IllegalStateException if the frame is not complete
     */
    public int writeJfif(byte[] out, int offset) {
        int length = jfifLength();
        int at = offset;
        at = marker(out, at, 0xD8);
        at = writeApp0(out, at);
        at = writeQuantizationTables(out, at);
        at = writeFrameHeader(out, at);
        at = writeHuffmanTables(out, at);
        at = writeScanHeader(out, at);
        int scanBytes = end - (endsWithEoi() ? 2 : 0);
        System.arraycopy(scan, 0, out, at, scanBytes);
        at += scanBytes;
        at = marker(out, at, 0xD9);
        if (at - offset != length) {
            throw new IllegalStateException("JFIF length " + (at - offset) + " != " + length);
        }
        return length;
    }

    private void requireComplete() {
        if (!isComplete()) {
            throw new IllegalStateException("frame is not complete");
        }
    }

    /** A sender that put the EOI marker into the scan (some do) gets no second one. */
    private boolean endsWithEoi() {
        return end >= 2 && (scan[end - 2] & 0xFF) == 0xFF && (scan[end - 1] & 0xFF) == 0xD9;
    }

    private static int marker(byte[] out, int at, int code) {
        out[at] = (byte) 0xFF;
        out[at + 1] = (byte) code;
        return at + 2;
    }

    private static int segment(byte[] out, int at, int code, int length) {
        marker(out, at, code);
        Bytes.put16(out, at + 2, length);
        return at + 4;
    }

    private static int writeApp0(byte[] out, int at) {
        int p = segment(out, at, 0xE0, 16);
        System.arraycopy(JFIF_APP0, 0, out, p, JFIF_APP0.length);
        return p + JFIF_APP0.length;
    }

    private int writeQuantizationTables(byte[] out, int at) {
        int p = segment(out, at, 0xDB, 2 + 2 * 65);
        if (q < 128) {
            JpegTables.tablesForQuality(q, tables, 0);
        }
        for (int id = 0; id < 2; id++) {
            out[p++] = (byte) id; // 8-bit precision, table id
            System.arraycopy(tables, id * 64, out, p, 64);
            p += 64;
        }
        return p;
    }

    private int writeFrameHeader(byte[] out, int at) {
        int p = segment(out, at, 0xC0, 17);
        out[p++] = 8;
        Bytes.put16(out, p, height);
        Bytes.put16(out, p + 2, width);
        p += 4;
        out[p++] = 3;
        int lumaSampling = type == 0 ? 0x21 : 0x22;
        for (int c = 0; c < 3; c++) {
            out[p++] = (byte) (c + 1);
            out[p++] = (byte) (c == 0 ? lumaSampling : 0x11);
            out[p++] = (byte) (c == 0 ? 0 : 1);
        }
        return p;
    }

    private static int writeHuffmanTables(byte[] out, int at) {
        int length = 2;
        for (int tableClass = 0; tableClass < 2; tableClass++) {
            for (int id = 0; id < 2; id++) {
                length += 17 + JpegTables.huffmanValues(tableClass, id).length;
            }
        }
        int p = segment(out, at, 0xC4, length);
        for (int tableClass = 0; tableClass < 2; tableClass++) {
            for (int id = 0; id < 2; id++) {
                byte[] bits = JpegTables.huffmanBits(tableClass, id);
                byte[] values = JpegTables.huffmanValues(tableClass, id);
                out[p++] = (byte) (tableClass << 4 | id);
                System.arraycopy(bits, 0, out, p, 16);
                p += 16;
                System.arraycopy(values, 0, out, p, values.length);
                p += values.length;
            }
        }
        return p;
    }

    private static int writeScanHeader(byte[] out, int at) {
        int p = segment(out, at, 0xDA, 12);
        out[p++] = 3;
        for (int c = 0; c < 3; c++) {
            out[p++] = (byte) (c + 1);
            out[p++] = (byte) (c == 0 ? 0x00 : 0x11);
        }
        out[p++] = 0;
        out[p++] = 63;
        out[p++] = 0;
        return p;
    }
}
