package dev.vc.ui.swing.internal;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import java.awt.RenderingHints;
import java.util.Locale;

/**
 * The swing renderer's configuration, read once from a {@link Config}; the one place its keys are parsed.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code vc.ui.title}</td><td>{@code vc}</td><td>window title</td></tr>
 *   <tr><td>{@code vc.ui.width}, {@code vc.ui.height}</td><td>1280, 720</td>
 *       <td>size of the window's video area</td></tr>
 *   <tr><td>{@code vc.ui.overlay}</td><td>{@code true}</td><td>show each tile's measured frame rate and size</td></tr>
 *   <tr><td>{@code vc.ui.scaling}</td><td>{@code nearest}</td><td>how pictures are scaled to their tiles:
 *       {@code nearest} (about 1 ms per full-window paint) or {@code bilinear} (smoother, about ten times the
 *       cost in Java2D's software loops)</td></tr>
 *   <tr><td>{@code vc.ui.max.fps}</td><td>30</td><td>most repaints per second, however many streams (a repaint
 *       paints every tile: at 30 a 10-tile grid costs about 13% of a core, at 60 twice that)</td></tr>
 *   <tr><td>{@code vc.stale.timeout.ms}</td><td>3000</td>
 *       <td>a tile with no frame for this long is greyed "stale"</td></tr>
 *   <tr><td>{@code vc.max.streams}</td><td>64</td><td>most tiles; frames of further streams are ignored</td></tr>
 * </table>
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

    /** Window title key. */
    public static final String TITLE = "vc.ui.title";
    /** Window content width key. */
    public static final String WIDTH = "vc.ui.width";
    /** Window content height key. */
    public static final String HEIGHT = "vc.ui.height";
    /** Frame-rate overlay key ({@code true}/{@code false}). */
    public static final String OVERLAY = "vc.ui.overlay";
    /** Scaling key: {@code nearest} or {@code bilinear}. */
    public static final String SCALING = "vc.ui.scaling";
    /** Repaint rate cap key. */
    public static final String MAX_FPS = "vc.ui.max.fps";
    /** Stale timeout key, shared with the receive pipeline. */
    public static final String STALE_TIMEOUT_MS = "vc.stale.timeout.ms";
    /** Stream limit key, shared with the receive pipeline. */
    public static final String MAX_STREAMS = "vc.max.streams";

    /** The defaults. */
    public static final SwingSettings DEFAULTS = new SwingSettings("vc", 1280, 720, true, Scaling.NEAREST, 30, 3000,
            64);

    /**
     * @param config the configuration
     * @return the settings it holds, defaults for missing keys
     * @throws ConfigException if a value is malformed or out of range
     */
    public static SwingSettings from(Config config) {
        return new SwingSettings(
                config.get(TITLE, DEFAULTS.title),
                config.getInt(WIDTH, DEFAULTS.width, 64, 8192),
                config.getInt(HEIGHT, DEFAULTS.height, 48, 8192),
                bool(config, OVERLAY, DEFAULTS.overlay),
                scaling(config),
                config.getInt(MAX_FPS, DEFAULTS.maxFps, 1, 1000),
                config.getInt(STALE_TIMEOUT_MS, DEFAULTS.staleTimeoutMs, 100, 600_000),
                config.getInt(MAX_STREAMS, DEFAULTS.maxStreams, 1, 1024));
    }

    private static Scaling scaling(Config config) {
        String raw = config.get(SCALING, DEFAULTS.scaling.name()).toUpperCase(Locale.ROOT);
        try {
            return Scaling.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCALING + " must be nearest or bilinear, got '" + raw.toLowerCase(Locale.ROOT)
                    + "'", e);
        }
    }

    private static boolean bool(Config config, String key, boolean defaultValue) {
        String raw = config.get(key, Boolean.toString(defaultValue)).toLowerCase(Locale.ROOT);
        switch (raw) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ConfigException(key + " must be true or false, got '" + raw + "'");
        }
    }
}
