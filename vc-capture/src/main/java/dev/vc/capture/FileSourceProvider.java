package dev.vc.capture;

import dev.vc.codec.h264.natives.FfmpegNatives;
import dev.vc.api.Availability;
import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.FrameSource;
import dev.vc.api.FrameSourceProvider;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.capture.internal.FfmpegInput;
import dev.vc.capture.internal.FileSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A video file as a camera, provider name {@value #NAME}: anything FFmpeg reads (MP4, MKV, WebM, MOV...),
 * decoded, scaled to the requested size and {@link dev.vc.api.PixelFormat}, and released in real time at the
 * file's own pace (by presentation time). Each frame is stamped with {@link dev.vc.api.MediaClock#nowNanos()}
 * and numbered from 0.
 *
 * <p>Keys: {@value #FILE_KEY} (required) the file; {@value #LOOP_KEY} ({@code false}) starts over at the end
 * instead of ending the stream; {@value CameraProvider#TIMEOUT_KEY} bounds each read.
 *
 * <pre>{@code
 * Config config = Config.load().with("vc.source", "file").with("vc.source.file", "talk.mp4").with("vc.source.loop", "true");
 * Participant me = Participant.builder().config(config)...build();
 * }</pre>
 *
 * <p>Unavailable (with the reason) when FFmpeg's natives do not load. A missing file fails to open with a
 * {@link SourceException} naming the path.
 */
public final class FileSourceProvider implements FrameSourceProvider {
    /** The provider name users select with {@code vc.source=file}. */
    public static final String NAME = "file";
    /** Configuration key of the video file to play. */
    public static final String FILE_KEY = "vc.source.file";
    /** Configuration key: {@code true} to loop the file. */
    public static final String LOOP_KEY = "vc.source.loop";

    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires (natives load on first use). */
    public FileSourceProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability availability() {
        return FfmpegNatives.inputs();
    }

    /** @return -30: never chosen unless asked for (it needs {@value #FILE_KEY}) */
    @Override
    public int priority() {
        return -30;
    }

    /**
     * Opens {@value #FILE_KEY} for playback.
     *
     * @param settings size, pixel format and (for files that do not say) frame rate to deliver
     * @return the open file
     * @throws SourceException if the key is missing, the file does not exist, or it holds no decodable video
     * @throws ConfigException if {@value #LOOP_KEY} is neither true nor false
     */
    @Override
    public FrameSource open(SourceSettings settings) {
        Availability availability = availability();
        if (!availability.available()) {
            throw new SourceException("the file source cannot run here: " + availability.reason());
        }
        Config config = settings.config() == null ? Config.empty() : settings.config();
        String file = config.get(FILE_KEY).orElseThrow(
                () -> new SourceException("set " + FILE_KEY + " to the video file to play"));
        boolean loop = bool(config, LOOP_KEY, false);
        long timeout = TimeUnit.MILLISECONDS.toNanos(config.getInt(CameraProvider.TIMEOUT_KEY,
                CameraProvider.DEFAULT_TIMEOUT_MS, 100, 600_000));
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new SourceException("no video file at " + path + (Files.exists(path) ? " (not a regular file)" : ""));
        }
        if (!Files.isReadable(path)) {
            throw new SourceException("cannot read the video file " + path + " (permission denied)");
        }
        FfmpegInput input = FfmpegInput.open("file " + path, null, path.toString(), Map.of(), false, timeout,
                settings.width(), settings.height(), settings.format());
        return new FileSource(input, path.toString(), settings.width(), settings.height(), settings.format(),
                settings.frameRate(), loop);
    }

    static boolean bool(Config config, String key, boolean defaultValue) {
        String value = config.get(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(key + " must be true or false, got '" + value + "'");
        };
    }

    @Override
    public String toString() {
        return "file (FFmpeg)";
    }
}
