package dev.vc.api;

/**
 * The picture a source's content asks for when the configuration does not say: a shared screen wants its own
 * aspect ratio, a size where text stays legible and a lower frame rate, where a camera is fine at 640x480, 30 fps.
 * {@link dev.vc.api.session.Participant} uses the size unless {@code vc.width} or {@code vc.height} is set, and the
 * frame rate unless {@code vc.fps} is.
 *
 * @param width     picture width in pixels (even)
 * @param height    picture height in pixels (even)
 * @param frameRate frames per second
 */
public record PictureDefaults(int width, int height, int frameRate) {
    /** Checks the values. */
    public PictureDefaults {
        VideoFrame.checkSize(width, height, PixelFormat.I420);
        if (frameRate < 1) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
    }

    /**
     * @param config the configuration to complete
     * @return {@code config} with this size and frame rate where it sets none
     */
    public Config applyTo(Config config) {
        Config result = config;
        if (!config.isSet(CoreSettings.WIDTH) && !config.isSet(CoreSettings.HEIGHT)) {
            result = result.with(CoreSettings.WIDTH, width).with(CoreSettings.HEIGHT, height);
        }
        if (!config.isSet(CoreSettings.FPS)) {
            result = result.with(CoreSettings.FPS, frameRate);
        }
        return result;
    }
}
