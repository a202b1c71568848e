package dev.vc.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderRegistryTest {
    @Test
    void shouldDiscoverTheHeadlessRendererThroughItsProvidesClause() {
        RendererProvider headless = ProviderRegistry.renderers().byName("headless");
        Module module = headless.getClass().getModule();
        assertTrue(module.isNamed(), "tests must run on the module path");
        assertEquals("dev.vc.api", module.getName());
    }

    @Test
    void shouldNameTheAvailableProvidersWhenTheRequestedOneIsUnknown() {
        UnknownProviderException e = assertThrows(UnknownProviderException.class,
                () -> ProviderRegistry.renderers().byName("hologram"));
        assertTrue(e.getMessage().contains("'hologram'"), e.getMessage());
        assertTrue(e.getMessage().contains("headless"), e.getMessage());
        assertTrue(e.available().contains("headless"));
    }

    @Test
    void shouldSelectTheConfiguredProviderOrTheBestAvailable() {
        assertEquals("headless", ProviderRegistry.renderers().select(Config.empty()).name());
        assertEquals("headless",
                ProviderRegistry.renderers().select(Config.of(Map.of("vc.renderer", "headless"))).name());
        assertThrows(UnknownProviderException.class,
                () -> ProviderRegistry.renderers().select(Config.of(Map.of("vc.renderer", "nope"))));
    }

    @Test
    void shouldReportNoDecoderWhenNoneIsInstalled() {
        UnknownProviderException e = assertThrows(UnknownProviderException.class,
                () -> ProviderRegistry.decoderFor(Config.empty(), VideoCodec.H264));
        assertTrue(e.getMessage().contains("vc.decoder.h264"), e.getMessage());
    }
}
