package dev.vc.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PixelScalingTest {
    @Test
    void shouldAverageEachTwoByTwoBlockOfEveryPlane() {
        int w = 4;
        int h = 4;
        byte[] in = new byte[w * h * 3 / 2];
        // Y: rows of 0,100 / 50,150 blocks; U all 10 except one 2x2 block of 200; V a 0/255 checkerboard
        byte[] y = {0, 100, 4, 4, 50, (byte) 150, 4, 8, 1, 1, 9, 9, 1, 2, 9, 9};
        System.arraycopy(y, 0, in, 0, 16);
        byte[] u = {(byte) 200, (byte) 200, (byte) 200, (byte) 200};
        System.arraycopy(u, 0, in, 16, 4);
        byte[] v = {0, (byte) 255, (byte) 255, 0};
        System.arraycopy(v, 0, in, 20, 4);
        byte[] out = new byte[6];
        PixelScaling.halveI420(in, w, h, out);
        assertEquals(75, out[0] & 0xFF);              // (0+100+50+150)/4
        assertEquals(5, out[1] & 0xFF);               // (4+4+4+8)/4
        assertEquals(1, out[2] & 0xFF);               // (1+1+1+2)/4 = 1.25 -> 1
        assertEquals(9, out[3] & 0xFF);
        assertEquals(200, out[4] & 0xFF, "U");
        assertEquals(128, out[5] & 0xFF, "V: (0+255+255+0+2)/4");
    }

    @Property(tries = 200)
    void shouldGiveEveryI420SampleTheRoundedMeanOfItsBlock(@ForAll @IntRange(min = 2, max = 160) int halfWidth,
                                                         @ForAll @IntRange(min = 2, max = 24) int halfHeight,
                                                         @ForAll long seed, @ForAll boolean saturated) {
        int w = 2 * halfWidth;                           // every output width: words of four and the rest
        int h = 2 * halfHeight;
        byte[] in = new byte[w * h * 3 / 2];
        new Random(seed).nextBytes(in);
        if (saturated) {
            java.util.Arrays.fill(in, 0, w * h, (byte) 255);  // the largest sums: no lane may overflow
        }
        int ow = PixelScaling.halfSize(w);
        int oh = PixelScaling.halfSize(h);
        byte[] out = new byte[ow * oh * 3 / 2];
        PixelScaling.halveI420(in, w, h, out);
        int[][] planes = {{0, w, 0, ow, oh}, {w * h, w / 2, ow * oh, ow / 2, oh / 2},
                {w * h + w * h / 4, w / 2, ow * oh + ow * oh / 4, ow / 2, oh / 2}};
        for (int[] p : planes) {
            for (int y = 0; y < p[4]; y++) {
                for (int x = 0; x < p[3]; x++) {
                    int a = p[0] + 2 * y * p[1] + 2 * x;
                    int sum = (in[a] & 0xFF) + (in[a + 1] & 0xFF) + (in[a + p[1]] & 0xFF) + (in[a + p[1] + 1] & 0xFF);
                    assertEquals((sum + 2) >> 2, out[p[2] + y * p[3] + x] & 0xFF,
                            w + "x" + h + " plane at " + p[0] + ", sample " + x + "," + y);
                }
            }
        }
    }

    @Property(tries = 50)
    void shouldKeepEachPlanesMeanWithinRounding(@ForAll @IntRange(min = 1, max = 40) int quarterWidth,
                                                @ForAll @IntRange(min = 1, max = 30) int quarterHeight,
                                                @ForAll long seed) {
        int w = quarterWidth * 4;
        int h = quarterHeight * 4;
        VideoFrame full = new VideoFrame(w, h, PixelFormat.I420);
        new Random(seed).nextBytes(full.data());
        full.stamp(123_456_789L, 42);
        VideoFrame half = new VideoFrame();
        assertSame(half, PixelScaling.halveI420(full, half));
        assertEquals(w / 2, half.width());
        assertEquals(h / 2, half.height());
        assertEquals(123_456_789L, half.captureTimeNanos());
        assertEquals(42, half.sequence());
        int[][] planes = {{0, w * h, 0, w * h / 4}, {w * h, w * h / 4, w * h / 4, w * h / 16},
                {w * h * 5 / 4, w * h / 4, w * h / 4 + w * h / 16, w * h / 16}};
        for (int[] p : planes) {
            double in = mean(full.data(), p[0], p[1]);
            double out = mean(half.data(), p[2], p[3]);
            assertTrue(Math.abs(in - out) <= 0.5, in + " vs " + out);
        }
    }

    private static double mean(byte[] data, int from, int count) {
        long sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += data[i] & 0xFF;
        }
        return (double) sum / count;
    }

    @Test
    void shouldRefuseSizesItCannotHalve() {
        assertThrows(IllegalArgumentException.class, () -> PixelScaling.halveI420(new byte[1000], 7, 4, new byte[100]),
                "odd I420");
        assertThrows(IllegalArgumentException.class, () -> PixelScaling.halveI420(new byte[10], 2, 2, new byte[6]),
                "too small to have a half");
        assertThrows(IllegalArgumentException.class, () -> PixelScaling.halveI420(new byte[10], 4, 4, new byte[6]),
                "buffer too small");
        assertThrows(IllegalArgumentException.class, () -> PixelScaling.halveBgr24(new byte[48], 4, 4, new byte[11]),
                "half buffer too small");
        assertThrows(IllegalArgumentException.class,
                () -> PixelScaling.halveI420(new VideoFrame(8, 8, PixelFormat.BGR24), new VideoFrame()));
        assertThrows(IllegalArgumentException.class,
                () -> PixelScaling.halveBgr24(new VideoFrame(8, 8, PixelFormat.I420), new VideoFrame()));
    }

    @Test
    void shouldAverageEachTwoByTwoBlockOfEachColourOfBgr() {
        // 4x4 BGR: the top-left block's B are 0, 100, 50, 150; G all 7; R 255 except one 0.
        byte[] in = new byte[4 * 4 * 3];
        int[][] topLeft = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        int[] blue = {0, 100, 50, 150};
        for (int i = 0; i < 4; i++) {
            int o = (topLeft[i][1] * 4 + topLeft[i][0]) * 3;
            in[o] = (byte) blue[i];
            in[o + 1] = 7;
            in[o + 2] = (byte) (i == 3 ? 0 : 255);
        }
        byte[] out = new byte[2 * 2 * 3];
        PixelScaling.halveBgr24(in, 4, 4, out);
        assertEquals(75, out[0] & 0xFF, "B");
        assertEquals(7, out[1] & 0xFF, "G");
        assertEquals(191, out[2] & 0xFF, "R: (3 * 255 + 0 + 2) / 4");
        assertEquals(0, out[3] & 0xFF, "the next block is all zero");
    }

    @Property(tries = 50)
    void shouldKeepEachColoursMeanWithinRoundingForBgr(@ForAll @IntRange(min = 2, max = 80) int halfWidth,
                                                        @ForAll @IntRange(min = 2, max = 60) int halfHeight,
                                                        @ForAll long seed) {
        int w = halfWidth * 2;
        int h = halfHeight * 2;
        VideoFrame full = new VideoFrame(w, h, PixelFormat.BGR24);
        new Random(seed).nextBytes(full.data());
        full.stamp(7L, 3);
        VideoFrame half = new VideoFrame();
        assertSame(half, PixelScaling.halve(full, half));
        int hw = PixelScaling.halfSize(w);
        int hh = PixelScaling.halfSize(h);
        assertEquals(PixelFormat.BGR24, half.format());
        assertEquals(hw, half.width());
        assertEquals(hh, half.height());
        assertEquals(7L, half.captureTimeNanos());
        for (int colour = 0; colour < 3; colour++) {
            // the covered input: the top-left 2*hw x 2*hh pixels
            long in = 0;
            for (int y = 0; y < 2 * hh; y++) {
                for (int x = 0; x < 2 * hw; x++) {
                    in += full.data()[(y * w + x) * 3 + colour] & 0xFF;
                }
            }
            long out = 0;
            for (int i = 0; i < hw * hh; i++) {
                out += half.data()[i * 3 + colour] & 0xFF;
            }
            double meanIn = (double) in / (4 * hw * hh);
            double meanOut = (double) out / (hw * hh);
            assertTrue(Math.abs(meanIn - meanOut) <= 0.5, meanIn + " vs " + meanOut);
        }
    }

    @Property(tries = 200)
    void shouldGiveEveryLayerAnEvenSizeThatFollowsFromTheFirst(@ForAll @IntRange(min = 16, max = 8192) int size,
                                                               @ForAll @IntRange(min = 0, max = 2) int layer) {
        int halved = size;
        for (int k = 0; k < layer; k++) {
            halved = PixelScaling.halfSize(halved);
        }
        assertEquals(layer == 0 ? size : (size >> layer) & ~1, halved);
        assertTrue(layer == 0 || (halved & 1) == 0);
    }

    @Test
    void shouldHalveAnI420SizeThatIsNotAMultipleOfFourByLeavingOutTheLastColumnAndRow() {
        VideoFrame full = new VideoFrame(6, 6, PixelFormat.I420);
        java.util.Arrays.fill(full.data(), 0, 36, (byte) 10);
        for (int y = 0; y < 6; y++) {
            full.data()[y * 6 + 4] = (byte) 200;          // the fifth and sixth columns of luma: left out...
            full.data()[y * 6 + 5] = (byte) 200;
        }
        for (int x = 0; x < 6; x++) {
            full.data()[4 * 6 + x] = (byte) 200;          // ...as are the fifth and sixth rows
            full.data()[5 * 6 + x] = (byte) 200;
        }
        java.util.Arrays.fill(full.data(), 36, 45, (byte) 60);   // U 3x3
        java.util.Arrays.fill(full.data(), 45, 54, (byte) 90);   // V 3x3
        VideoFrame half = PixelScaling.halveI420(full, new VideoFrame());
        assertEquals(2, half.width());
        assertEquals(2, half.height());
        for (int i = 0; i < 4; i++) {
            assertEquals(10, half.data()[i] & 0xFF, "luma sample " + i);
        }
        assertEquals(60, half.data()[4] & 0xFF, "U");
        assertEquals(90, half.data()[5] & 0xFF, "V");
    }
}
