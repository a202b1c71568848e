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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A GStreamer H.264 sender (openh264enc, rtph264pay: a plain RTP tool that cannot join, key SRTP or read a PLI)
 * sends to an ingress of a relay whose members' media is SRTP; a vc participant in the room renders its stream from
 * its first GOP: the packets that came while the ingress's participant joined are forwarded, not lost, so nothing
 * waits for GStreamer's next keyframe.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IngressEndToEndTest {
    private static final int FRAMES = 150;

    @Test
    void shouldRenderAGstreamerStreamSentToAnIngressFromItsFirstGop(@TempDir Path dir) throws Exception {
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
                IngressStatus ingress = relay.openIngress(IngressSpec.of("ingress", "gstreamer", 0, VideoCodec.H264));

                Process sender = start(dir, "gst-tx", List.of("gst-launch-1.0", "-q", "videotestsrc",
                        "num-buffers=" + FRAMES, "!", "video/x-raw,width=640,height=480,framerate=30/1", "!",
                        "openh264enc", "!", "rtph264pay", "config-interval=-1", "pt=96", "!", "udpsink",
                        "host=127.0.0.1", "port=" + ingress.address().getPort()));
                try {
                    assertTrue(sender.waitFor(60, TimeUnit.SECONDS), "gst-launch-1.0 did not finish: " + log(dir));
                } finally {
                    sender.destroyForcibly();
                }
                assertEquals(0, sender.exitValue(), log(dir));

                int ssrc = relay.stats().members().stream().filter(m -> m.displayName().equals("gstreamer"))
                        .mapToInt(RelayStats.MemberStats::ssrc).findFirst().orElseThrow();
                StreamStats stream = awaitQuiet(viewer, ssrc);
                assertTrue(stream.framesRendered() >= FRAMES - 5, "frames rendered: " + stream);
                assertEquals(640, stream.width(), "GStreamer's picture size");
                IngressStatus status = relay.ingresses().get(0);
                assertEquals(IngressStatus.State.JOINED, status.state(), status.toString());
                assertTrue(status.drops().isEmpty(), "nothing dropped at the ingress: " + status);
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

    private static Process start(Path dir, String name, List<String> command) throws Exception {
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private static String log(Path dir) throws Exception {
        return Files.readString(dir.resolve("gst-tx.err"));
    }
}
