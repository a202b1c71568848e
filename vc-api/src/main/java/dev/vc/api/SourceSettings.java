package dev.vc.api;

/**
 * What a user asks of a {@link FrameSource}. Sources report what they actually deliver through
 * {@link FrameSource#width()} and friends.
 *
 * @param width     requested width in pixels
 * @param height    requested height in pixels
 * @param frameRate requested frames per second
 * @param format    the pixel layout the consumer (usually the encoder) wants
 * @param config    the full configuration, for provider-specific keys ({@code vc.source.*})
 */
public record SourceSettings(int width, int height, double frameRate, PixelFormat format, Config config) {
    /** Validates the geometry and rate. */
    public SourceSettings {
        VideoFrame.checkSize(width, height, format);
        if (!(frameRate > 0 && frameRate <= 240)) {
            throw new ConfigException("frame rate must be in (0, 240], got " + frameRate);
        }
    }

    /**
     * Reads {@link CoreSettings#WIDTH}, {@link CoreSettings#HEIGHT} and {@link CoreSettings#FPS}.
     *
     * @param config the configuration
     * @param format the pixel layout wanted
     * @return the settings
     */
    public static SourceSettings from(Config config, PixelFormat format) {
        return new SourceSettings(config.get(CoreSettings.WIDTH), config.get(CoreSettings.HEIGHT),
                config.get(CoreSettings.FPS), format, config);
    }
}
