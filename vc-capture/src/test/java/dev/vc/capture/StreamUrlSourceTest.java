package dev.vc.capture;

import dev.vc.api.Config;
import dev.vc.api.FrameSource;
import dev.vc.api.PixelFormat;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code file} source on URLs: a live MPEG-TS stream the ffmpeg tool pushes over UDP, and H.264 over RTP
 * described by the SDP file ffmpeg writes, are read as they arrive, and a URL nobody answers fails within the source's
 * timeout with a message that names it without its credentials.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamUrlSourceTest {
    private static SourceSettings settings(String url, int timeoutMillis) {
        return new SourceSettings(160, 120, 25, PixelFormat.I420, Config.empty()
                .with(CaptureSettings.FILE.key(), url).with(CaptureSettings.TIMEOUT_MS.key(),
                        Integer.toString(timeoutMillis)).with(CaptureSettings.LOOP.key(), "true"));
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldReadALiveUdpStreamAsItArrives(@TempDir Path dir) throws Exception {
        assumeTrue(FileSourceProviderTest.ffmpegOnPath(), "no ffmpeg command-line tool on the PATH");
        int port = freeUdpPort();
        // Eight seconds of live MPEG-TS, a keyframe every 10 frames, to a port the source then listens on.
        Process sender = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=25", "-t", "8", "-c:v", "mpeg2video", "-g", "10", "-q:v", "5", "-f",
                "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
        try (FrameSource source = new FileSourceProvider().open(settings("udp://127.0.0.1:" + port, 5_000))) {
            assertTrue(source.toString().contains("live") && !source.toString().contains("loop"),
                    "live, so not looped: " + source);
            List<VideoFrame> frames = new ArrayList<>();
            for (int n = 0; n < 25; n++) {
                VideoFrame frame = new VideoFrame();
                assertTrue(source.read(frame), "frame " + n);
                frames.add(frame);
            }
            assertEquals(160, frames.get(0).width(), "scaled to the requested size");
            assertEquals(120, frames.get(0).height());
            assertEquals(24, frames.get(24).sequence());
        } finally {
            sender.destroy();
            assertTrue(sender.waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldReadAnRtpStreamThroughItsSdpFile(@TempDir Path dir) throws Exception {
        assumeTrue(FileSourceProviderTest.ffmpegOnPath(), "no ffmpeg command-line tool on the PATH");
        int port = freeUdpPort();
        Path sdp = dir.resolve("camera.sdp");
        // H.264 over RTP (a dynamic payload type, so the receiver needs the SDP), SPS and PPS before each keyframe.
        Process sender = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f",
                "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "8", "-pix_fmt", "yuv420p", "-c:v", "libx264",
                "-profile:v", "baseline", "-tune", "zerolatency", "-g", "10", "-f", "rtp", "-sdp_file", sdp.toString(),
                "rtp://127.0.0.1:" + port)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!java.nio.file.Files.isRegularFile(sdp) || java.nio.file.Files.size(sdp) == 0) {
                assertTrue(System.nanoTime() < deadline, "ffmpeg wrote no SDP file");
                Thread.sleep(20);
            }
            Thread.sleep(100);  // the whole file
            try (FrameSource source = new FileSourceProvider().open(settings(sdp.toString(), 5_000))) {
                assertTrue(source.toString().contains("live"), source.toString());
                for (int n = 0; n < 25; n++) {
                    VideoFrame frame = new VideoFrame();
                    assertTrue(source.read(frame), "frame " + n);
                    assertEquals(160, frame.width());
                }
            }
        } finally {
            sender.destroy();
            assertTrue(sender.waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldFailOnAUrlNobodyAnswersWithinItsTimeout() throws Exception {
        int port = freeUdpPort();
        SourceException silent = assertThrows(SourceException.class,
                () -> new FileSourceProvider().open(settings("udp://127.0.0.1:" + port, 500)));
        assertTrue(silent.getMessage().contains("stream udp://127.0.0.1:" + port), silent.getMessage());

        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        SourceException refused = assertThrows(SourceException.class, () -> new FileSourceProvider()
                .open(settings("rtsp://viewer:s3cret@127.0.0.1:" + closed + "/cam", 500)));
        assertTrue(refused.getMessage().contains("stream rtsp://***@127.0.0.1:" + closed + "/cam"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cret"), "no password in messages: " + refused.getMessage());
    }
}
