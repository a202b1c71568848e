package dev.vc.examples.demo;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What an eavesdropper on the relay's host sees: a relay and three participants (H.264, a room secret) run for a
 * few seconds on loopback while tshark's {@code dumpcap} captures every packet of the relay's control and media
 * ports to a pcap. With the default security (TLS 1.3 control channel, DTLS-SRTP media) the capture holds neither
 * the room secret nor any participant's session key (the key of its media hellos) nor the room's or anyone's name,
 * the control port carries a TLS 1.3 handshake, the media port a DTLS handshake, and no RTP payload holds a
 * readable H.264 sequence parameter set (vc's senders put SPS and PPS in a STAP-A at the start of every keyframe).
 * The SRTP keys themselves never leave the DTLS handshake's exporters, so the test cannot look for them; what it
 * can reach of them, the media, is checked unreadable. The converse, with plain TCP and plain RTP, finds all of it,
 * so each check can fail.
 *
 * <p>Skipped (an assumption) where {@code tshark} is not installed or may not capture on {@code lo} (it needs root
 * or the capture capabilities); tshark then reads the capture.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WireCaptureTest {
    private static final String ROOM = "wire-room-5c1e";
    private static final String SECRET = "wire-secret-Grüße-7f3a9c";
    private static final List<String> NAMES = List.of("wire-alice", "wire-bob", "wire-carol");
    private static final int FRAMES_EACH = 10;

    /** A finished capture and what went over the wire in it. */
    private record Capture(Path pcap, int controlPort, int mediaPort, List<byte[]> sessionKeys) {
    }

    @Test
    void shouldShowAnEavesdropperNoSecretNoKeyAndNoPicture(@TempDir Path dir) throws Exception {
        Capture capture = capture(dir, true);
        byte[] pcap = Files.readAllBytes(capture.pcap());

        assertFalse(contains(pcap, SECRET.getBytes(StandardCharsets.UTF_8)), "the room secret is in the capture");
        assertFalse(contains(pcap, asciiPart(SECRET)), "the secret's ASCII part is in the capture");
        for (byte[] key : capture.sessionKeys()) {
            assertFalse(contains(pcap, key), "a session key is in the capture");
        }
        assertFalse(contains(pcap, ROOM.getBytes(StandardCharsets.UTF_8)), "the JOIN went in clear: room name");
        for (String name : NAMES) {
            assertFalse(contains(pcap, name.getBytes(StandardCharsets.UTF_8)), "a display name went in clear");
        }

        List<String> tls = tshark(capture, "tls", "tls.handshake.type", "tls.handshake.extensions.supported_version");
        assertTrue(tls.stream().anyMatch(l -> l.startsWith("1\t") && l.contains("0x0304")),
                "a ClientHello offering TLS 1.3 on the control port: " + tls);
        assertTrue(tls.stream().anyMatch(l -> l.startsWith("2\t") && l.contains("0x0304")),
                "a ServerHello choosing TLS 1.3 on the control port: " + tls);
        List<String> dtls = tshark(capture, "dtls", "dtls.handshake.type");
        assertTrue(dtls.stream().anyMatch(l -> List.of(l.split(",")).contains("1")),
                "a DTLS ClientHello on the media port: " + dtls);

        List<byte[]> payloads = h264Payloads(capture);
        assertTrue(payloads.size() > 50, "the media was captured: " + payloads.size() + " RTP packets of type 96");
        assertEquals(0, payloads.stream().filter(WireCaptureTest::readableSps).count(),
                "an RTP payload begins with a readable SPS");
    }

    @Test
    void shouldShowAnEavesdropperEverythingWhenToldInsecure(@TempDir Path dir) throws Exception {
        Capture capture = capture(dir, false);
        byte[] pcap = Files.readAllBytes(capture.pcap());

        assertTrue(contains(pcap, SECRET.getBytes(StandardCharsets.UTF_8)), "the plain JOIN carries the secret");
        for (byte[] key : capture.sessionKeys()) {
            assertTrue(contains(pcap, key), "the plain JOIN_ACCEPTED carries the session key");
        }
        assertTrue(contains(pcap, ROOM.getBytes(StandardCharsets.UTF_8)), "the plain JOIN names the room");
        assertTrue(tshark(capture, "tls", "tls.handshake.type").isEmpty(), "no TLS on a plain control port");
        assertTrue(h264Payloads(capture).stream().anyMatch(WireCaptureTest::readableSps),
                "plain RTP shows the keyframes' parameter sets");
    }

    /** Runs the relay and three participants for as long as each renders {@value #FRAMES_EACH} frames of the others. */
    private static Capture capture(Path dir, boolean secure) throws Exception {
        assumeTrue(onPath("tshark") && onPath("dumpcap"),
                "tshark (with dumpcap) is not installed: the capture of a whole session is not checked");
        RelaySettings.Builder settings = RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .roomSecret(ROOM, SECRET);
        settings = secure ? settings.stateDirectory(dir.resolve("relay").toString())
                : settings.controlInsecure(true).mediaInsecure(true);
        Path pcap = dir.resolve(secure ? "session-secure.pcapng" : "session-insecure.pcapng");
        try (RelayServer relay = RelayServer.start(settings.build())) {
            int control = relay.controlAddress().getPort();
            int media = relay.mediaAddress().getPort();
            RunningCapture dumpcap = startCapture(pcap, dir, "tcp port " + control + " or udp port " + media);
            List<byte[]> keys = new ArrayList<>();
            List<Participant> room = new ArrayList<>();
            try {
                Config config = Config.of(Map.of("vc.codec", "h264", "vc.source", "synthetic", "vc.renderer",
                        "headless", "vc.width", "320", "vc.height", "240", "vc.fps", "30"));
                for (int i = 0; i < NAMES.size(); i++) {
                    Participant.Builder builder = Participant.builder().config(config).name(NAMES.get(i)).room(ROOM)
                            .secret(SECRET).set("vc.source.seed", Integer.toString(i + 1))
                            .relay(new InetSocketAddress(InetAddress.getLoopbackAddress(), control));
                    builder = secure ? builder.set("vc.relay.fingerprint", relay.certificateFingerprint())
                            : builder.set("vc.relay.insecure", "true").set("vc.media.security", "insecure");
                    room.add(builder.build());
                }
                room.forEach(Participant::start);
                room.forEach(p -> keys.add(p.session().sessionKey()));
                awaitEveryoneRendered(room);
            } finally {
                room.forEach(Participant::close);
                stopCapture(dumpcap);
            }
            return new Capture(pcap, control, media, keys);
        }
    }

    private static void awaitEveryoneRendered(List<Participant> room) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!room.stream().allMatch(p -> p.stats().streams().size() == room.size() - 1
                && p.stats().streams().stream().allMatch(s -> s.framesRendered() >= FRAMES_EACH))) {
            assertTrue(System.nanoTime() < deadline, "not every stream reached " + FRAMES_EACH + " frames: "
                    + room.stream().map(Participant::stats).toList());
            Thread.sleep(20);
        }
    }

    /** A running dumpcap and the thread that copies what it captures into the pcap file. */
    private record RunningCapture(Process process, Thread copier) {
    }

    /**
     * Starts tshark's capture engine, {@code dumpcap}, on {@code lo} and returns once a marker datagram of its own
     * is in the capture, so nothing the test does afterwards can come before the capture really runs ("Capturing
     * on" is said before the first packets are taken). dumpcap writes to a pipe, which it flushes per packet, and a
     * thread copies the pipe into {@code pcap}. The test is skipped when dumpcap cannot capture (no permission).
     * dumpcap, not tshark: tshark stopped by a signal may exit before the dumpcap it runs has written the last
     * packets out.
     */
    private static RunningCapture startCapture(Path pcap, Path dir, String filter) throws Exception {
        try (DatagramSocket marker = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Path err = dir.resolve("capture.err");
            Process process = new ProcessBuilder("dumpcap", "-q", "-i", "lo", "-f",
                    "(" + filter + ") or udp port " + marker.getLocalPort(), "-w", "-")
                    .redirectError(err.toFile()).start();
            AtomicLong written = new AtomicLong();
            Thread copier = new Thread(() -> {
                try (InputStream in = process.getInputStream(); OutputStream out = Files.newOutputStream(pcap)) {
                    byte[] buffer = new byte[65536];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        out.write(buffer, 0, n);
                        written.addAndGet(n);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "dumpcap-copier");
            copier.setDaemon(true);
            copier.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (written.get() == 0 && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);  // the file header: dumpcap opened the interface
            }
            if (written.get() == 0) {
                process.destroyForcibly();
                assumeTrue(false, "dumpcap cannot capture on lo here (it needs root or the capture capabilities): "
                        + (Files.exists(err) ? Files.readString(err).strip() : ""));
            }
            long header = written.get();
            byte[] hello = "vc capture marker".getBytes(StandardCharsets.US_ASCII);
            while (written.get() == header) {
                assertTrue(System.nanoTime() < deadline && process.isAlive(), "the capture never saw its marker");
                marker.send(new DatagramPacket(hello, hello.length, marker.getLocalSocketAddress()));
                Thread.sleep(20);
            }
            return new RunningCapture(process, copier);
        }
    }

    /** Stops the capture (SIGTERM: dumpcap writes out what it holds and ends the pipe) and waits for the file. */
    private static void stopCapture(RunningCapture capture) throws InterruptedException {
        Thread.sleep(300);  // the last packets reach the capture
        capture.process().destroy();
        if (!capture.process().waitFor(20, TimeUnit.SECONDS)) {
            capture.process().destroyForcibly();
            throw new AssertionError("dumpcap did not stop within 20 s");
        }
        capture.copier().join(TimeUnit.SECONDS.toMillis(20));
    }

    /**
     * @return RTP payloads of payload type 96 (H.264) on the relay's media port, as tshark's RTP dissector reads them
     *         (once it saw the DTLS-SRTP handshake, it calls the payload of the conversation's packets SRTP's
     *         encrypted payload)
     */
    private static List<byte[]> h264Payloads(Capture capture) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        for (String line : tshark(capture, "rtp.version == 2 && rtp.p_type == 96", "rtp.payload",
                "srtp.enc_payload")) {
            String hex = line.replace("\t", "").replace(":", "").strip();
            if (!hex.isEmpty()) {
                payloads.add(HexFormat.of().parseHex(hex));
            }
        }
        return payloads;
    }

    /**
     * @return whether an RTP payload is a STAP-A (RFC 6184) whose first unit is a sequence parameter set a decoder
     *         can read: a unit size of 4..64 bytes, NAL type 7 with the forbidden bit clear, profile_idc 66, 77
     *         or 100 (baseline, main, high) and a level_idc of 10..52
     */
    static boolean readableSps(byte[] payload) {
        if (payload.length < 7 || (payload[0] & 0x1F) != 24) {
            return false;
        }
        int size = (payload[1] & 0xFF) << 8 | (payload[2] & 0xFF);
        int nal = payload[3] & 0xFF;
        int profile = payload[4] & 0xFF;
        int level = payload[6] & 0xFF;
        return size >= 4 && size <= 64 && (nal & 0x80) == 0 && (nal & 0x1F) == 7
                && (profile == 66 || profile == 77 || profile == 100) && level >= 10 && level <= 52;
    }

    /**
     * Runs tshark over the capture, the control port read as TLS and the media port as RTP (or DTLS when
     * {@code filter} is {@code dtls}), and prints {@code fields} of the packets {@code filter} selects.
     */
    private static List<String> tshark(Capture capture, String filter, String... fields) throws Exception {
        String media = filter.equals("dtls") ? "dtls" : "rtp";
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", capture.pcap().toString(),
                "-d", "tcp.port==" + capture.controlPort() + ",tls", "-d", "udp.port==" + capture.mediaPort() + ","
                        + media, "-Y", filter, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Path out = capture.pcap().resolveSibling("tshark.out");
        Path err = capture.pcap().resolveSibling("tshark.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tshark did not finish within 60 s");
        }
        assertEquals(0, process.exitValue(), Files.readString(err));
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    private static byte[] asciiPart(String secret) {
        String ascii = secret.replaceAll("[^\\x20-\\x7e].*", "");
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
