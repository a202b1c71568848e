package dev.vc.codec.h264;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vc.decoder.output=bgr24} and {@code bgrx32}: the FFmpeg decoder hands over BGR24 or BGRX32 converted by
 * swscale, the same pictures as its I420 ones, and keeps doing so across a size change (a simulcast layer switch).
 */
class BgrOutputTest {
    @ParameterizedTest
    @CsvSource({"bgr24, BGR24", "bgrx32, BGRX32"})
    void shouldHandOverPackedPicturesThatMatchTheI420Ones(String output, PixelFormat format) {
        List<EncodedFrame> stream = Fixtures.encode("h264", 600_000, 300, 10);
        VideoFrame i420 = new VideoFrame();
        VideoFrame bgr = new VideoFrame();
        try (Decoder plain = Fixtures.decoder("h264");
             Decoder converting = ProviderRegistry.decoders().byName("h264")
                     .create(Config.of(Map.of("vc.decoder.output", output)))) {
            for (EncodedFrame frame : stream) {
                assertTrue(plain.decode(frame, i420));
                assertTrue(converting.decode(frame, bgr));
                assertEquals(format, bgr.format());
                assertEquals(640, bgr.width());
                assertEquals(480, bgr.height());
                assertEquals(frame.sequence(), bgr.sequence(), "stamps carried over");
                double difference = meanDifference(i420, bgr);
                assertTrue(difference < 8, "frame " + frame.sequence() + ": mean difference " + difference);
            }
        }
    }

    @Test
    void shouldRejectAnUnknownOutputLayout() {
        ConfigException e = assertThrows(ConfigException.class, () -> ProviderRegistry.decoders().byName("h264")
                .create(Config.of(Map.of("vc.decoder.output", "rgba"))));
        assertTrue(e.getMessage().contains("i420, bgr24, bgrx32"), e.getMessage());
    }

    /** Mean absolute difference per channel between BT.601 full-range conversion of {@code yuv} and {@code bgr}. */
    private static double meanDifference(VideoFrame yuv, VideoFrame bgr) {
        int w = yuv.width();
        int h = yuv.height();
        byte[] p = yuv.data();
        byte[] q = bgr.data();
        int bytesPerPixel = bgr.format() == PixelFormat.BGRX32 ? 4 : 3;
        long sum = 0;
        long count = 0;
        for (int y = 0; y < h; y += 7) {
            for (int x = 0; x < w; x += 7) {
                double luma = p[y * w + x] & 0xFF;
                int chroma = (y / 2) * (w / 2) + x / 2;
                double u = (p[w * h + chroma] & 0xFF) - 128;
                double v = (p[w * h + w * h / 4 + chroma] & 0xFF) - 128;
                double[] expected = {luma + 1.772 * u, luma - 0.344 * u - 0.714 * v, luma + 1.402 * v};
                for (int c = 0; c < 3; c++) {
                    int e = (int) Math.max(0, Math.min(255, Math.round(expected[c])));
                    sum += Math.abs(e - (q[(y * w + x) * bytesPerPixel + c] & 0xFF));
                    count++;
                }
            }
        }
        return (double) sum / count;
    }
}
