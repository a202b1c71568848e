package dev.vc.bench.quality;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test sequences are the same pictures on every run, so rate-distortion figures can be compared. */
class TestSequencesTest {
    private static final int FRAMES = 5;

    @Test
    void shouldGiveTheSamePicturesOnEveryRun() throws Exception {
        for (String name : TestSequences.NAMES) {
            VideoFrame[] first = TestSequences.sequence(name, FRAMES, 64, 48, PixelFormat.BGR24);
            VideoFrame[] second = TestSequences.sequence(name, FRAMES, 64, 48, PixelFormat.BGR24);
            assertEquals(FRAMES, first.length);
            for (int i = 0; i < FRAMES; i++) {
                assertEquals(i, first[i].sequence());
                assertArrayEquals(first[i].data(), second[i].data(), name + " frame " + i);
            }
            assertFalse(Arrays.equals(first[0].data(), first[FRAMES - 1].data()), name + " moves");
        }
    }

    @Test
    void shouldHoldTheSamePictureInBothLayouts() throws Exception {
        TestClip clip = TestClip.make(TestSequences.SYNTHETIC, 2, 64, 48);
        VideoFrame bgr = clip.frames(PixelFormat.BGR24)[1];
        VideoFrame i420 = clip.frames(PixelFormat.I420)[1];
        assertEquals(PixelFormat.I420, i420.format());
        assertEquals(1, i420.sequence());
        assertTrue(LumaPsnr.psnr(LumaPsnr.mse(bgr, i420)) > 50, "luma differs by rounding only");
        assertEquals(clip.checksum(), TestClip.make(TestSequences.SYNTHETIC, 2, 64, 48).checksum());
        assertThrows(IllegalArgumentException.class, () -> TestSequences.sequence("foreman", 1, 64, 48,
                PixelFormat.I420));
    }
}
