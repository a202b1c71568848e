package dev.vc.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.FrameSource;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;
import dev.vc.capture.internal.FileSource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code file} provider on small files the ffmpeg command-line tool writes first. */
class FileSourceProviderTest {
    @TempDir
    static Path dir;
    static Path mp4;
    static Path mkv;
    static Path slow;

    @BeforeAll
    static void writeFiles() throws Exception {
        assumeTrue(ffmpegOnPath(), "no ffmpeg command-line tool on the PATH");
        mp4 = dir.resolve("pattern.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "20", "-c:v", "mpeg4", "-q:v", "5",
                "-pix_fmt", "yuv420p", mp4.toString());
        mkv = dir.resolve("pattern.mkv");
        ffmpeg("-f", "lavfi", "-i", "testsrc2=size=176x144:rate=50", "-frames:v", "10", "-c:v", "mjpeg",
                mkv.toString());
        slow = dir.resolve("slow.mkv");
        ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=1", "-frames:v", "3", "-c:v", "mjpeg", slow.toString());
    }

    private static Config file(Path path) {
        return Config.empty().with(CaptureSettings.FILE.key(), path.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mp4", "mkv"})
    void shouldPlayEveryFrameScaledAtTheFilesPaceThenEnd(String kind) {
        Path path = kind.equals("mp4") ? mp4 : mkv;
        int frames = kind.equals("mp4") ? 20 : 10;
        double fps = kind.equals("mp4") ? 25 : 50;
        SourceSettings settings = new SourceSettings(160, 120, 30, PixelFormat.I420, file(path));
        try (FrameSource source = ProviderRegistry.sources().byName("file").open(settings)) {
            assertEquals(fps, source.frameRate(), 0.01, "the file's own rate");
            List<VideoFrame> read = new ArrayList<>();
            long start = System.nanoTime();
            for (int n = 0; n < frames + 5; n++) {
                VideoFrame frame = new VideoFrame();
                if (!source.read(frame)) {
                    break;
                }
                assertEquals(160, frame.width());
                assertEquals(120, frame.height());
                assertEquals(PixelFormat.I420, frame.format());
                assertEquals(n, frame.sequence());
                read.add(frame);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(frames, read.size(), "every frame, then the end of the file");
            double expected = (frames - 1) / fps;
            assertTrue(seconds > expected * 0.8 && seconds < expected + 1.0,
                    "paced at the file's rate: " + seconds + " s for " + frames + " frames, expected " + expected);
            assertTrue(Frames.meanAbsoluteDifference(read.get(0), read.get(frames - 1)) > 1, "the picture moves");
            for (int i = 1; i < read.size(); i++) {
                assertTrue(read.get(i).captureTimeNanos() > read.get(i - 1).captureTimeNanos());
            }
            assertFalse(source.read(new VideoFrame()), "still ended");
        }
    }

    @Test
    void shouldLoopWithContinuingSequenceAndPace() {
        Config config = file(mkv).with(CaptureSettings.LOOP.key(), "true");
        try (FrameSource source = new FileSourceProvider().open(new SourceSettings(64, 48, 30, PixelFormat.BGR24, config))) {
            VideoFrame first = new VideoFrame();
            VideoFrame frame = new VideoFrame();
            assertTrue(source.read(first));
            long start = System.nanoTime();
            for (int n = 1; n < 25; n++) {
                assertTrue(source.read(frame), "frame " + n);
                assertEquals(n, frame.sequence());
                assertEquals(PixelFormat.BGR24, frame.format());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(((FileSource) source).loops() >= 2, "looped: " + ((FileSource) source).loops());
            assertTrue(seconds > 24 / 50.0 * 0.8 && seconds < 24 / 50.0 + 1.0, "paced across loops: " + seconds + " s");
        }
    }

    @Test
    void shouldNameTheMissingFile() {
        Path missing = dir.resolve("no-such-video.mp4");
        SourceException e = assertThrows(SourceException.class, () -> new FileSourceProvider()
                .open(new SourceSettings(320, 240, 30, PixelFormat.I420, file(missing))));
        assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().startsWith("no video file at "), e.getMessage());
    }

    @Test
    void shouldExplainWhatIsMissing() throws Exception {
        SourceException unset = assertThrows(SourceException.class, () -> new FileSourceProvider()
                .open(new SourceSettings(320, 240, 30, PixelFormat.I420, Config.empty())));
        assertTrue(unset.getMessage().contains(CaptureSettings.FILE.key()), unset.getMessage());

        Path text = Files.writeString(dir.resolve("not-a-video.mp4"), "hello");
        SourceException notVideo = assertThrows(SourceException.class, () -> new FileSourceProvider()
                .open(new SourceSettings(320, 240, 30, PixelFormat.I420, file(text))));
        assertTrue(notVideo.getMessage().contains(text.toAbsolutePath().toString()), notVideo.getMessage());

        assertThrows(ConfigException.class, () -> new FileSourceProvider().open(new SourceSettings(320, 240, 30,
                PixelFormat.I420, file(mp4).with(CaptureSettings.LOOP.key(), "sometimes"))));
    }

    @Test
    void shouldUnblockAPacingWaitWhenClosed() throws Exception {
        FrameSource source = new FileSourceProvider().open(new SourceSettings(64, 48, 30, PixelFormat.I420, file(slow)));
        assertTrue(source.read(new VideoFrame()));
        CompletableFuture<Boolean> next = CompletableFuture.supplyAsync(() -> source.read(new VideoFrame()));
        Thread.sleep(100);
        assertFalse(next.isDone(), "the second frame is due a second later");
        long start = System.nanoTime();
        source.close();
        assertFalse(next.get(5, TimeUnit.SECONDS));
        assertTrue((System.nanoTime() - start) / 1e9 < 0.5, "close woke the waiting read");
        assertInstanceOf(FileSource.class, source);
    }

    static boolean ffmpegOnPath() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "ffmpeg"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the ffmpeg command-line tool quietly with a bound on time. */
    static void ffmpeg(String... args) throws Exception {
        assumeTrue(ffmpegOnPath(), "no ffmpeg command-line tool on the PATH");
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes());
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished && process.exitValue() == 0, "ffmpeg " + command + " failed: " + output);
    }
}
