package dev.vc.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.capture.internal.ScreenPicture;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

/** The {@code screen} provider in the (headless) test JVM; the on-screen test is {@link ScreenCaptureProviderOnScreenTest}. */
class ScreenCaptureProviderTest {
    @Test
    void shouldBeUnavailableWithAReasonInAHeadlessJvm() {
        var provider = ProviderRegistry.sources().all().stream().filter(p -> p.name().equals("screen")).findFirst()
                .orElseThrow();
        assertFalse(provider.availability().available());
        assertTrue(provider.availability().reason().contains("headless"), provider.availability().reason());
        SourceException e = assertThrows(SourceException.class, () -> provider.open(
                new SourceSettings(320, 240, 10, PixelFormat.I420, Config.empty())));
        assertTrue(e.getMessage().contains("headless"), e.getMessage());
    }

    @Test
    void shouldParseRegions() {
        assertEquals(new Rectangle(10, 20, 300, 200), ScreenCaptureProvider.region("10,20,300,200"));
        assertEquals(new Rectangle(-1920, 0, 1920, 1080), ScreenCaptureProvider.region(" -1920, 0, 1920 ,1080"));
        for (String bad : new String[] {"", "1,2,3", "0,0,0,10", "0,0,10,-1", "a,b,c,d", "1,2,3,4,5"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> ScreenCaptureProvider.region(bad), bad);
            assertTrue(e.getMessage().contains(CaptureSettings.SCREEN_REGION.key()), e.getMessage());
        }
    }

    /** A shared screen keeps its aspect ratio at a legible size and a low frame rate, unless the keys say otherwise. */
    @Test
    void shouldAskForTheScreensAspectRatioAtALegibleSize() {
        ScreenCaptureProvider provider = new ScreenCaptureProvider();
        String[][] cases = {
                {"0,0,1920,1080", "1920", "1080"},   // sent whole, not squeezed into 640x480
                {"0,0,3840,2160", "1920", "1080"},
                {"0,0,2560,1600", "1728", "1080"},
                {"0,0,1366,768", "1366", "768"},
                {"0,0,1080,1920", "1080", "1920"},   // standing
                {"0,0,801,601", "800", "600"}};
        for (String[] c : cases) {
            Config config = Config.empty().with(CaptureSettings.SCREEN_REGION.key(), c[0]);
            Config applied = provider.pictureDefaults(config).applyTo(config);
            assertEquals(Integer.parseInt(c[1]), applied.get(CoreSettings.WIDTH), c[0]);
            assertEquals(Integer.parseInt(c[2]), applied.get(CoreSettings.HEIGHT), c[0]);
            assertEquals(5, applied.get(CoreSettings.FPS), c[0]);
        }
        Config sized = Config.empty().with(CaptureSettings.SCREEN_REGION.key(), "0,0,1920,1080")
                .with(CoreSettings.WIDTH.key(), "1280").with(CoreSettings.FPS.key(), "15");
        Config applied = provider.pictureDefaults(sized).applyTo(sized);
        assertEquals(1280, applied.get(CoreSettings.WIDTH), "a configured size wins");
        assertEquals(480, applied.get(CoreSettings.HEIGHT), "width and height are taken together");
        assertEquals(15, applied.get(CoreSettings.FPS));
        assertNull(provider.pictureDefaults(Config.empty()), "headless: no screen to measure");
    }

    /** When the picture's size is given, the region is placed in it at its own aspect ratio, between bars. */
    @Test
    void shouldLetterboxARegionOfAnotherAspectRatio() {
        assertEquals(new Rectangle(0, 60, 640, 360), ScreenPicture.letterbox(1920, 1080, 640, 480));
        assertEquals(new Rectangle(80, 0, 480, 480), ScreenPicture.letterbox(1000, 1000, 640, 480));
        assertEquals(new Rectangle(0, 0, 640, 480), ScreenPicture.letterbox(1280, 960, 640, 480));
    }
}
