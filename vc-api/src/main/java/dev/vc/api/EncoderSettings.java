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
     * Reads {@code vc.width} (640), {@code vc.height} (480), {@code vc.fps} (30), {@code vc.bitrate}
     * (600000), {@code vc.quality} (60) and {@code vc.keyframe.interval} (300 frames).
     *
     * @param config the configuration
     * @return the settings
     * @throws ConfigException if a value is malformed or out of range
     */
    public static EncoderSettings from(Config config) {
        return new EncoderSettings(config.getInt("vc.width", 640, 16, 8192), config.getInt("vc.height", 480, 16, 8192),
                config.getInt("vc.fps", 30, 1, 240), config.getInt("vc.bitrate", 600_000, 10_000, 100_000_000),
                config.getInt("vc.quality", 60, 1, 100), config.getInt("vc.keyframe.interval", 300, 1, 100_000),
                config);
    }
}
