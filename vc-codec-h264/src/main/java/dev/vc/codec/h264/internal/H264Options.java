package dev.vc.codec.h264.internal;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;

import java.util.Locale;
import java.util.Set;

/**
 * This module's configuration keys, with defaults that work on a laptop. The common ones (size, frame rate,
 * bitrate, keyframe interval) come from {@link dev.vc.api.EncoderSettings}.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code vc.h264.ffmpeg.encoder}</td><td>{@code libopenh264}</td><td>FFmpeg encoder name</td></tr>
 *   <tr><td>{@code vc.h264.ffmpeg.rc}</td><td>{@code bitrate}</td><td>libopenh264 {@code rc_mode}:
 *       quality, bitrate, buffer, timestamp, off</td></tr>
 *   <tr><td>{@code vc.h264.ffmpeg.loglevel}</td><td>{@code fatal}</td><td>FFmpeg's global log level
 *       (quiet, panic, fatal, error, warning, info, verbose, debug); decoding damaged streams logs at error</td></tr>
 *   <tr><td>{@code vc.h264.jcodec.qp.min}</td><td>16</td><td>lowest QP the jcodec rate controller uses</td></tr>
 *   <tr><td>{@code vc.h264.jcodec.qp.max}</td><td>51</td><td>highest QP the jcodec rate controller uses</td></tr>
 *   <tr><td>{@code vc.h264.jcodec.frameskip}</td><td>{@code true}</td><td>skip frames when the jcodec encoder
 *       cannot hold the bitrate even at the highest QP</td></tr>
 * </table>
 *
 * @param ffmpegEncoder   FFmpeg encoder name
 * @param ffmpegRateMode  libopenh264 rate-control mode
 * @param ffmpegLogLevel  FFmpeg log level name
 * @param jcodecMinQp     lowest QP for jcodec
 * @param jcodecMaxQp     highest QP for jcodec
 * @param jcodecFrameSkip whether the jcodec encoder may skip frames to hold the bitrate
 */
public record H264Options(String ffmpegEncoder, String ffmpegRateMode, String ffmpegLogLevel, int jcodecMinQp,
                          int jcodecMaxQp, boolean jcodecFrameSkip) {
    private static final Set<String> RATE_MODES = Set.of("quality", "bitrate", "buffer", "timestamp", "off");
    private static final Set<String> LOG_LEVELS =
            Set.of("quiet", "panic", "fatal", "error", "warning", "info", "verbose", "debug");

    /**
     * @param config the configuration
     * @return the options, defaults filled in
     * @throws ConfigException if a value is malformed
     */
    public static H264Options from(Config config) {
        String rc = config.get("vc.h264.ffmpeg.rc", "bitrate").toLowerCase(Locale.ROOT);
        if (!RATE_MODES.contains(rc)) {
            throw new ConfigException("vc.h264.ffmpeg.rc must be one of " + RATE_MODES + ", got '" + rc + "'");
        }
        String log = config.get("vc.h264.ffmpeg.loglevel", "fatal").toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(log)) {
            throw new ConfigException("vc.h264.ffmpeg.loglevel must be one of " + LOG_LEVELS + ", got '" + log + "'");
        }
        int minQp = config.getInt("vc.h264.jcodec.qp.min", 16, 1, 51);
        int maxQp = config.getInt("vc.h264.jcodec.qp.max", 51, minQp, 51);
        String skip = config.get("vc.h264.jcodec.frameskip", "true").toLowerCase(Locale.ROOT);
        if (!skip.equals("true") && !skip.equals("false")) {
            throw new ConfigException("vc.h264.jcodec.frameskip must be true or false, got '" + skip + "'");
        }
        return new H264Options(config.get("vc.h264.ffmpeg.encoder", "libopenh264"), rc, log, minQp, maxQp,
                Boolean.parseBoolean(skip));
    }
}
