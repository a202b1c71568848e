package dev.vc.transport.udp.internal;

import dev.vc.api.Transport;
import dev.vc.testing.ExternalTools.Run;
import dev.vc.transport.udp.internal.FfmpegInteropTest.Received;
import dev.vc.transport.udp.internal.FfmpegInteropTest.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.vc.testing.ExternalTools.onPath;
import static dev.vc.testing.ExternalTools.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A GStreamer sender (openh264enc, rtph264pay: RFC 6184 as GStreamer writes it, its SPS and PPS as single NAL
 * unit packets, slices in FU-A) to a vc transport over loopback: vc hands on the stream from its first access
 * unit, so nothing waits for the next keyframe (GStreamer reads no PLI). Skipped when {@code gst-launch-1.0} or
 * its openh264 plugin (Debian: gstreamer1.0-plugins-bad) is missing.
 */
class GstreamerInteropTest {
    private static final int FRAMES = 150;

    @Test
    @Timeout(120)
    void shouldHandOnAGstreamerStreamFromItsFirstAccessUnit(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("gst-launch-1.0") && onPath("gst-inspect-1.0"), "GStreamer is not installed");
        assumeTrue(run(dir, "inspect", 30, "gst-inspect-1.0", "openh264enc").exitCode() == 0,
                "GStreamer has no openh264enc");
        Recorder recorder = new Recorder();
        try (Transport receiver = FfmpegInteropTest.openReceiver()) {
            receiver.start(recorder);
            Run sender = run(dir, "gst-tx", 60, "gst-launch-1.0", "-q", "videotestsrc", "num-buffers=" + FRAMES,
                    "!", "video/x-raw,width=320,height=240,framerate=30/1", "!", "openh264enc", "!", "rtph264pay",
                    "!", "udpsink", "host=127.0.0.1", "port=" + receiver.localAddress().getPort());
            assertEquals(0, sender.exitCode(), sender.stderr());
            FfmpegInteropTest.awaitQuiet(recorder);
            assertEquals(0, receiver.stats().framesIncomplete(), receiver.stats().toString());
        }
        List<Received> frames = recorder.frames;
        assertTrue(frames.size() >= FRAMES - 5, "access units handed on: " + frames.size() + " of " + FRAMES);
        assertTrue(frames.get(0).keyframe(), "the first is the stream's first keyframe");
        assertEquals(320, frames.get(0).width(), "the size from its SPS");
        if (onPath("ffmpeg")) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            frames.forEach(frame -> stream.writeBytes(frame.data()));
            Path file = dir.resolve("received.h264");
            Files.write(file, stream.toByteArray());
            Run decode = run(dir, "ffmpeg-decode", 60, "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                    "-f", "h264", "-i", file.toString(), "-f", "framecrc", "-");
            assertEquals(0, decode.exitCode(), decode.stderr());
            long pictures = Files.readAllLines(decode.stdout()).stream()
                    .filter(line -> !line.startsWith("#") && !line.isBlank()).count();
            assertEquals(frames.size(), pictures, "ffmpeg decodes a picture from every access unit, the first on");
        }
    }
}
