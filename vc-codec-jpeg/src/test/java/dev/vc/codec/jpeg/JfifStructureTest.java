package dev.vc.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGQTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The encoder's output must be what RFC 2435 (RTP/JPEG type 1) can carry. */
class JfifStructureTest {
    private static final int SOF0 = 0xC0;
    private static final int DHT = 0xC4;
    private static final int DQT = 0xDB;
    private static final int DRI = 0xDD;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
        60, 61, 54, 47, 55, 62, 63,
    };

    private static EncodedFrame encode(int quality, PixelFormat format) {
        VideoFrame frame = TestFrames.synthetic(320, 240, format, 1).get(0);
        EncodedFrame jpeg = new EncodedFrame();
        Config config = Config.empty().with("vc.quality", Integer.toString(quality));
        try (Encoder encoder = new JpegEncoderProvider().create(EncoderSettings.from(config))) {
            encoder.encode(frame, jpeg);
        }
        return jpeg;
    }

    private static List<JpegSegments.Segment> segments(EncodedFrame jpeg, int marker) {
        List<JpegSegments.Segment> found = new ArrayList<>();
        for (JpegSegments.Segment segment : JpegSegments.header(jpeg.data(), jpeg.length())) {
            if (segment.marker() == marker) {
                found.add(segment);
            }
        }
        return found;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 30, 60, 100})
    void shouldWriteBaselineSof0With420Sampling(int quality) {
        EncodedFrame jpeg = encode(quality, PixelFormat.BGR24);
        List<JpegSegments.Segment> all = JpegSegments.header(jpeg.data(), jpeg.length());
        for (JpegSegments.Segment segment : all) {
            int m = segment.marker();
            boolean otherSof = m >= 0xC1 && m <= 0xCF && m != DHT && m != 0xC8 && m != 0xCC;
            assertFalse(otherSof, "non-baseline SOF marker " + Integer.toHexString(m));
        }
        List<JpegSegments.Segment> sof = segments(jpeg, SOF0);
        assertEquals(1, sof.size());
        JpegSegments.Segment frame = sof.get(0);
        assertEquals(8, frame.u8(0), "sample precision");
        assertEquals(240, (frame.u8(1) << 8) | frame.u8(2));
        assertEquals(320, (frame.u8(3) << 8) | frame.u8(4));
        assertEquals(3, frame.u8(5), "components");
        assertEquals(0x22, frame.u8(7), "Y sampled 2x2");
        assertEquals(0x11, frame.u8(10), "Cb sampled 1x1");
        assertEquals(0x11, frame.u8(13), "Cr sampled 1x1");
        assertEquals(0, frame.u8(8), "Y uses table 0");
        assertEquals(1, frame.u8(11), "Cb uses table 1");
        assertEquals(1, frame.u8(14), "Cr uses table 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 30, 60, 100})
    void shouldUse8BitQuantisationTablesAndNoRestartIntervalOrThumbnail(int quality) {
        EncodedFrame jpeg = encode(quality, PixelFormat.I420);
        for (JpegSegments.Segment dqt : segments(jpeg, DQT)) {
            for (int at = 0; at < dqt.payload().length; at += 65) {
                assertEquals(0, dqt.u8(at) >> 4, "8-bit precision");
            }
        }
        assertTrue(segments(jpeg, DRI).isEmpty(), "no DRI marker");
        List<JpegSegments.Segment> all = JpegSegments.header(jpeg.data(), jpeg.length());
        int scanStart = 2;
        for (JpegSegments.Segment segment : all) {
            scanStart += 4 + segment.payload().length;
            int m = segment.marker();
            assertFalse(m >= 0xE1 && m <= 0xEF, "no APPn other than JFIF: " + Integer.toHexString(m));
        }
        assertFalse(JpegSegments.hasMarkersAfterScan(jpeg.data(), jpeg.length(), scanStart), "no RSTn in the scan");
        List<JpegSegments.Segment> app0 = segments(jpeg, APP0);
        assertEquals(1, app0.size());
        JpegSegments.Segment jfif = app0.get(0);
        assertEquals("JFIF", new String(jfif.payload(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, jfif.u8(12), "thumbnail width");
        assertEquals(0, jfif.u8(13), "thumbnail height");
        assertEquals(0xFF, jpeg.data()[jpeg.length() - 2] & 0xFF);
        assertEquals(0xD9, jpeg.data()[jpeg.length() - 1] & 0xFF, "ends with EOI");
        assertEquals(1, segments(jpeg, SOS).size(), "one scan");
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 60, 95})
    void shouldScaleTheStandardQuantisationTablesByIjgQuality(int quality) {
        EncodedFrame jpeg = encode(quality, PixelFormat.BGR24);
        int[][] tables = new int[2][];
        for (JpegSegments.Segment dqt : segments(jpeg, DQT)) {
            for (int at = 0; at < dqt.payload().length; at += 65) {
                int[] natural = new int[64];
                for (int k = 0; k < 64; k++) {
                    natural[ZIGZAG[k]] = dqt.u8(at + 1 + k);
                }
                tables[dqt.u8(at) & 0x0F] = natural;
            }
        }
        assertArrayEquals(ijg(JPEGQTable.K1Luminance.getTable(), quality), tables[0], "luminance");
        assertArrayEquals(ijg(JPEGQTable.K2Chrominance.getTable(), quality), tables[1], "chrominance");
    }

    private static int[] ijg(int[] base, int quality) {
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        int[] scaled = new int[64];
        for (int i = 0; i < 64; i++) {
            scaled[i] = Math.max(1, Math.min(255, (base[i] * scale + 50) / 100));
        }
        return scaled;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 60, 100})
    void shouldUseTheStandardHuffmanTables(int quality) {
        EncodedFrame jpeg = encode(quality, PixelFormat.BGR24);
        List<String> found = new ArrayList<>();
        for (JpegSegments.Segment dht : segments(jpeg, DHT)) {
            int at = 0;
            while (at < dht.payload().length) {
                int classAndId = dht.u8(at);
                short[] lengths = new short[16];
                int count = 0;
                for (int i = 0; i < 16; i++) {
                    lengths[i] = (short) dht.u8(at + 1 + i);
                    count += lengths[i];
                }
                short[] values = new short[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (short) dht.u8(at + 17 + i);
                }
                JPEGHuffmanTable expected = standard(classAndId);
                assertArrayEquals(expected.getLengths(), lengths, "table " + Integer.toHexString(classAndId));
                assertArrayEquals(expected.getValues(), values, "table " + Integer.toHexString(classAndId));
                found.add(Integer.toHexString(classAndId));
                at += 17 + count;
            }
        }
        found.sort(null);
        assertEquals(Arrays.asList("0", "1", "10", "11"), found, "DC and AC tables for luma and chroma");
    }

    private static JPEGHuffmanTable standard(int classAndId) {
        return switch (classAndId) {
            case 0x00 -> JPEGHuffmanTable.StdDCLuminance;
            case 0x01 -> JPEGHuffmanTable.StdDCChrominance;
            case 0x10 -> JPEGHuffmanTable.StdACLuminance;
            case 0x11 -> JPEGHuffmanTable.StdACChrominance;
            default -> throw new AssertionError("unexpected Huffman table " + Integer.toHexString(classAndId));
        };
    }
}
