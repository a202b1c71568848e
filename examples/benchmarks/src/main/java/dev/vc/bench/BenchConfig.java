package dev.vc.bench;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;
import dev.vc.examples.client.cli.Flags;

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
     * The {@code --codec} flag of a tool that runs vc's own encoders.
     *
     * @param flags    the tool's parsed command line
     * @param fallback the codec when the flag is absent
     * @return {@code h264} or {@code jpeg}
     * @throws ConfigException for any other value (the tool prints it on one line and exits with 1)
     */
    public static String codecFlag(Flags flags, String fallback) {
        String codec = flags.string("--codec", fallback);
        if (!codec.equals("h264") && !codec.equals("jpeg")) {
            throw new ConfigException("--codec must be h264 or jpeg, not " + codec);
        }
        return codec;
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
