package dev.vc.ui.swing;

import dev.vc.api.Availability;
import dev.vc.api.Config;
import dev.vc.api.Renderer;
import dev.vc.api.RendererProvider;
import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;

/**
 * Provides the {@code swing} renderer: a window (title {@code vc.ui.title}, default "vc"; video area
 * {@code vc.ui.width} x {@code vc.ui.height}, default 1280x720; every {@code vc.ui.*} key is in
 * docs/configuration.md) showing a {@link VideoGrid}. Preferred over
 * {@code headless} wherever there is a display; unavailable, with the reason, where there is none.
 *
 * <pre>{@code
 * Renderer window = ProviderRegistry.renderers().byName("swing").create(Config.load());
 * // or let vc choose: -Dvc.renderer=swing, or nothing (swing wins over headless when a display exists)
 * }</pre>
 *
 * <p>To put the grid in an application's own window instead, create a {@link VideoGrid} and pass it to
 * {@code Participant.Builder.renderer}.
 */
public final class SwingRendererProvider implements RendererProvider {
    private volatile Availability availability;

    /** Cheap: the display is probed on the first {@link #availability()} call. */
    public SwingRendererProvider() {
    }

    @Override
    public String name() {
        return "swing";
    }

    /** Above {@code headless} (-100): chosen whenever a display is available. */
    @Override
    public int priority() {
        return 10;
    }

    /**
     * Unavailable in a headless JVM ({@code java.awt.headless=true}, or no {@code DISPLAY} on X11) and when
     * the display cannot be opened. The answer is cached.
     */
    @Override
    public Availability availability() {
        Availability known = availability;
        if (known == null) {
            known = probe();
            availability = known;
        }
        return known;
    }

    private static Availability probe() {
        if (GraphicsEnvironment.isHeadless()) {
            return Availability.unavailable("no display: headless environment");
        }
        try {
            if (GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices().length == 0) {
                return Availability.unavailable("no display: no screen devices");
            }
            return Availability.AVAILABLE;
        } catch (AWTError | HeadlessException | LinkageError e) {
            return Availability.unavailable("no display: " + e.getMessage());
        }
    }

    /**
     * Opens the window; returns once it is showing (at once when called on the event dispatch thread).
     *
     * @throws dev.vc.api.ConfigException if a {@code vc.ui.*} value is malformed
     * @throws dev.vc.api.VcException     if the window cannot be opened
     */
    @Override
    public Renderer create(Config config) {
        SwingSettings settings = SwingSettings.from(config);
        return SwingRenderer.open(settings, new VideoGrid(settings, System::nanoTime));
    }
}
