package dev.vc.api.session;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frame dropper holds an encoder that runs ahead of its bitrate to it, and lets one that keeps to it be. */
class FrameDropperTest {
    private static final int FPS = 30;

    /** Frames of {@code bytes} each, at {@code bitrate}, for {@code pictures} captured pictures: bits let through. */
    private static long run(FrameDropper dropper, long bitrate, int bytes, int pictures) {
        long bits = 0;
        for (int i = 0; i < pictures; i++) {
            if (dropper.admit(bitrate, 0)) {                // pictures in a burst: each drains one interval
                dropper.onEncoded(bytes, false);
                bits += 8L * bytes;
            }
        }
        return bits;
    }

    @Test
    void shouldSkipNothingWhileTheEncoderKeepsToItsBitrate() {
        FrameDropper dropper = new FrameDropper(FPS);
        run(dropper, 600_000, 600_000 / 8 / FPS, 300);
        assertEquals(0, dropper.skipped());
    }

    @Test
    void shouldSkipNothingAfterAKeyframe() {
        FrameDropper dropper = new FrameDropper(FPS);
        assertTrue(dropper.admit(600_000, 0));
        dropper.onEncoded(40_000, true);                // a stream's first keyframe: 20 frames' worth
        run(dropper, 600_000, 2_400, 30);
        assertEquals(0, dropper.skipped());
    }

    @Test
    void shouldHoldAnEncoderStillAtTheOldRateToTheNewOneAfterAFall() {
        FrameDropper dropper = new FrameDropper(FPS);
        run(dropper, 2_500_000, 2_500_000 / 8 / FPS, 60);
        long bits = run(dropper, 500_000, 2_500_000 / 8 / FPS, FPS);      // a second after the fall, frames still large
        assertTrue(bits <= 500_000 * (1 + FrameDropper.WINDOW_SECONDS) + 2_500_000 / FPS,
                "let through " + bits + " bits in a second at 500 kbit/s");
        assertTrue(dropper.skipped() > FPS / 2, "skipped " + dropper.skipped());
    }

    @Test
    void shouldHoldNothingBackWithoutABitrate() {
        FrameDropper dropper = new FrameDropper(FPS);
        dropper.onEncoded(1_000_000, false);
        assertTrue(dropper.admit(0, 0));
        assertTrue(dropper.admit(500_000, 0), "the bucket was emptied while nothing held the encoder");
    }

    @Test
    void shouldLetASourceSlowerThanTheFrameRateKeepItsBitrate() {
        FrameDropper dropper = new FrameDropper(FPS);
        long interval = 1_000_000_000L / 15;             // a 15 fps camera in a 30 fps call
        int bytes = 600_000 / 8 / 15;                    // its encoder spends the bitrate on half the frames
        for (int i = 0; i < 150; i++) {
            assertTrue(dropper.admit(600_000, i * interval), "picture " + i);
            dropper.onEncoded(bytes, false);
        }
        assertEquals(0, dropper.skipped());
    }

    @Property(tries = 200)
    void shouldNeverLetThroughMoreThanTheBitrateAndOneWindowAndOneFrame(
            @ForAll @IntRange(min = 50_000, max = 5_000_000) int bitrate,
            @ForAll @IntRange(min = 100, max = 100_000) int bytes,
            @ForAll @IntRange(min = 1, max = 600) int pictures) {
        FrameDropper dropper = new FrameDropper(FPS);
        long bits = run(dropper, bitrate, bytes, pictures);
        double seconds = (double) pictures / FPS;
        assertTrue(bits <= bitrate * (seconds + FrameDropper.WINDOW_SECONDS) + 8.0 * bytes,
                bits + " bits in " + seconds + " s at " + bitrate);
        assertFalse(bits == 0 && pictures > 0, "the first picture always passes");
    }
}
