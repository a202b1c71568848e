package dev.vc.bench;

import dev.vc.api.Config;
import dev.vc.api.CoreSettings;

/**
 * What the measuring tools' participants send with: the synthetic camera (deterministic, so runs compare), a codec,
 * a picture size and rate, and the headless renderer, over whatever {@code vc.properties} and {@code -Dvc.*} set.
 *
 * <pre>{@code
 * Config config = BenchConfig.synthetic("h264", 640, 480, 30);
 * }</pre>
 */
public final class BenchConfig {
    private BenchConfig() {
    }

    /**
     * @param codec  the encoder, e.g. {@code h264}
     * @param width  picture width
     * @param height picture height
     * @param fps    frames per second
     * @return the configuration
     */
    public static Config synthetic(String codec, int width, int height, int fps) {
        return Config.load().with(CoreSettings.CODEC, codec).with(CoreSettings.SOURCE, "synthetic")
                .with(CoreSettings.RENDERER, "headless").with(CoreSettings.WIDTH, width)
                .with(CoreSettings.HEIGHT, height).with(CoreSettings.FPS, fps);
    }
}
