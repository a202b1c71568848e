package dev.vc.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.FrameSource;
import dev.vc.api.FrameSourceProvider;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyntheticCameraProviderTest {
    @Test
    void shouldBeFoundByNameThroughTheModulePath() {
        FrameSourceProvider provider = ProviderRegistry.sources().byName("synthetic");
        assertInstanceOf(SyntheticCameraProvider.class, provider);
        assertEquals("dev.vc.capture", provider.getClass().getModule().getName());
        assertTrue(provider.availability().available());
    }

    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void shouldDeliverPacedStampedFramesInTheAskedFormat(PixelFormat format) {
        SourceSettings settings = new SourceSettings(320, 240, 240, format, Config.empty());
        try (FrameSource camera = ProviderRegistry.sources().byName("synthetic").open(settings)) {
            VideoFrame frame = new VideoFrame();
            long lastTime = Long.MIN_VALUE;
            for (long n = 0; n < 5; n++) {
                assertTrue(camera.read(frame));
                assertEquals(format, frame.format());
                assertEquals(320, frame.width());
                assertEquals(240, frame.height());
                assertEquals(n, frame.sequence());
                assertTrue(frame.captureTimeNanos() > lastTime);
                lastTime = frame.captureTimeNanos();
            }
        }
    }

    @Test
    void shouldReadTheSeedFromTheConfiguration() {
        VideoFrame seeded = firstFrame(Config.empty().with(CaptureSettings.SEED.key(), "7"));
        VideoFrame again = firstFrame(Config.empty().with(CaptureSettings.SEED.key(), "7"));
        VideoFrame defaulted = firstFrame(Config.empty());
        VideoFrame one = firstFrame(Config.empty().with(CaptureSettings.SEED.key(), "1"));
        assertTrue(Arrays.equals(seeded.data(), 0, seeded.size(), again.data(), 0, again.size()));
        assertFalse(Arrays.equals(seeded.data(), 0, seeded.size(), defaulted.data(), 0, defaulted.size()));
        assertTrue(Arrays.equals(one.data(), 0, one.size(), defaulted.data(), 0, defaulted.size()));
    }

    private static VideoFrame firstFrame(Config config) {
        try (FrameSource camera = new SyntheticCameraProvider()
                .open(new SourceSettings(160, 120, 30, PixelFormat.I420, config))) {
            VideoFrame frame = new VideoFrame();
            assertTrue(camera.read(frame));
            return frame;
        }
    }

    @Test
    void shouldUnblockAWaitingReadWhenClosed() throws Exception {
        SourceSettings slow = new SourceSettings(160, 120, 0.01, PixelFormat.I420, Config.empty()); // 100 s a frame
        FrameSource camera = new SyntheticCameraProvider().open(slow);
        VideoFrame frame = new VideoFrame();
        assertTrue(camera.read(frame));
        CompletableFuture<Boolean> next = CompletableFuture.supplyAsync(() -> camera.read(new VideoFrame()));
        Thread.sleep(50);
        camera.close();
        assertFalse(next.get(20, TimeUnit.SECONDS));
        assertFalse(camera.read(frame));
    }
}
