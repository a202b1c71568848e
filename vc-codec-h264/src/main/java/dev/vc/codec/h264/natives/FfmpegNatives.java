package dev.vc.codec.h264.natives;

import dev.vc.api.Availability;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

import java.util.Locale;

/**
 * vc's one loader of FFmpeg's natives (bytedeco's JavaCPP presets), shared by the {@code h264} codec and, through a
 * qualified export, by the {@code camera} and {@code file} sources of {@code dev.vc.capture} and the recorder of
 * {@code dev.vc.record}. Each group of
 * libraries loads once per process, when first asked for. Never throws for a missing native library: the failure
 * becomes an {@link Availability} with the reason and the fix, so a provider reports itself unavailable instead of
 * breaking provider discovery.
 *
 * <pre>{@code
 * Availability a = FfmpegNatives.codecs();   // libavutil + libavcodec
 * if (!a.available()) throw new UnknownProviderException(a.reason());
 * }</pre>
 */
public final class FfmpegNatives {
    /** AVERROR(EAGAIN): errno 35 on macOS, 11 on Linux and Windows. */
    public static final int AVERROR_EAGAIN =
            -(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? 35 : 11);

    private static final Probe CODECS = new Probe(avcodec::avcodec_version);
    private static final Probe INPUTS = new Probe(() -> {
        avformat.avformat_version();
        swscale.swscale_version();
        avdevice.avdevice_register_all();
    });

    private static final Probe MUXERS = new Probe(() -> {
        avcodec.avcodec_version();
        avformat.avformat_version();
    });

    private FfmpegNatives() {
    }

    /** @return whether libavutil, libavcodec and libavformat load here: what writing a container file needs */
    public static Availability muxers() {
        return MUXERS.availability();
    }

    /** @return whether libavutil and libavcodec load here: what encoding and decoding need */
    public static Availability codecs() {
        return CODECS.availability();
    }

    /**
     * libavdevice needs the platform's audio and video device libraries (on Linux libpulse among them), which a
     * machine that only encodes may lack; so inputs load apart from {@link #codecs()}.
     *
     * @return whether libavformat, libswscale and libavdevice load here, with the input devices registered
     */
    public static Availability inputs() {
        return INPUTS.availability();
    }

    /**
     * Sets FFmpeg's process-wide log level.
     *
     * @param name one of quiet, panic, fatal, error, warning, info, verbose, debug
     */
    public static void logLevel(String name) {
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
     * @return FFmpeg's description of it, with the code: the text up to its terminating NUL (the buffer's 256
     *         bytes read whole carried whatever native memory followed it into exception messages and logs)
     */
    public static String error(int code) {
        try (BytePointer buffer = new BytePointer(256)) {
            avutil.av_strerror(code, buffer, 256);
            return buffer.limit(BytePointer.strlen(buffer)).getString() + " (" + code + ")";
        }
    }

    /** Loads a group of libraries once, by touching their presets, and remembers the outcome. */
    private static final class Probe {
        private final Runnable touch;
        private volatile Availability state;

        Probe(Runnable touch) {
            this.touch = touch;
        }

        Availability availability() {
            Availability a = state;
            if (a == null) {
                synchronized (this) {
                    a = state;
                    if (a == null) {
                        a = load();
                        state = a;
                    }
                }
            }
            return a;
        }

        private Availability load() {
            try {
                // Touching the presets loads their JNI libraries (and FFmpeg's) through JavaCPP's Loader.
                avutil.av_log_set_level(avutil.AV_LOG_FATAL);
                touch.run();
                return Availability.AVAILABLE;
            } catch (LinkageError | RuntimeException e) {
                // UnsatisfiedLinkError (no native jar, or its module not in the graph), NoClassDefFoundError,
                // ExceptionInInitializerError: all mean "cannot run here".
                return Availability.unavailable("FFmpeg natives did not load (" + describe(e) + "); put "
                        + "org.bytedeco:ffmpeg and org.bytedeco:javacpp with the platform classifier on the module "
                        + "path and add their native modules: " + addModules());
            }
        }

        /** @return the JVM option that adds this platform's native modules, such as {@code linux.x86_64}'s */
        static String addModules() {
            String platform = Loader.getPlatform().replace('-', '.');
            return "--add-modules org.bytedeco.ffmpeg." + platform + ",org.bytedeco.javacpp." + platform;
        }

        private static String describe(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }
}
