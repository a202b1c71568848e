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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A video file as a camera, provider name {@value #NAME}: anything FFmpeg reads (MP4, MKV, WebM, MOV...),
 * decoded, scaled to the requested size and {@link dev.vc.api.PixelFormat}, and released in real time at the
 * file's own pace (by presentation time). Each frame is stamped with {@link dev.vc.api.MediaClock#nowNanos()}
 * and numbered from 0.
 *
 * <p>Keys: {@link CaptureSettings#FILE} (required) the file; {@link CaptureSettings#LOOP} ({@code false}) starts
 * over at the end instead of ending the stream; {@link CaptureSettings#TIMEOUT_MS} bounds each read.
 *
 * <pre>{@code
 * Config config = Config.load().with(CoreSettings.SOURCE.key(), "file")
 *         .with(CaptureSettings.FILE.key(), "talk.mp4").with(CaptureSettings.LOOP.key(), "true");
 * Participant me = Participant.builder().config(config)...build();
 * }</pre>
 *
 * <p>Unavailable (with the reason) when FFmpeg's natives do not load. A missing file fails to open with a
 * {@link SourceException} naming the path.
 */
public final class FileSourceProvider implements FrameSourceProvider {
    /** The provider name users select with {@code vc.source=file}. */
    public static final String NAME = "file";

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

    /** @return -30: never chosen unless asked for (it needs {@link CaptureSettings#FILE}) */
    @Override
    public int priority() {
        return -30;
    }

    /**
     * Opens {@link CaptureSettings#FILE} for playback.
     *
     * @param settings size, pixel format and (for files that do not say) frame rate to deliver
     * @return the open file
     * @throws SourceException if the key is missing, the file does not exist, or it holds no decodable video
     * @throws ConfigException if {@link CaptureSettings#LOOP} is neither true nor false
     */
    @Override
    public FrameSource open(SourceSettings settings) {
        Availability availability = availability();
        if (!availability.available()) {
            throw new SourceException("the file source cannot run here: " + availability.reason());
        }
        Config config = settings.config() == null ? Config.empty() : settings.config();
        String file = config.get(CaptureSettings.FILE);
        if (file == null) {
            throw new SourceException("set " + CaptureSettings.FILE.key() + " to the video file to play");
        }
        boolean loop = config.get(CaptureSettings.LOOP);
        long timeout = TimeUnit.MILLISECONDS.toNanos(config.get(CaptureSettings.TIMEOUT_MS));
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

    @Override
    public String toString() {
        return "file (FFmpeg)";
    }
}
