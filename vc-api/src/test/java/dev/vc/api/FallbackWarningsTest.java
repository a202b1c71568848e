package dev.vc.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FallbackWarningsTest {
    private record Fake(String name, int priority, Availability availability) implements Provider {
    }

    private static final Fake H264 = new Fake("h264", 20,
            Availability.unavailable("natives did not load; add --add-modules org.bytedeco.ffmpeg.linux.x86_64"));
    private static final Fake JPEG = new Fake("jpeg", 0, Availability.AVAILABLE);
    private static final Fake JCODEC = new Fake("h264-jcodec", -10, Availability.AVAILABLE);

    @Test
    void shouldNameThePassedOverProviderItsReasonAndTheFallback() {
        assertEquals("encoder 'h264' cannot run here, using 'jpeg' instead: natives did not load; add --add-modules "
                + "org.bytedeco.ffmpeg.linux.x86_64", FallbackWarnings.message("encoder", List.of(H264, JPEG, JCODEC), JPEG));
    }

    @Test
    void shouldSayNothingWhenTheBestInstalledProviderIsChosen() {
        Fake available = new Fake("h264", 20, Availability.AVAILABLE);
        assertNull(FallbackWarnings.message("encoder", List.of(available, JPEG), available));
        // An unavailable provider ranked below the chosen one is no fallback.
        assertNull(FallbackWarnings.message("encoder", List.of(JPEG, new Fake("x", -5, H264.availability())), JPEG));
    }

    @Test
    void shouldWarnOncePerProcess() {
        Fake decoder = new Fake("h264-test-once", 20, Availability.unavailable("missing"));
        assertTrue(FallbackWarnings.warnOnce("decoder", List.of(decoder, JCODEC), JCODEC));
        assertFalse(FallbackWarnings.warnOnce("decoder", List.of(decoder, JCODEC), JCODEC));
    }
}
