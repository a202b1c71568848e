package dev.vc.codec.h264;

import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libopenh264 makes no IDR frame of its own when consecutive pictures differ much (scene-change detection is
 * off): a sender skipping frames for bandwidth, or one whose capture falls behind, encodes pictures several
 * frame periods apart, and each spontaneous IDR would cost its narrow link several P frames.
 */
class NoSceneCutKeyframeTest {
    private static final int ENCODED = 120;

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 8, 16})
    void picturesFarApartShouldStayPFrames(int step) {
        EncodedFrame out = new EncodedFrame();
        int keyframes = 0;
        try (Encoder encoder = Fixtures.encoder("h264", 600_000, 1000)) {
            for (int i = 0; i < ENCODED; i++) {
                assertTrue(encoder.encode(TestSequence.frame(i * step), out), "picture " + i);
                assertEquals(i == 0, out.keyframe(), "keyframe at picture " + i + " (every " + step + "th frame)");
                keyframes += out.keyframe() ? 1 : 0;
            }
        }
        assertEquals(1, keyframes);
    }
}
