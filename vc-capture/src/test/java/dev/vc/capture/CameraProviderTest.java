package dev.vc.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vc.api.Config;
import dev.vc.api.FrameSource;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;
import dev.vc.capture.internal.CameraSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code camera} provider without a camera: its FFmpeg path (device open, non-blocking reads, decode,
 * one swscale pass, interrupt callback) is driven through FFmpeg's {@code lavfi} test pattern and through a
 * stalling TCP stream standing in for a camera that stops delivering.
 */
class CameraProviderTest {
    private static final String TEST_PATTERN = "testsrc2=size=320x240:rate=30";

    private static Config lavfi(String graph) {
        return Config.empty().with(CaptureSettings.CAMERA_FORMAT.key(), "lavfi")
                .with(CaptureSettings.DEVICE.key(), graph);
    }

    @Test
    void shouldBeFoundByNameAndAvailableWithTheNatives() {
        var provider = ProviderRegistry.sources().byName("camera");
        assertInstanceOf(CameraProvider.class, provider);
        assertTrue(provider.availability().available(), provider.availability().reason());
        assertTrue(provider.priority() < new SyntheticCameraProvider().priority(), "synthetic stays the default");
        assertEquals("synthetic", ProviderRegistry.sources().select(Config.empty()).name());
    }

    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void shouldDeliverChangingFramesOfTheAskedSizeAndFormat(PixelFormat format) {
        SourceSettings settings = new SourceSettings(160, 120, 30, format, lavfi(TEST_PATTERN));
        try (FrameSource camera = ProviderRegistry.sources().byName("camera").open(settings)) {
            assertEquals(160, camera.width());
            assertEquals(120, camera.height());
            assertEquals(format, camera.format());
            assertEquals(30, camera.frameRate(), 0.01, "the rate the input reports");
            CameraSource source = assertInstanceOf(CameraSource.class, camera);
            assertEquals(320, source.deviceWidth());
            assertEquals(240, source.deviceHeight());
            VideoFrame first = new VideoFrame();
            VideoFrame frame = new VideoFrame();
            assertTrue(camera.read(first));
            long lastTime = first.captureTimeNanos();
            for (int n = 1; n < 15; n++) {
                assertTrue(camera.read(frame));
                assertEquals(160, frame.width());
                assertEquals(120, frame.height());
                assertEquals(format, frame.format());
                assertEquals(format.bufferSize(160, 120), frame.size());
                assertEquals(n, frame.sequence());
                assertTrue(frame.captureTimeNanos() >= lastTime);
                lastTime = frame.captureTimeNanos();
            }
            assertTrue(Frames.variance(frame) > 300, "a picture, not a flat colour: " + Frames.variance(frame));
            double change = Frames.meanAbsoluteDifference(first, frame);
            assertTrue(change > 1, "the test pattern moves between frame 0 and 14: " + change);
        }
    }

    @Test
    void shouldConvertColoursFaithfully() {
        // A pure red picture must come out red in BGR24 and with red's chroma in I420.
        Config red = lavfi("color=c=red:size=64x48:rate=30");
        VideoFrame frame = new VideoFrame();
        try (FrameSource camera = new CameraProvider().open(new SourceSettings(64, 48, 30, PixelFormat.BGR24, red))) {
            assertTrue(camera.read(frame));
            double[] bgr = Frames.meanChannels(frame);
            assertTrue(bgr[2] > 240 && bgr[1] < 15 && bgr[0] < 15, String.format(Locale.ROOT, "BGR %.0f %.0f %.0f",
                    bgr[0], bgr[1], bgr[2]));
        }
        try (FrameSource camera = new CameraProvider().open(new SourceSettings(64, 48, 30, PixelFormat.I420, red))) {
            assertTrue(camera.read(frame));
            double[] yuv = Frames.meanChannels(frame);
            // BT.601 full-range (JFIF) red, vc's I420 convention: Y 76, U 85, V 255.
            assertEquals(76, yuv[0], 4);
            assertEquals(85, yuv[1], 4);
            assertEquals(255, yuv[2], 4);
        }
    }

