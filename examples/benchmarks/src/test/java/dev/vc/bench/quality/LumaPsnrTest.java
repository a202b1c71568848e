package dev.vc.bench.quality;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LumaPsnrTest {
    @Test
    void shouldCompareI420OnTheLumaPlaneOnly() {
        VideoFrame a = new VideoFrame(4, 2, PixelFormat.I420);
        VideoFrame b = new VideoFrame(4, 2, PixelFormat.I420);
        Arrays.fill(a.data(), (byte) 100);
        Arrays.fill(b.data(), (byte) 100);
        b.data()[0] = 104;                       // one of 8 luma samples off by 4: MSE 16 / 8 = 2
        b.data()[8] = (byte) 200;                // chroma does not count
        assertEquals(2.0, LumaPsnr.mse(a, b), 1e-12);
        assertEquals(10 * Math.log10(255.0 * 255.0 / 2), LumaPsnr.psnr(2.0), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, LumaPsnr.psnr(LumaPsnr.mse(a, a)));
    }

    @Test
    void shouldCompareBgrOnBt601LumaAgainstEitherLayout() {
        VideoFrame grey = new VideoFrame(2, 2, PixelFormat.BGR24);
        Arrays.fill(grey.data(), (byte) 50);
        VideoFrame y = new VideoFrame(2, 2, PixelFormat.I420);
        Arrays.fill(y.data(), (byte) 50);
        assertEquals(0.0, LumaPsnr.mse(grey, y), 1e-9, "grey has luma equal to its value");
        VideoFrame red = new VideoFrame(2, 2, PixelFormat.BGR24);
        for (int i = 0; i < 4; i++) {
            red.data()[3 * i + 2] = (byte) 100;
        }
        assertEquals(29.9 * 29.9, LumaPsnr.mse(red, new VideoFrame(2, 2, PixelFormat.I420)), 1e-9, "0.299 x 100");
        assertThrows(IllegalArgumentException.class, () -> LumaPsnr.mse(grey, new VideoFrame(4, 2, PixelFormat.BGR24)));
    }
}
