package dev.vc.transport.udp.jpeg;

import org.junit.jupiter.api.Test;

import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGQTable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegTablesTest {
    private static int[] zigzag(int[] natural) {
        int[] z = new int[64];
        for (int i = 0; i < 64; i++) {
            z[i] = natural[JpegTables.ZIGZAG[i]];
        }
        return z;
    }

    private static int[] unsigned(byte[] b, int from, int length) {
        int[] v = new int[length];
        for (int i = 0; i < length; i++) {
            v[i] = b[from + i] & 0xFF;
        }
        return v;
    }

    @Test
    void shouldComputeAnnexKTablesForQ50() {
        byte[] tables = new byte[128];
        JpegTables.tablesForQuality(50, tables, 0);
        // RFC 2435 Appendix A at Q=50 scales by 100%: the luma table is JPEG Table K.1, chroma K.2 (zig-zag).
        assertArrayEquals(zigzag(JPEGQTable.K1Luminance.getTable()), unsigned(tables, 0, 64));
        assertArrayEquals(zigzag(JPEGQTable.K2Chrominance.getTable()), unsigned(tables, 64, 64));
        assertArrayEquals(new int[] {16, 11, 12, 14, 12, 10, 16, 14}, unsigned(tables, 0, 8),
                "first luma entries in zig-zag order");
    }

    @Test
    void shouldScaleTablesLikeAppendixA() {
        byte[] tables = new byte[128];
        JpegTables.tablesForQuality(75, tables, 0); // scale 200 - 150 = 50%
        assertEquals((16 * 50 + 50) / 100, tables[0] & 0xFF);
        assertEquals((99 * 50 + 50) / 100, tables[127] & 0xFF);
        JpegTables.tablesForQuality(10, tables, 0); // scale 5000 / 10 = 500%, clamped at 255
        assertEquals(80, tables[0] & 0xFF);
        assertEquals(255, tables[127] & 0xFF);
        JpegTables.tablesForQuality(99, tables, 0); // scale 2%: every entry at least 1
        for (byte b : tables) {
            assertTrue((b & 0xFF) >= 1);
        }
    }

    @Test
    void shouldMatchTheStandardHuffmanTablesOfAnnexK() {
        assertHuffman(JPEGHuffmanTable.StdDCLuminance, 0, 0);
        assertHuffman(JPEGHuffmanTable.StdDCChrominance, 0, 1);
        assertHuffman(JPEGHuffmanTable.StdACLuminance, 1, 0);
        assertHuffman(JPEGHuffmanTable.StdACChrominance, 1, 1);
    }

    private static void assertHuffman(JPEGHuffmanTable expected, int tableClass, int id) {
        short[] lengths = expected.getLengths();
        short[] values = expected.getValues();
        byte[] bits = JpegTables.huffmanBits(tableClass, id);
        byte[] symbols = JpegTables.huffmanValues(tableClass, id);
        assertEquals(16, bits.length);
        for (int i = 0; i < 16; i++) {
            assertEquals(lengths[i], bits[i] & 0xFF, "bits[" + i + "] of table " + tableClass + "/" + id);
        }
        assertEquals(values.length, symbols.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], symbols[i] & 0xFF, "value " + i + " of table " + tableClass + "/" + id);
        }
    }
}