    @Test
    void shouldNameTheMissingCameraWhenOpening() {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "v4l2 paths are Linux");
        assumeTrue(!Files.exists(Path.of("/dev/video99")));
        Config config = Config.empty().with(CaptureSettings.DEVICE.key(), "/dev/video99");
        SourceException e = assertThrows(SourceException.class,
                () -> new CameraProvider().open(new SourceSettings(320, 240, 30, PixelFormat.I420, config)));
        assertTrue(e.getMessage().startsWith("no camera at /dev/video99 ("), e.getMessage());
        SourceException byIndex = assertThrows(SourceException.class, () -> new CameraProvider().open(
                new SourceSettings(320, 240, 30, PixelFormat.I420,
                        Config.empty().with(CaptureSettings.DEVICE.key(), "99"))));
        assertTrue(byIndex.getMessage().startsWith("no camera at /dev/video99 ("), byIndex.getMessage());
    }

    @Test
    void shouldListCamerasWithoutFailing() {
        List<CameraDevice> devices = CameraProvider.devices();
        for (CameraDevice device : devices) {
            assertFalse(device.id().isEmpty());
            assertFalse(device.description().isEmpty());
        }
    }

    @Test
    void shouldFailARunningReadWhenTheInputStallsInsteadOfHanging(@TempDir Path dir) throws Exception {
        try (StallingServer server = StallingServer.start(mjpeg(dir, 150))) {
            Config config = Config.empty().with(CaptureSettings.CAMERA_FORMAT.key(), "mjpeg")
                    .with(CaptureSettings.DEVICE.key(), server.url()).with(CaptureSettings.TIMEOUT_MS.key(), "1500");
            try (FrameSource camera = new CameraProvider().open(new SourceSettings(160, 120, 25, PixelFormat.I420, config))) {
                VideoFrame frame = new VideoFrame();
                long start = System.nanoTime();
                SourceException stalled = assertThrows(SourceException.class, () -> {
                    for (int n = 0; n < 1_000; n++) {   // 150 buffered frames, then the stall
                        camera.read(frame);
                    }
                });
                double seconds = (System.nanoTime() - start) / 1e9;
                assertTrue(stalled.getMessage().contains("delivered no frame for 1500 ms"), stalled.getMessage());
                assertTrue(seconds < 10, "gave up after " + seconds + " s");
            }
        }
    }

    @Test
    void shouldUnblockAStalledReadWhenClosedFromAnotherThread(@TempDir Path dir) throws Exception {
        try (StallingServer server = StallingServer.start(mjpeg(dir, 150))) {
            Config config = Config.empty().with(CaptureSettings.CAMERA_FORMAT.key(), "mjpeg")
                    .with(CaptureSettings.DEVICE.key(), server.url()).with(CaptureSettings.TIMEOUT_MS.key(), "60000");
            FrameSource camera = new CameraProvider().open(new SourceSettings(160, 120, 25, PixelFormat.I420, config));
            CompletableFuture<Integer> reads = CompletableFuture.supplyAsync(() -> {
                VideoFrame frame = new VideoFrame();
                int n = 0;
                while (n < 1000 && camera.read(frame)) {
                    n++;
                }
                return n;
            });
            Thread.sleep(700);   // the buffered frames are read, then the read blocks on the silent socket
            assertFalse(reads.isDone(), "the read waits for the stalled input");
            long start = System.nanoTime();
            camera.close();
            int delivered = reads.get(5, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 1, "close unblocked the read after " + seconds + " s");
            assertTrue(delivered > 0, "frames before the stall were delivered");
            assertFalse(camera.read(new VideoFrame()), "reads after close end the stream");
            camera.close();
        }
    }

    /** Writes an MJPEG elementary stream of {@code frames} frames with the ffmpeg command-line tool. */
    static Path mjpeg(Path dir, int frames) throws Exception {
        Path file = dir.resolve("stream.mjpeg");
        FileSourceProviderTest.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v",
                Integer.toString(frames), "-c:v", "mjpeg", "-f", "mjpeg", file.toString());
        return file;
    }

    /** Serves a file over TCP to one client, then keeps the connection open without sending anything. */
    static final class StallingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final CountDownLatch done = new CountDownLatch(1);
        private final Thread thread;

        private StallingServer(ServerSocket socket, byte[] content) {
            this.socket = socket;
            this.thread = new Thread(() -> {
                try (Socket client = socket.accept()) {
                    OutputStream out = client.getOutputStream();
                    out.write(content);
                    out.flush();
                    done.await(60, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    // closed by the test
                }
            }, "stalling-server");
            thread.setDaemon(true);
            thread.start();
        }

        static StallingServer start(Path content) throws IOException {
            return new StallingServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()),
                    Files.readAllBytes(content));
        }

        String url() {
            return "tcp://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            done.countDown();
            socket.close();
            thread.join(5_000);
        }
    }
}
