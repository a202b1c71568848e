package dev.vc.ui.swing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.RendererProvider;
import dev.vc.api.UnknownProviderException;
import java.awt.GraphicsEnvironment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Discovery and availability in this (headless) test JVM; the on-screen path is {@link SwingRendererOnScreenTest}. */
class SwingRendererProviderTest {
    @Test
    void shouldBeFoundThroughTheModulePathAndRankAboveHeadless() {
        RendererProvider swing = ProviderRegistry.renderers().all().stream()
                .filter(p -> p.name().equals("swing")).findFirst().orElseThrow();
        assertEquals("dev.vc.ui.swing", swing.getClass().getModule().getName());
        assertTrue(swing.priority() > -100);
        assertEquals("swing", ProviderRegistry.renderers().all().get(0).name(), "best first");
    }

    @Test
    void shouldBeUnavailableWithAReasonWhenHeadlessSoHeadlessIsChosen() {
        Assumptions.assumeTrue(GraphicsEnvironment.isHeadless(), "this JVM has a display");
        RendererProvider swing = new SwingRendererProvider();
        assertFalse(swing.availability().available());
        assertEquals("no display: headless environment", swing.availability().reason());
        assertEquals("headless", ProviderRegistry.renderers().select(Config.empty()).name());
        UnknownProviderException e = assertThrows(UnknownProviderException.class,
                () -> ProviderRegistry.renderers().byName("swing"));
        assertTrue(e.getMessage().contains("headless environment"), e.getMessage());
    }
}
