package dev.vc.codec.h264;

import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The libopenh264 encoder ({@code h264}) changes bitrate and frame rate without a keyframe: a sender following
 * its bandwidth estimate must not fill a narrow link with IDR frames. Every frame after the first stays a P frame
 * through many changes up and down, the bytes follow each change, and one decoder decodes the whole stream.
 */
class InPlaceRateChangeTest {
    private static final int FRAMES_PER_STEP = 30;
    private static final int[] BITRATES = {1_200_000, 300_000, 900_000, 150_000, 600_000};

    @Test
    void bitrateAndFrameRateChangesShouldKeepProducingPFrames() {
        List<VideoFrame> frames = Fixtures.frames();
        EncodedFrame out = new EncodedFrame();
        long[] bytes = new long[BITRATES.length];
        int keyframes = 0;
        int frame = 0;
        try (Encoder encoder = Fixtures.encoder("h264", BITRATES[0], 1000);
             Decoder decoder = Fixtures.decoder("h264")) {
            VideoFrame picture = new VideoFrame();
            assertTrue(encoder.changesBitrateInPlace(),
                    "it says so, so the sender may raise it as often as it lowers it");
            for (int step = 0; step < BITRATES.length; step++) {
                encoder.setBitrate(BITRATES[step]);
                encoder.setFrameRate(step % 2 == 0 ? 30 : 15);
                for (int i = 0; i < FRAMES_PER_STEP; i++, frame++) {
                    assertTrue(encoder.encode(frames.get(frame % frames.size()), out), "frame " + frame);
                    assertEquals(frame == 0, out.keyframe(), "keyframe at frame " + frame);
                    keyframes += out.keyframe() ? 1 : 0;
                    if (i >= FRAMES_PER_STEP / 3) {
                        bytes[step] += out.length();    // after the rate control settled
                    }
                    assertTrue(decoder.decode(out, picture), "decodes frame " + frame);
                }
            }
        }
        assertEquals(1, keyframes);
        for (int step = 1; step < BITRATES.length; step++) {
            int fps = step % 2 == 0 ? 30 : 15;
            double perFrame = bytes[step] / (double) (FRAMES_PER_STEP - FRAMES_PER_STEP / 3);
            double expected = BITRATES[step] / 8.0 / fps;
            System.out.printf("[in-place rate change] %d bit/s at %d fps: %.0f B per settled frame (budget %.0f B)%n",
                    BITRATES[step], fps, perFrame, expected);
            assertTrue(Math.abs(perFrame - expected) <= 0.25 * expected,
                    BITRATES[step] + " bit/s at " + fps + " fps: " + perFrame + " B per frame");
        }
    }
}
