package dev.vc.ui.swing;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;
import dev.vc.api.Setting;
import java.awt.RenderingHints;
import java.util.List;
import java.util.Locale;

/**
 * The settings home of {@code vc-ui-swing}: its keys, each declared once with its default, the values it accepts
 * and what it does, and the values read from a {@link Config}. The stale timeout and the stream limit are
 * {@link CoreSettings}', shared with the receive pipeline.
 *
 * <pre>{@code
 * SwingSettings settings = SwingSettings.from(Config.load().with(SwingSettings.SCALING.key(), "bilinear"));
 * }</pre>
 *
 * @param title          window title
 * @param width          window content width
 * @param height         window content height
 * @param overlay        whether tiles show their frame rate
 * @param scaling        how pictures are scaled into their tiles
 * @param maxFps         repaint rate cap
 * @param staleTimeoutMs silence after which a tile is shown stale
 * @param maxStreams     most tiles
 */
public record SwingSettings(String title, int width, int height, boolean overlay, Scaling scaling, int maxFps,
                            int staleTimeoutMs, int maxStreams) {
    /** How a picture is scaled into its tile. */
    public enum Scaling {
        /** Nearest neighbour: cheapest, blocky when enlarging, aliased when shrinking. */
        NEAREST(RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR),
        /** Bilinear: smooth, about ten times the painting cost of {@link #NEAREST} in software. */
        BILINEAR(RenderingHints.VALUE_INTERPOLATION_BILINEAR);

        private final Object hint;

        Scaling(Object hint) {
            this.hint = hint;
        }

        /** @return the value for {@link RenderingHints#KEY_INTERPOLATION} */
        public Object hint() {
            return hint;
        }
    }

    /** Window title. */
    public static final Setting<String> TITLE = Setting.ofString("vc.ui.title", "vc", "window title");
    /** Width of the window's video area. */
    public static final Setting<Integer> WIDTH = Setting.ofInt("vc.ui.width", 1280, 64, 8192,
            "width of the window's video area");
    /** Height of the window's video area. */
    public static final Setting<Integer> HEIGHT = Setting.ofInt("vc.ui.height", 720, 48, 8192,
            "height of the window's video area");
    /** Whether tiles show their frame rate and size. */
    public static final Setting<Boolean> OVERLAY = Setting.ofBoolean("vc.ui.overlay", true,
            "show each tile's measured frame rate and size");
    /** How pictures are scaled to their tiles. */
    public static final Setting<String> SCALING = Setting.ofChoice("vc.ui.scaling", "nearest",
            List.of("nearest", "bilinear"), "tile scaling: nearest (about 1 ms per full-window paint) or bilinear "
                    + "(smoother, about ten times the cost in Java2D's software loops)");
    /** Most repaints per second. */
    public static final Setting<Integer> MAX_FPS = Setting.ofInt("vc.ui.max.fps", 30, 1, 1000,
            "most repaints per second, each painting every tile (at 30 a 10-tile grid costs about 13 % of a core)");

    /** Every key declared here, in the order docs/configuration.md lists them. */
    public static final List<Setting<?>> ALL = List.of(TITLE, WIDTH, HEIGHT, OVERLAY, SCALING, MAX_FPS);

    /** The defaults. */
    public static final SwingSettings DEFAULTS = from(Config.empty());

    /**
     * @param config the configuration
     * @return the settings it holds, defaults for missing keys
     * @throws ConfigException if a value is malformed or out of range
     */
    public static SwingSettings from(Config config) {
        return new SwingSettings(config.get(TITLE), config.get(WIDTH), config.get(HEIGHT), config.get(OVERLAY),
                Scaling.valueOf(config.get(SCALING).toUpperCase(Locale.ROOT)), config.get(MAX_FPS),
                config.get(CoreSettings.STALE_TIMEOUT_MS), config.get(CoreSettings.MAX_STREAMS));
    }
}
