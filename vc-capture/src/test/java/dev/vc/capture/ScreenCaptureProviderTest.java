package dev.vc.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
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
}
