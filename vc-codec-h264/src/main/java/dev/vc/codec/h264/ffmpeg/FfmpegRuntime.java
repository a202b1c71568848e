package dev.vc.codec.h264.ffmpeg;

import dev.vc.api.Availability;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Loads FFmpeg's natives once and answers whether the encoders and decoders this module needs exist.
 * Never throws for a missing or broken native library: the failure becomes an {@link Availability}.
 */
final class FfmpegRuntime {
    /** AVERROR(EAGAIN): errno 35 on macOS, 11 on Linux and Windows. */
    static final int AVERROR_EAGAIN =
            -(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? 35 : 11);

    private static final Object LOCK = new Object();
    private static volatile Availability natives;
    private static final ConcurrentMap<String, Availability> ENCODERS = new ConcurrentHashMap<>();
    private static volatile Availability decoder;

    private FfmpegRuntime() {
    }

    /** @return whether libavutil and libavcodec load; probes once */
    static Availability natives() {
        Availability a = natives;
        if (a == null) {
            synchronized (LOCK) {
                a = natives;
                if (a == null) {
                    a = load();
                    natives = a;
                }
            }
        }
        return a;
    }

    private static Availability load() {
        try {
            // Touching the presets loads their JNI libraries (and FFmpeg's) through JavaCPP's Loader.
            avutil.av_log_set_level(avutil.AV_LOG_FATAL);
            avcodec.avcodec_version();
            return Availability.AVAILABLE;
        } catch (LinkageError | RuntimeException e) {
            // UnsatisfiedLinkError (no native jar, or its module not in the graph), NoClassDefFoundError,
            // ExceptionInInitializerError: all mean "cannot run here".
            return Availability.unavailable("FFmpeg natives did not load (" + describe(e) + "); put "
                    + "org.bytedeco:ffmpeg and org.bytedeco:javacpp with the platform classifier on the module path "
                    + "and add their native modules, e.g. --add-modules org.bytedeco.ffmpeg.linux.x86_64,"
                    + "org.bytedeco.javacpp.linux.x86_64");
        }
    }

    /**
     * @param name FFmpeg encoder name, e.g. {@code libopenh264}
     * @return whether that encoder is present
     */
    static Availability encoder(String name) {
        return ENCODERS.computeIfAbsent(name, n -> {
            Availability loaded = natives();
            if (!loaded.available()) {
                return loaded;
            }
            AVCodec codec = avcodec.avcodec_find_encoder_by_name(n);
            if (codec == null || codec.isNull()) {
                return Availability.unavailable("this FFmpeg build has no '" + n + "' encoder");
            }
            return Availability.AVAILABLE;
        });
    }

    /** @return whether FFmpeg's H.264 decoder is present */
    static Availability decoder() {
        Availability a = decoder;
        if (a == null) {
            Availability loaded = natives();
            if (!loaded.available()) {
                a = loaded;
            } else {
                AVCodec codec = avcodec.avcodec_find_decoder(avcodec.AV_CODEC_ID_H264);
                a = codec == null || codec.isNull()
                        ? Availability.unavailable("this FFmpeg build has no H.264 decoder") : Availability.AVAILABLE;
            }
            decoder = a;
        }
        return a;
    }

    /**
     * Sets FFmpeg's process-wide log level.
     *
     * @param name one of quiet, panic, fatal, error, warning, info, verbose, debug
     */
    static void logLevel(String name) {
        avutil.av_log_set_level(switch (name) {
            case "quiet" -> avutil.AV_LOG_QUIET;
            case "panic" -> avutil.AV_LOG_PANIC;
            case "error" -> avutil.AV_LOG_ERROR;
            case "warning" -> avutil.AV_LOG_WARNING;
            case "info" -> avutil.AV_LOG_INFO;
            case "verbose" -> avutil.AV_LOG_VERBOSE;
            case "debug" -> avutil.AV_LOG_DEBUG;
            default -> avutil.AV_LOG_FATAL;
        });
    }

    /**
     * @param code a negative FFmpeg return value
     * @return FFmpeg's description of it, with the code
     */
    static String error(int code) {
        byte[] buffer = new byte[256];
        avutil.av_strerror(code, buffer, buffer.length);
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, java.nio.charset.StandardCharsets.UTF_8) + " (" + code + ")";
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
