package dev.vc.capture.internal;

import dev.vc.api.Availability;
import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.BytePointer;

import java.util.Locale;

/**
 * Loads FFmpeg's libavformat, libavdevice and libswscale once (through bytedeco's JavaCPP presets) and
 * registers the input devices. Never throws for a missing native library: the failure becomes an
 * {@link Availability} with the reason, so the {@code camera} and {@code file} providers report themselves
 * unavailable instead of breaking provider discovery.
 */
public final class FfmpegNatives {
    /** AVERROR(EAGAIN): errno 35 on macOS, 11 on Linux and Windows. */
    static final int AVERROR_EAGAIN = -(os().contains("mac") ? 35 : 11);

    private static final Object LOCK = new Object();
    private static volatile Availability state;

    private FfmpegNatives() {
    }

    /** @return whether the natives load here; probes once per process */
    public static Availability availability() {
        Availability a = state;
        if (a == null) {
            synchronized (LOCK) {
                a = state;
                if (a == null) {
                    a = load();
                    state = a;
                }
            }
        }
        return a;
    }

    private static Availability load() {
        try {
            // Touching the presets loads their JNI libraries (and FFmpeg's) through JavaCPP's Loader.
            avutil.av_log_set_level(avutil.AV_LOG_FATAL);
            avformat.avformat_version();
            swscale.swscale_version();
            avdevice.avdevice_register_all();
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
     * @param code a negative FFmpeg return value
     * @return FFmpeg's description of it, with the code
     */
    public static String error(int code) {
        try (BytePointer buffer = new BytePointer(256)) {
            avutil.av_strerror(code, buffer, 256);
            return buffer.getString() + " (" + code + ")";
        }
    }

    /** @return {@code os.name}, lower case */
    static String os() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
