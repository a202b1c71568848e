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
    void shouldRefuseSizesItCannotHalveIntoI420() {
        assertThrows(IllegalArgumentException.class, () -> PixelScaling.halveI420(new byte[1000], 6, 4, new byte[100]));
        assertThrows(IllegalArgumentException.class, () -> PixelScaling.halveI420(new byte[10], 4, 4, new byte[6]));
        assertThrows(IllegalArgumentException.class,
                () -> PixelScaling.halveI420(new VideoFrame(8, 8, PixelFormat.BGR24), new VideoFrame()));
    }
}
