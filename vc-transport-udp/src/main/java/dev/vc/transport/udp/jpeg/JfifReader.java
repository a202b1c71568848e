package dev.vc.transport.udp.jpeg;

import dev.vc.transport.udp.internal.Bytes;

import java.util.Arrays;

/**
 * Reads what RFC 2435 needs from a baseline JPEG interchange file: the size, the RFC type (from the
 * sampling factors), the two quantization tables and where the entropy-coded scan lies. Rejects, with
 * {@link JpegFormatException}, every image the payload format cannot reproduce at the receiver.
 *
 * <p>Reused from frame to frame; allocates nothing.
 */
final class JfifReader {
    /** Largest width or height RFC 2435 can describe: 255 blocks of 8 pixels. */
    static final int MAX_DIMENSION = 2040;
    /** Fragment offsets are 24-bit, which bounds the scan size. */
    static final int MAX_SCAN_LENGTH = (1 << 24) - 1;

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOF0 = 0xC0;
    private static final int DHT = 0xC4;
    private static final int DQT = 0xDB;
    private static final int DRI = 0xDD;
    private static final int SOS = 0xDA;
    private static final int TEM = 0x01;

    private final byte[] quantization = new byte[4 * 64];
    private final boolean[] quantizationPresent = new boolean[4];
    private final int[] componentId = new int[3];
    private final int[] componentTable = new int[3];

    /** Luminance then chrominance quantization table, 64 bytes each, zig-zag order. */
    final byte[] tables = new byte[128];
    int width;
    int height;
    int type;
    int scanOffset;
    int scanLength;

    /**
     * @param jpeg   buffer
     * @param offset first byte of the JPEG (its SOI marker)
     * @param length bytes
     * @throws JpegFormatException if RFC 2435 cannot carry the image
     */
    void parse(byte[] jpeg, int offset, int length) {
        if (jpeg == null || offset < 0 || length < 0 || offset > jpeg.length - length) {
            throw new IllegalArgumentException("JPEG bounds outside the buffer");
        }
        int end = offset + length;
        if (length < 4 || (jpeg[offset] & 0xFF) != 0xFF || (jpeg[offset + 1] & 0xFF) != SOI) {
            throw new JpegFormatException("not a JPEG: no SOI marker");
        }
        Arrays.fill(quantizationPresent, false);
        type = -1;
        int at = offset + 2;
        while (true) {
            if (at >= end || (jpeg[at] & 0xFF) != 0xFF) {
                throw new JpegFormatException("expected a marker at byte " + (at - offset));
            }
            while (at < end && (jpeg[at] & 0xFF) == 0xFF) {
                at++; // fill bytes
            }
            if (at >= end) {
                throw new JpegFormatException("JPEG ends before its scan");
            }
            int marker = jpeg[at++] & 0xFF;
            if (marker == TEM) {
                continue;
            }
            if (marker == SOI || marker == EOI || (marker >= 0xD0 && marker <= 0xD7)) {
                throw new JpegFormatException(String.format("unexpected marker FF%02X before the scan", marker));
            }
            if (at + 2 > end) {
                throw new JpegFormatException("JPEG ends inside a marker segment");
            }
            int segmentLength = Bytes.u16(jpeg, at);
            if (segmentLength < 2 || segmentLength > end - at) {
                throw new JpegFormatException(String.format("segment FF%02X of %d bytes runs past the end",
                        marker, segmentLength));
            }
            int from = at + 2;
            int to = at + segmentLength;
            switch (marker) {
                case DQT -> readQuantizationTables(jpeg, from, to);
                case SOF0 -> readFrameHeader(jpeg, from, to);
                case DHT -> checkHuffmanTables(jpeg, from, to);
                case DRI -> checkRestartInterval(jpeg, from, to);
                case SOS -> {
                    readScanHeader(jpeg, from, to);
                    findScanEnd(jpeg, to, end);
                    return;
                }
                default -> {
                    if (marker >= 0xC1 && marker <= 0xCF && marker != 0xC8 && marker != 0xCC) {
                        throw new JpegFormatException(String.format(
                                "SOF%d image: RFC 2435 carries baseline (SOF0) JPEG only", marker - 0xC0));
                    }
                    // APPn, COM and the like carry nothing the receiver needs
                }
            }
            at = to;
        }
    }

    private void readQuantizationTables(byte[] b, int from, int to) {
        int at = from;
        while (at < to) {
            int precision = (b[at] & 0xFF) >>> 4;
            int id = b[at] & 0x0F;
            if (precision != 0) {
                throw new JpegFormatException("16-bit quantization table: RFC 2435 carries 8-bit tables");
            }
            if (id > 3 || at + 65 > to) {
                throw new JpegFormatException("malformed DQT segment");
            }
            System.arraycopy(b, at + 1, quantization, id * 64, 64);
            quantizationPresent[id] = true;
            at += 65;
        }
    }

