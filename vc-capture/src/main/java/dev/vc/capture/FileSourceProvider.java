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
import dev.vc.capture.internal.MediaLocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A video file or stream as a camera, provider name {@value #NAME}: anything FFmpeg reads (MP4, MKV, WebM, MOV...,
 * or a URL: {@code rtsp://}, {@code srt://}, {@code rtmp://}, {@code udp://}, {@code http://}, an {@code .sdp} file
 * for RTP), decoded, scaled to the requested size and {@link dev.vc.api.PixelFormat}; a file is released in real
 * time at its own pace (by presentation time), a live stream as it arrives. Each frame is stamped with
 * {@link dev.vc.api.MediaClock#nowNanos()} and numbered from 0.
 *
 * <p>Keys: {@link CaptureSettings#FILE} (required) the file or URL; {@link CaptureSettings#LOOP} ({@code false})
 * starts a file over at the end instead of ending the stream (not a live stream);
 * {@link CaptureSettings#TIMEOUT_MS} bounds opening and each read, also at the network level (FFmpeg's
 * {@code rw_timeout}, and the protocol's own timeout), so a dead URL fails with a {@link SourceException} instead of
 * hanging.
 *
 * <pre>{@code
 * Config config = Config.load().with(CoreSettings.SOURCE.key(), "file")
 *         .with(CaptureSettings.FILE.key(), "talk.mp4").with(CaptureSettings.LOOP.key(), "true");
 * Participant me = Participant.builder().config(config)...build();
 * }</pre>
 *
 * <p>Unavailable (with the reason) when FFmpeg's natives do not load. A missing file fails to open with a
 * {@link SourceException} naming the path; a URL is not checked before FFmpeg opens it, and messages about it never
 * show the user name and password it may hold.
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
     * @throws SourceException if the key is missing, the file does not exist, the stream does not answer within
     *                         {@link CaptureSettings#TIMEOUT_MS}, or it holds no decodable video
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
            throw new SourceException("set " + CaptureSettings.FILE.key() + " to the video file or stream URL to play");
        }
        boolean loop = config.get(CaptureSettings.LOOP);
        long timeout = TimeUnit.MILLISECONDS.toNanos(config.get(CaptureSettings.TIMEOUT_MS));
        MediaLocation location = MediaLocation.of(file, timeout);
        if (!location.url()) {
            Path path = Path.of(location.target());
            if (!Files.isRegularFile(path)) {
                throw new SourceException("no video file at " + path + (Files.exists(path) ? " (not a regular file)"
                        : ""));
            }
            if (!Files.isReadable(path)) {
                throw new SourceException("cannot read the video file " + path + " (permission denied)");
            }
        }
        if (loop && location.live()) {
            System.getLogger(FileSourceProvider.class.getName()).log(System.Logger.Level.DEBUG,
                    "{0} is live: {1} does not apply", location.description(), CaptureSettings.LOOP.key());
        }
        FfmpegInput input = FfmpegInput.open(location.description(), null, location.target(), location.options(), false,
                timeout, settings.width(), settings.height(), settings.format());
        String name = location.description().substring(location.description().indexOf(' ') + 1);
        return new FileSource(input, name, settings.width(), settings.height(), settings.format(),
                settings.frameRate(), loop && !location.live(), location.live());
    }

    @Override
    public String toString() {
        return "file (FFmpeg)";
    }
}
