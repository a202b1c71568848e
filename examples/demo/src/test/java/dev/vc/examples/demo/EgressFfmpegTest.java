package dev.vc.examples.demo;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vc.testing.ExternalTools.awaitUdpListener;
import static dev.vc.testing.ExternalTools.freePortPair;
import static dev.vc.testing.ExternalTools.onPath;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An egress forward is what standard tools play: a vc participant (synthetic camera, H.264 or JPEG, two simulcast
 * layers, DTLS-SRTP to the relay) sends 150 frames at 30 fps through a running relay, the operator API forwards its stream
 * as plain RTP to a port on 127.0.0.1, and ffmpeg, opening the SDP the API returned as is, decodes at least 145 of
 * them. Skipped when {@code ffmpeg} is not on the PATH.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EgressFfmpegTest {
    private static final String TOKEN = "egress-test-token-0123456789abcdef";
    private static final int FRAMES = 150;

    @ParameterizedTest
    @ValueSource(strings = {"h264", "jpeg"})
    void shouldLetFfmpegDecodeAForwardFromTheSdpTheApiReturned(String codec, @TempDir Path dir) throws Exception {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed");
        Config config = Config.of(Map.of("vc.codec", codec, "vc.source", "synthetic", "vc.renderer", "headless",
                "vc.width", "320", "vc.height", "240", "vc.fps", "30", "vc.simulcast.layers", "2"));
        try (RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0)
                .mediaPort(0).stateDirectory(dir.resolve("state").toString())
                .operator("127.0.0.1", 0, TOKEN).build())) {
            Participant alice = Participant.builder().config(config).name("alice").room("egress")
                    .relay(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.controlAddress().getPort()))
                    .set("vc.relay.fingerprint", relay.certificateFingerprint()).build();
            Process ffmpeg = null;
            try {
                alice.start();
                awaitEncoded(alice, 10);   // joined, keyed and sending
                alice.setVideoEnabled(false);

                int port = freePortPair();
                String created = call(relay, "POST", "/api/forwards", "{\"participant\": "
                        + alice.session().participantId() + ", \"host\": \"127.0.0.1\", \"port\": " + port + "}");
                Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(created);
                assertTrue(id.find(), created);
                String sdp = call(relay, "GET", "/api/forwards/" + id.group(1) + "/sdp", null);
                assertTrue(created.contains(sdp.replace("\r\n", "\\r\\n")), "the start's answer holds the same SDP");
                assertTrue(codec.equals("h264") ? sdp.contains("a=rtpmap:96 H264/90000\r\n")
                        && sdp.contains("packetization-mode=1") : sdp.contains("m=video " + port + " RTP/AVP 26\r\n"), sdp);
                Path sdpFile = dir.resolve("forward.sdp");
                Files.writeString(sdpFile, sdp, StandardCharsets.UTF_8);

                Path decoded = dir.resolve("decoded.framemd5");
                ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning",
                        "-protocol_whitelist", "file,udp,rtp", "-threads", "1", "-i", sdpFile.toString(),
                        "-f", "framemd5", "-y", decoded.toString())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(dir.resolve("ffmpeg.out").toFile())
                        .redirectError(dir.resolve("ffmpeg.err").toFile()).start();
                awaitUdpListener(port, ffmpeg, 10_000);

                long before = layer0Encoded(alice);
                alice.setVideoEnabled(true);       // resumes with a keyframe
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (layer0Encoded(alice) < before + FRAMES) {
                    assertTrue(System.nanoTime() < deadline, "alice does not send: " + alice.stats());
                    Thread.sleep(2);
                }
                alice.setVideoEnabled(false);
                Thread.sleep(1_500);               // the last frames reach ffmpeg and are decoded
                long sent = layer0Encoded(alice) - before;
                ffmpeg.destroy();                  // SIGTERM: ffmpeg flushes its decoder and ends the file
                assertTrue(ffmpeg.waitFor(20, TimeUnit.SECONDS), "ffmpeg did not end");
                String errors = Files.readString(dir.resolve("ffmpeg.err"));
                long frames = Files.readAllLines(decoded).stream()
                        .filter(line -> !line.startsWith("#") && !line.isBlank()).count();
                String forward = call(relay, "GET", "/api/forwards/" + id.group(1), null);
                assertTrue(sent >= FRAMES && sent <= FRAMES + 5, "frames alice sent of its large layer: " + sent);
                assertTrue(frames >= sent - 5 && frames <= sent, "ffmpeg decoded " + frames + " of " + sent
                        + " frames\nforward: " + forward + "\nffmpeg: " + errors);
                assertTrue(Files.readString(decoded).contains("#dimensions 0: 320x240"),
                        "the large layer: " + Files.readAllLines(decoded).subList(0, 8));
                System.out.printf(Locale.ROOT, "egress %s: ffmpeg decoded %d of %d frames; forward %s%n", codec, frames, sent,
                        forward);
            } finally {
                if (ffmpeg != null && ffmpeg.isAlive()) {
                    ffmpeg.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                alice.close();
            }
        }
    }

    private static long layer0Encoded(Participant p) {
        return p.stats().layers().get(0).framesEncoded();
    }

    private static void awaitEncoded(Participant p, long frames) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (layer0Encoded(p) < frames) {
            assertTrue(System.nanoTime() < deadline, "alice does not send: " + p.stats());
            Thread.sleep(20);
        }
    }

    /** One operator API request with the token; fails unless it succeeds. */
    private static String call(RelayServer relay, String method, String path, String body) throws IOException {
        HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + relay.operatorAddress().getPort()
                + path).toURL().openConnection();
        http.setRequestMethod(method);
        http.setConnectTimeout(5_000);
        http.setReadTimeout(5_000);
        http.setRequestProperty("Authorization", "Bearer " + TOKEN);
        if (body != null) {
            http.setDoOutput(true);
            try (OutputStream out = http.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = http.getResponseCode();
        InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream();
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(status == 200 || status == 201, method + " " + path + ": " + status + " " + text);
        return text;
    }
}