    private void readFrameHeader(byte[] b, int from, int to) {
        if (to - from < 6) {
            throw new JpegFormatException("malformed SOF0 segment");
        }
        if ((b[from] & 0xFF) != 8) {
            throw new JpegFormatException((b[from] & 0xFF) + "-bit samples: RFC 2435 carries 8-bit JPEG");
        }
        height = Bytes.u16(b, from + 1);
        width = Bytes.u16(b, from + 3);
        int components = b[from + 5] & 0xFF;
        if (components != 3) {
            throw new JpegFormatException(components + " components: RFC 2435 types 0 and 1 carry YCbCr");
        }
        if (to - from != 6 + 3 * components) {
            throw new JpegFormatException("malformed SOF0 segment");
        }
        if (width == 0 || height == 0) {
            throw new JpegFormatException("image without a size in SOF0 (DNL) is not supported");
        }
        if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new JpegFormatException(width + "x" + height + " exceeds the " + MAX_DIMENSION
                    + " pixels RFC 2435 can describe");
        }
        for (int i = 0; i < 3; i++) {
            int at = from + 6 + 3 * i;
            componentId[i] = b[at] & 0xFF;
            componentTable[i] = b[at + 2] & 0xFF;
            if (componentTable[i] > 3) {
                throw new JpegFormatException("component uses quantization table " + componentTable[i]);
            }
            int hv = b[at + 1] & 0xFF;
            if (i == 0) {
                type = hv == 0x21 ? 0 : hv == 0x22 ? 1 : -1;
                if (type < 0) {
                    throw new JpegFormatException(String.format(
                            "luma sampling %dx%d: RFC 2435 carries 2x1 (type 0) or 2x2 (type 1)", hv >>> 4, hv & 15));
                }
            } else if (hv != 0x11) {
                throw new JpegFormatException(String.format("chroma sampling %dx%d: RFC 2435 needs 1x1",
                        hv >>> 4, hv & 15));
            }
        }
        if (componentTable[1] != componentTable[2]) {
            throw new JpegFormatException("Cb and Cr use different quantization tables: RFC 2435 shares one");
        }
    }

    private static void checkHuffmanTables(byte[] b, int from, int to) {
        int at = from;
        while (at < to) {
            int tableClass = (b[at] & 0xFF) >>> 4;
            int id = b[at] & 0x0F;
            if (at + 17 > to) {
                throw new JpegFormatException("malformed DHT segment");
            }
            int count = 0;
            for (int i = 0; i < 16; i++) {
                count += b[at + 1 + i] & 0xFF;
            }
            if (at + 17 + count > to) {
                throw new JpegFormatException("malformed DHT segment");
            }
            byte[] bits = JpegTables.huffmanBits(tableClass, id);
            byte[] values = JpegTables.huffmanValues(tableClass, id);
            if (bits == null || count != values.length
                    || !Arrays.equals(b, at + 1, at + 17, bits, 0, 16)
                    || !Arrays.equals(b, at + 17, at + 17 + count, values, 0, count)) {
                throw new JpegFormatException("custom Huffman tables: RFC 2435 receivers assume the standard"
                        + " tables of JPEG Annex K.3 (do not optimize Huffman tables)");
            }
            at += 17 + count;
        }
    }

    private static void checkRestartInterval(byte[] b, int from, int to) {
        if (to - from != 2) {
            throw new JpegFormatException("malformed DRI segment");
        }
        if (Bytes.u16(b, from) != 0) {
            throw new JpegFormatException("restart markers (DRI) are not supported");
        }
    }

    private void readScanHeader(byte[] b, int from, int to) {
        if (type < 0) {
            throw new JpegFormatException("scan before the SOF0 frame header");
        }
        int components = to > from ? b[from] & 0xFF : 0;
        if (components != 3 || to - from != 4 + 2 * components) {
            throw new JpegFormatException("scan of " + components + " components: RFC 2435 needs one"
                    + " interleaved scan of Y, Cb and Cr");
        }
        for (int i = 0; i < 3; i++) {
            int selector = b[from + 1 + 2 * i] & 0xFF;
            int huffman = b[from + 2 + 2 * i] & 0xFF;
            if (selector != componentId[i]) {
                throw new JpegFormatException("scan components are not in frame order Y, Cb, Cr");
            }
            if (huffman != (i == 0 ? 0x00 : 0x11)) {
                throw new JpegFormatException("scan uses Huffman tables other than 0 for Y and 1 for Cb, Cr");
            }
        }
        int at = from + 7;
        if ((b[at] & 0xFF) != 0 || (b[at + 1] & 0xFF) != 63 || (b[at + 2] & 0xFF) != 0) {
            throw new JpegFormatException("not a sequential scan (Ss=0, Se=63, Ah=Al=0)");
        }
        for (int i = 0; i < 2; i++) {
            int id = componentTable[i];
            if (!quantizationPresent[id]) {
                throw new JpegFormatException("quantization table " + id + " used but not defined");
            }
            System.arraycopy(quantization, id * 64, tables, i * 64, 64);
        }
    }

    private void findScanEnd(byte[] b, int from, int end) {
        for (int i = end - 2; i >= from; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == EOI) {
                scanOffset = from;
                scanLength = i - from;
                if (scanLength == 0) {
                    throw new JpegFormatException("empty scan");
                }
                if (scanLength > MAX_SCAN_LENGTH) {
                    throw new JpegFormatException("scan of " + scanLength + " bytes exceeds the 24-bit"
                            + " fragment offset of RFC 2435");
                }
                return;
            }
        }
        throw new JpegFormatException("no EOI marker after the scan");
    }
}
