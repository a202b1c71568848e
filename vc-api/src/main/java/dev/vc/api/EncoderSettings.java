package dev.vc.api;

/**
 * What an {@link Encoder} is asked to produce.
 *
 * @param width            picture width in pixels
 * @param height           picture height in pixels
 * @param frameRate        frames per second
 * @param bitrate          target bits per second (rate-controlled codecs)
 * @param quality          quality 1..100 (JPEG)
 * @param keyframeInterval frames between keyframes (inter-frame codecs)
 * @param config           the full configuration, for provider-specific keys
 */
public record EncoderSettings(int width, int height, int frameRate, int bitrate, int quality, int keyframeInterval,
                              Config config) {
    /**
     * Reads {@link CoreSettings#WIDTH}, {@link CoreSettings#HEIGHT}, {@link CoreSettings#FPS},
     * {@link CoreSettings#BITRATE}, {@link CoreSettings#QUALITY} and {@link CoreSettings#KEYFRAME_INTERVAL}.
     *
     * @param config the configuration
     * @return the settings
     * @throws ConfigException if a value is malformed or out of range
     */
    public static EncoderSettings from(Config config) {
        return new EncoderSettings(config.get(CoreSettings.WIDTH), config.get(CoreSettings.HEIGHT),
                config.get(CoreSettings.FPS), config.get(CoreSettings.BITRATE), config.get(CoreSettings.QUALITY),
                config.get(CoreSettings.KEYFRAME_INTERVAL), config);
    }
}
