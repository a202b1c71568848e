package dev.vc.capture.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.PixelFormat;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SyntheticSourceTest {
    private static SyntheticSource source(PixelFormat format, long seed, FakePacingClock clock) {
        return new SyntheticSource(new SourceSettings(640, 480, 30, format, Config.empty()), seed, clock);
    }

    private static VideoFrame read(SyntheticSource source) {
        VideoFrame frame = new VideoFrame();
        assertTrue(source.read(frame));
        return frame;
    }

    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void shouldDeliverTheSameBytesForTheSameSeedAndFrame(PixelFormat format) {
        try (SyntheticSource a = source(format, 42, new FakePacingClock());
             SyntheticSource b = source(format, 42, new FakePacingClock())) {
            VideoFrame fa = new VideoFrame();
            VideoFrame fb = new VideoFrame();
            for (int n = 0; n < 20; n++) {
                assertTrue(a.read(fa));
                assertTrue(b.read(fb));
                assertEquals(n, fa.sequence());
                assertArrayEquals(Arrays.copyOf(fa.data(), fa.size()), Arrays.copyOf(fb.data(), fb.size()),
                        "frame " + n);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void shouldChangeContentFromFrameToFrame(PixelFormat format) {
        try (SyntheticSource camera = source(format, 1, new FakePacingClock())) {
            VideoFrame previous = read(camera);
            for (int n = 1; n < 10; n++) {
                VideoFrame next = read(camera);
                double change = Pictures.meanAbsoluteDifference(previous, next);
                assertTrue(change > 2, "frame " + n + " differs from the one before by only " + change);
                previous = next;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void shouldLookDifferentForDifferentSeeds(PixelFormat format) {
        VideoFrame one = new VideoFrame();
        VideoFrame two = new VideoFrame();
        for (int seed = 2; seed <= 6; seed++) {
            source(format, 1, new FakePacingClock()).paint(0, one);
            source(format, seed, new FakePacingClock()).paint(0, two);
            double difference = Pictures.meanAbsoluteDifference(one, two);
            assertTrue(difference > 20, "seed " + seed + " differs from seed 1 by only " + difference);
        }
    }

    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void shouldPaintATexturedPictureNotAFlatColour(PixelFormat format) {
        VideoFrame frame = new VideoFrame();
        source(format, 1, new FakePacingClock()).paint(5, frame);
        double variance = Pictures.variance(Pictures.luma(frame));
        assertTrue(variance > 300, "luma variance " + variance);
        long distinct = Arrays.stream(Pictures.luma(frame)).distinct().count();
        assertTrue(distinct > 100, "distinct luma values " + distinct);
    }

    @Test
    void shouldPaintTheSamePictureInBothFormats() {
        VideoFrame i420 = new VideoFrame();
        VideoFrame bgr = new VideoFrame();
        source(PixelFormat.I420, 9, new FakePacingClock()).paint(17, i420);
        source(PixelFormat.BGR24, 9, new FakePacingClock()).paint(17, bgr);
        int[] y1 = Pictures.luma(i420);
        int[] y2 = Pictures.luma(bgr);
        long total = 0;
        for (int i = 0; i < y1.length; i++) {
            total += Math.abs(y1[i] - y2[i]);
        }
        assertTrue((double) total / y1.length < 1.5, "luma of the two formats differs by " + (double) total / y1.length);
    }

    @Test
    void shouldStampIncreasingSequenceAndCaptureTime() {
        try (SyntheticSource camera = source(PixelFormat.I420, 1, new FakePacingClock())) {
            VideoFrame frame = new VideoFrame();
            long lastTime = Long.MIN_VALUE;
            for (long n = 0; n < 50; n++) {
                assertTrue(camera.read(frame));
                assertEquals(n, frame.sequence());
                assertTrue(frame.captureTimeNanos() >= lastTime, "capture time monotonic");
                lastTime = frame.captureTimeNanos();
            }
            assertEquals(50, camera.framesDelivered());
        }
    }

    @Test
    void shouldKeepSequenceGaplessWhenSlotsAreSkipped() {
        FakePacingClock clock = new FakePacingClock();
        try (SyntheticSource camera = source(PixelFormat.I420, 1, clock)) {
            VideoFrame frame = new VideoFrame();
            for (long n = 0; n < 20; n++) {
                assertTrue(camera.read(frame));
                assertEquals(n, frame.sequence());
                clock.advance(100_000_000L);
            }
            assertTrue(camera.framesSkipped() > 30, "skipped " + camera.framesSkipped());
        }
    }

    @Test
    void shouldShowTheSlotsPictureAfterSkipping() {
        FakePacingClock clock = new FakePacingClock();
        VideoFrame expected = new VideoFrame();
        try (SyntheticSource camera = source(PixelFormat.BGR24, 3, clock)) {
            read(camera);
            clock.advance(100_000_000L); // slots 1 and 2 missed, slot 3 due
            VideoFrame frame = read(camera);
            camera.paint(3, expected);
            assertArrayEquals(Arrays.copyOf(expected.data(), expected.size()), Arrays.copyOf(frame.data(), frame.size()));
            assertEquals(1, frame.sequence());
        }
    }

    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void shouldReturnFalseAfterClose(PixelFormat format) {
        SyntheticSource camera = source(format, 1, new FakePacingClock());
        read(camera);
        camera.close();
        assertFalse(camera.read(new VideoFrame()));
        camera.close();
    }

    @Test
    void shouldRejectSizesTooSmallForTheScene() {
        SourceSettings tiny = new SourceSettings(8, 8, 30, PixelFormat.I420, Config.empty());
        assertThrows(SourceException.class, () -> new SyntheticSource(tiny, 1, new FakePacingClock()));
    }

    @Test
    void shouldReportItsGeometry() {
        try (SyntheticSource camera = new SyntheticSource(new SourceSettings(320, 240, 15, PixelFormat.BGR24,
                Config.empty()), 1, new FakePacingClock())) {
            assertEquals(320, camera.width());
            assertEquals(240, camera.height());
            assertEquals(PixelFormat.BGR24, camera.format());
            assertEquals(15.0, camera.frameRate());
            VideoFrame frame = read(camera);
            assertEquals(320 * 240 * 3, frame.size());
            assertEquals(PixelFormat.BGR24, frame.format());
        }
    }
}
