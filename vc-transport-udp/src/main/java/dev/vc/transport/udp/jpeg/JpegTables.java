package dev.vc.transport.udp.jpeg;

/**
 * The fixed tables of the RFC 2435 payload format: the zig-zag order, the example quantization tables of
 * JPEG Annex K.1/K.2 and their scaling by a Q factor (RFC 2435 Appendix A), and the typical Huffman tables
 * of JPEG Annex K.3 (RFC 2435 Appendix B), which every RFC 2435 image uses.
 */
final class JpegTables {
    /** {@code ZIGZAG[i]} is the natural (row-major) index of the i-th coefficient in zig-zag order. */
    static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };

    /** JPEG Table K.1, luminance quantization, natural order. */
    static final int[] LUMA_QUANTIZER = {
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    };

    /** JPEG Table K.2, chrominance quantization, natural order. */
    static final int[] CHROMA_QUANTIZER = {
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    };

    /** Table K.3: code counts per length 1..16 of the luminance DC table. */
    static final byte[] DC_LUMA_BITS = bytes(0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
    /** Table K.3: luminance DC symbols. */
    static final byte[] DC_LUMA_VALUES = bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    /** Table K.4: code counts per length of the chrominance DC table. */
    static final byte[] DC_CHROMA_BITS = bytes(0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0);
    /** Table K.4: chrominance DC symbols. */
    static final byte[] DC_CHROMA_VALUES = bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    /** Table K.5: code counts per length of the luminance AC table. */
    static final byte[] AC_LUMA_BITS = bytes(0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d);
    /** Table K.5: luminance AC symbols. */
    static final byte[] AC_LUMA_VALUES = bytes(
        0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
        0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
        0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
        0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
        0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
        0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
        0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
        0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
        0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
        0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
        0xf9, 0xfa);
    /** Table K.6: code counts per length of the chrominance AC table. */
    static final byte[] AC_CHROMA_BITS = bytes(0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77);
    /** Table K.6: chrominance AC symbols. */
    static final byte[] AC_CHROMA_VALUES = bytes(
        0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
        0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0,
        0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
        0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
        0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
        0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
        0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
        0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
        0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
        0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
        0xf9, 0xfa);

    private JpegTables() {
    }

    /**
     * Computes the luminance and chrominance tables of a Q factor per RFC 2435 Appendix A, in zig-zag order
     * (the order of a DQT segment and of the RTP quantization table header).
     *
     * @param q      the Q factor, 1..99 (50 gives Tables K.1 and K.2 unscaled)
     * @param out    destination of 128 bytes: the luminance table, then the chrominance table
     * @param offset where to write
     */
    static void tablesForQuality(int q, byte[] out, int offset) {
        int factor = Math.max(1, Math.min(99, q));
        int scale = factor < 50 ? 5000 / factor : 200 - factor * 2;
        for (int i = 0; i < 64; i++) {
            out[offset + i] = (byte) scaled(LUMA_QUANTIZER[ZIGZAG[i]], scale);
            out[offset + 64 + i] = (byte) scaled(CHROMA_QUANTIZER[ZIGZAG[i]], scale);
        }
    }

    private static int scaled(int base, int scale) {
        return Math.max(1, Math.min(255, (base * scale + 50) / 100));
    }

    /**
     * @param tableClass 0 for DC, 1 for AC
     * @param id         0 for luminance, 1 for chrominance
     * @return the code counts of that standard table, or null for another class or ID
     */
    static byte[] huffmanBits(int tableClass, int id) {
        if (id == 0) {
            return tableClass == 0 ? DC_LUMA_BITS : tableClass == 1 ? AC_LUMA_BITS : null;
        }
        if (id == 1) {
            return tableClass == 0 ? DC_CHROMA_BITS : tableClass == 1 ? AC_CHROMA_BITS : null;
        }
        return null;
    }

    /**
     * @param tableClass 0 for DC, 1 for AC
     * @param id         0 for luminance, 1 for chrominance
     * @return the symbols of that standard table, or null for another class or ID
     */
    static byte[] huffmanValues(int tableClass, int id) {
        if (id == 0) {
            return tableClass == 0 ? DC_LUMA_VALUES : tableClass == 1 ? AC_LUMA_VALUES : null;
        }
        if (id == 1) {
            return tableClass == 0 ? DC_CHROMA_VALUES : tableClass == 1 ? AC_CHROMA_VALUES : null;
        }
        return null;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
