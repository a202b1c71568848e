package dev.vc.codec.h264.internal;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.Setting;

import java.util.List;
import java.util.Locale;

/**
 * The settings home of {@code vc-codec-h264}: its keys, each declared once with its default, the values it
 * accepts and what it does, and the values read from a {@link Config}. The common ones (size, frame rate,
 * bitrate, keyframe interval) and the decoders' output are {@link CoreSettings}'; the first are read through
 * {@link dev.vc.api.EncoderSettings}.
 *
 * <pre>{@code
 * H264Options options = H264Options.from(settings.config());
 * }</pre>
 *
 * @param ffmpegEncoder   FFmpeg encoder name
 * @param ffmpegRateMode  libopenh264 rate-control mode
 * @param ffmpegLogLevel  FFmpeg log level name
 * @param jcodecMinQp     lowest QP for jcodec
 * @param jcodecMaxQp     highest QP for jcodec
 * @param jcodecFrameSkip whether the jcodec encoder may skip frames to hold the bitrate
 * @param decoderOutput   the pixel format the FFmpeg decoder delivers ({@link CoreSettings#DECODER_OUTPUT})
 */
public record H264Options(String ffmpegEncoder, String ffmpegRateMode, String ffmpegLogLevel, int jcodecMinQp,
                          int jcodecMaxQp, boolean jcodecFrameSkip, PixelFormat decoderOutput) {
    /** The FFmpeg encoder {@code h264} uses. */
    public static final Setting<String> FFMPEG_ENCODER = Setting.ofString("vc.h264.ffmpeg.encoder", "libopenh264",
            "the FFmpeg encoder h264 uses (libx264 with the GPL natives)");
    /** libopenh264's rate-control mode. */
    public static final Setting<String> FFMPEG_RATE_MODE = Setting.ofChoice("vc.h264.ffmpeg.rc", "bitrate",
            List.of("quality", "bitrate", "buffer", "timestamp", "off"), "rate control mode (rc_mode) of h264");
    /** FFmpeg's log level. */
    public static final Setting<String> FFMPEG_LOG_LEVEL = Setting.ofChoice("vc.h264.ffmpeg.loglevel", "fatal",
            List.of("quiet", "panic", "fatal", "error", "warning", "info", "verbose", "debug"),
            "FFmpeg's log level, process-wide (decoding damaged streams logs at error)");
    /** Lowest QP of the jcodec rate controller. */
    public static final Setting<Integer> JCODEC_MIN_QP = Setting.ofInt("vc.h264.jcodec.qp.min", 16, 1, 51,
            "lowest QP h264-jcodec's rate controller uses");
    /** Highest QP of the jcodec rate controller; at least {@link #JCODEC_MIN_QP}. */
    public static final Setting<Integer> JCODEC_MAX_QP = Setting.ofInt("vc.h264.jcodec.qp.max", 51, 1, 51,
            "highest QP h264-jcodec's rate controller uses; at least vc.h264.jcodec.qp.min");
    /** Whether jcodec may skip frames. */
    public static final Setting<Boolean> JCODEC_FRAME_SKIP = Setting.ofBoolean("vc.h264.jcodec.frameskip", true,
            "h264-jcodec drops frames when even QP 51 overflows the budget");

    /** Every key declared here, in the order docs/configuration.md lists them. */
    public static final List<Setting<?>> ALL = List.of(FFMPEG_ENCODER, FFMPEG_RATE_MODE, FFMPEG_LOG_LEVEL,
            JCODEC_MIN_QP, JCODEC_MAX_QP, JCODEC_FRAME_SKIP);

    /**
     * @param config the configuration
     * @return the options, defaults filled in
     * @throws ConfigException if a value is not accepted, or the highest QP is below the lowest
     */
    public static H264Options from(Config config) {
        int minQp = config.get(JCODEC_MIN_QP);
        int maxQp = config.get(JCODEC_MAX_QP);
        if (maxQp < minQp) {
            throw new ConfigException(JCODEC_MAX_QP.key() + " must be an integer in " + minQp + "..51 (at least "
                    + JCODEC_MIN_QP.key() + "), got '" + maxQp + "'");
        }
        return new H264Options(config.get(FFMPEG_ENCODER), config.get(FFMPEG_RATE_MODE), config.get(FFMPEG_LOG_LEVEL),
                minQp, maxQp, config.get(JCODEC_FRAME_SKIP),
                PixelFormat.valueOf(config.get(CoreSettings.DECODER_OUTPUT).toUpperCase(Locale.ROOT)));
    }
}
