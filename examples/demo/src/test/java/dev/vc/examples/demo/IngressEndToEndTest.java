package dev.vc.examples.demo;

import dev.vc.api.Config;
import dev.vc.api.VideoCodec;
import dev.vc.api.session.Participant;
import dev.vc.api.session.StreamStats;
import dev.vc.relay.IngressSpec;
import dev.vc.relay.IngressStatus;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import dev.vc.relay.RelayStats;
import dev.vc.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.vc.testing.ExternalTools.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A plain RTP tool that cannot join, key SRTP or read a PLI (GStreamer and ffmpeg, H.264 and JPEG, with the commands
 * docs/relay.md gives) sends to an ingress of a relay whose members' media is SRTP; a vc
 * participant in the room renders its stream from its first GOP: the packets that came while the ingress's
 * participant joined are forwarded, not lost, so nothing waits for the sender's next keyframe.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IngressEndToEndTest {
    private static final int FRAMES = 150;

    @Test
    void shouldRenderAGstreamerStreamSentToAnIngressFromItsFirstGop(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("gst-launch-1.0"), "GStreamer is not installed");
        StreamStats stream = renderedFrom(dir, VideoCodec.H264, List.of("gst-launch-1.0", "-q", "videotestsrc",
                "num-buffers=" + FRAMES, "!", "video/x-raw,width=640,height=480,framerate=30/1", "!", "openh264enc",
                "!", "rtph264pay", "config-interval=-1", "pt=96", "!", "udpsink", "host=127.0.0.1", "port=%d"));
        assertTrue(stream.framesRendered() >= FRAMES - 5, "frames rendered: " + stream);
        assertEquals(640, stream.width(), "GStreamer's picture size");
    }

    /** JPEG (RFC 2435, 4:2:0 as its types 0 and 1 allow) as GStreamer's rtpjpegpay writes it. */
    @Test
    void shouldRenderAGstreamerJpegStreamSentToAnIngress(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("gst-launch-1.0"), "GStreamer is not installed");
        StreamStats stream = renderedFrom(dir, VideoCodec.JPEG, List.of("gst-launch-1.0", "-q", "videotestsrc",
                "num-buffers=" + FRAMES, "!", "video/x-raw,format=I420,width=640,height=480,framerate=30/1", "!",
                "jpegenc", "!", "rtpjpegpay", "!", "udpsink", "host=127.0.0.1", "port=%d"));
        // Every frame arrives whole; a JPEG receiver whose decoding falls behind skips to the newest frame (a busy
        // machine), so what it renders is not the point here.
        assertTrue(stream.framesReceived() >= FRAMES - 5, "frames received: " + stream);
        assertEquals(0, stream.decodeErrors(), stream.toString());
        assertTrue(stream.framesRendered() > 0, stream.toString());
        assertEquals(640, stream.width(), "GStreamer's picture size");
    }

    /** The ffmpeg command docs/relay.md gives: libx264 baseline, SPS and PPS in band. */
    @Test
    void shouldRenderAnFfmpegStreamSentToAnIngress(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed");
        StreamStats stream = renderedFrom(dir, VideoCodec.H264, List.of("ffmpeg", "-hide_banner", "-loglevel", "error",
                "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc=size=640x480:rate=30", "-frames:v",
                Integer.toString(FRAMES), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-profile:v", "baseline", "-tune",
                "zerolatency", "-g", "60", "-bsf:v", "dump_extra", "-f", "rtp", "-payload_type", "96",
                "rtp://127.0.0.1:%d"));
        assertTrue(stream.framesRendered() >= FRAMES - 5, "frames rendered: " + stream);
        assertEquals(640, stream.width(), "ffmpeg's picture size");
    }

    /** The ffmpeg JPEG command docs/relay.md gives: RFC 2435 with the standard Huffman tables. */
    @Test
    void shouldReceiveAnFfmpegJpegStreamSentToAnIngress(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed");
        StreamStats stream = renderedFrom(dir, VideoCodec.JPEG, List.of("ffmpeg", "-hide_banner", "-loglevel", "error",
                "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc=size=640x480:rate=30", "-frames:v",
                Integer.toString(FRAMES), "-pix_fmt", "yuvj420p", "-c:v", "mjpeg", "-huffman", "default", "-q:v", "5",
                "-f", "rtp", "rtp://127.0.0.1:%d"));
        assertTrue(stream.framesReceived() >= FRAMES - 5, "frames received: " + stream);
        assertEquals(0, stream.decodeErrors(), stream.toString());
        assertEquals(640, stream.width(), "ffmpeg's picture size");
    }

    /**
     * Opens an ingress for {@code codec} in a relay with a vc participant in its room, runs {@code sender} (its
     * {@code %d} the ingress's port) to its end, and returns what the participant rendered of the ingress's stream.
     */
    private static StreamStats renderedFrom(Path dir, VideoCodec codec, List<String> sender) throws Exception {
        Config config = Config.of(Map.of("vc.codec", "h264", "vc.source", "synthetic", "vc.renderer", "headless",
                "vc.width", "320", "vc.height", "240", "vc.fps", "15"));
        try (RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0)
                .mediaPort(0).stateDirectory(dir.toString()).build())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            try (Participant viewer = Participant.builder().config(config).name("viewer").room("ingress")
                    .relay(address).set("vc.relay.fingerprint", relay.certificateFingerprint()).build()) {
                viewer.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (viewer.stats().layers().get(0).framesEncoded() < 5) {  // joined, keyed and sending
                    assertTrue(System.nanoTime() < deadline, "the viewer does not send: " + viewer.stats());
                    Thread.sleep(20);
                }
                IngressStatus ingress = relay.openIngress(IngressSpec.of("ingress", "camera", 0, codec));
                List<String> command = sender.stream()
                        .map(arg -> arg.replace("%d", Integer.toString(ingress.address().getPort()))).toList();
                ExternalTools.Run sent = ExternalTools.finish(dir, "sender", ExternalTools.start(dir, "sender", command),
                        60);
                assertEquals(0, sent.exitCode(), sent.stderr());

                int ssrc = relay.stats().members().stream().filter(m -> m.displayName().equals("camera"))
                        .mapToInt(RelayStats.MemberStats::ssrc).findFirst()
                        .orElseThrow(() -> new AssertionError("no participant: " + relay.ingresses()));
                StreamStats stream = awaitQuiet(viewer, ssrc);
                IngressStatus status = relay.ingresses().get(0);
                assertEquals(IngressStatus.State.JOINED, status.state(), status.toString());
                assertTrue(status.drops().isEmpty(), "nothing dropped at the ingress: " + status);
                return stream;
            }
        }
    }

    /** Waits until the viewer's stream of {@code ssrc} renders nothing more for half a second (at most 15 s). */
    private static StreamStats awaitQuiet(Participant viewer, int ssrc) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long rendered = -1;
        long quietSince = System.nanoTime();
        while (true) {
            StreamStats stream = viewer.stats().streams().stream().filter(s -> s.stream().ssrc() == ssrc)
                    .findFirst().orElse(null);
            long now = System.nanoTime();
            long count = stream == null ? 0 : stream.framesRendered();
            if (count != rendered) {
                rendered = count;
                quietSince = now;
            } else if (stream != null && now - quietSince > 500_000_000L) {
                return stream;
            }
            assertTrue(now < deadline, "the stream does not settle: " + stream);
            Thread.sleep(20);
        }
    }
}
