package dev.vc.bench.quality;

import dev.vc.api.CoreSettings;
import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.Encoder;

import java.util.Locale;

/**
 * One codec provider at one operating point: a JPEG quality, or the target bitrate of a rate-controlled
 * encoder. Everything else is vc's default (keyframe interval 60, the providers' own keys).
 *
 * <pre>{@code
 * CodecSetting q60 = CodecSetting.quality("jpeg", 60);
 * CodecSetting h264 = CodecSetting.bitrate("h264", CodecSetting.parseBitrate("1.2M"));   // label "1.2M"
 * Config config = h264.config(640, 480);
 * }</pre>
 *
 * @param codec   encoder and decoder provider name ({@code jpeg}, {@code h264}, {@code h264-jcodec})
 * @param quality {@code vc.quality} 1..100, or 0 for a rate-controlled setting
 * @param bitrate {@code vc.bitrate} in bit/s, or 0 for a quality setting
 */
public record CodecSetting(String codec, int quality, int bitrate) {
    /** Checks that exactly one of quality and bitrate is set, in range. */
    public CodecSetting {
        if ((quality == 0) == (bitrate == 0)) {
            throw new IllegalArgumentException("set a quality or a bitrate, not both or neither: " + quality + ", "
                    + bitrate);
        }
        if (quality != 0 && (quality < 1 || quality > 100)) {
            throw new IllegalArgumentException("quality must be in 1..100, got " + quality);
        }
        if (bitrate != 0) {
            Encoder.checkBitrate(bitrate);
        }
    }

    /**
     * @param codec   provider name
     * @param quality 1..100
     * @return the setting
     */
    public static CodecSetting quality(String codec, int quality) {
        return new CodecSetting(codec, quality, 0);
    }

    /**
     * @param codec         provider name
     * @param bitsPerSecond target bitrate
     * @return the setting
     */
    public static CodecSetting bitrate(String codec, int bitsPerSecond) {
        return new CodecSetting(codec, 0, bitsPerSecond);
    }

    /**
     * @param width  picture width
     * @param height picture height
     * @return the configuration to create the encoder and decoder with: size, 30 fps and this setting
     */
    public Config config(int width, int height) {
        Config config = Config.empty().with(CoreSettings.WIDTH, width)
                .with(CoreSettings.HEIGHT, height).with(CoreSettings.FPS, TestSequences.FRAME_RATE);
        return quality != 0 ? config.with(CoreSettings.QUALITY, quality)
                : config.with(CoreSettings.BITRATE, bitrate);
    }

    /** @return {@code q60} for a quality, else the bitrate as {@link #formatBitrate} writes it */
    public String label() {
        return quality != 0 ? "q" + quality : formatBitrate(bitrate);
    }

    /**
     * @param bitsPerSecond a bitrate
     * @return it in the shortest of {@code 150k}, {@code 1.2M}, {@code 2500} that is exact
     */
    public static String formatBitrate(int bitsPerSecond) {
        if (bitsPerSecond % 100_000 == 0 && bitsPerSecond >= 1_000_000) {
            return (bitsPerSecond % 1_000_000 == 0 ? Integer.toString(bitsPerSecond / 1_000_000)
                    : String.format(Locale.ROOT, "%.1f", bitsPerSecond / 1e6)) + "M";
        }
        return bitsPerSecond % 1000 == 0 ? bitsPerSecond / 1000 + "k" : Integer.toString(bitsPerSecond);
    }

    /**
     * @param text bits per second, with an optional {@code k} (x1000) or {@code M} (x1000000) suffix, in either
     *             case: {@code 150k}, {@code 1.2M}, {@code 600000}
     * @return the bitrate
     * @throws ConfigException if malformed, not a whole number of bit/s, or outside
     *                         {@value Encoder#MIN_BITRATE}..{@value Encoder#MAX_BITRATE}
     */
    public static int parseBitrate(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double scale = t.endsWith("k") ? 1e3 : t.endsWith("m") ? 1e6 : 1;
        String number = scale == 1 ? t : t.substring(0, t.length() - 1);
        double value;
        try {
            value = Double.parseDouble(number) * scale;
        } catch (NumberFormatException e) {
            throw new ConfigException("not a bitrate: '" + text + "' (examples: 150k, 1.2M, 600000)", e);
        }
        if (!(value >= Encoder.MIN_BITRATE && value <= Encoder.MAX_BITRATE) || value != Math.rint(value)) {
            throw new ConfigException("bitrate must be a whole number of bit/s in " + Encoder.MIN_BITRATE + ".."
                    + Encoder.MAX_BITRATE + ", got '" + text + "'");
        }
        return (int) value;
    }
}
