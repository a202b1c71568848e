package dev.vc.examples.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.session.Participant;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's headless mode: status lines, and what a person is told when joining fails. */
class ClientTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private static RelayServer relay() {
        return RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .roomSecret("team", "s3cret").build());
    }

    private int run(String... args) {
        return Client.runHeadless(ClientOptions.parse(args), out, err);
    }

    @Test
    void shouldPrintAStatusLineEachSecondWithEveryRemoteStream() throws Exception {
        try (RelayServer relay = relay()) {
            int port = relay.controlAddress().getPort();
            Config config = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "synthetic", "vc.renderer", "headless",
                    "vc.width", "160", "vc.height", "120", "vc.fps", "15"));
            List<Participant> others = new ArrayList<>();
            try {
                for (String name : new String[] {"alice", "bob"}) {
                    Participant p = Participant.builder().config(config).name(name).room("team").secret("s3cret")
                            .relay(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                            .set("vc.relay.fingerprint", relay.certificateFingerprint()).build();
                    others.add(p);
                    p.start();
                }
                int deadPort;
                try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    deadPort = unused.getLocalPort();             // closed again: nothing listens there
                }
                int status = run("--relay", "127.0.0.1:" + deadPort + ",127.0.0.1:" + port,
                        "--relay-fingerprint", relay.certificateFingerprint(), "--room", "team", "--secret", "s3cret",
                        "--name", "carol", "--codec", "jpeg", "--headless", "--seconds", "3");
                String printed = outBytes.toString(StandardCharsets.UTF_8);
                assertEquals(0, status, printed + errBytes.toString(StandardCharsets.UTF_8));
                assertTrue(printed.contains("carol joined room team on 127.0.0.1:" + port + " "),
                        "joined through the second relay of the list, the first being down: " + printed);
                String last = printed.lines().filter(l -> l.startsWith("[  3 s]")).findFirst().orElse("");
                assertTrue(last.matches(".*sending \\d+\\.\\d fps \\(synthetic\\).*"), printed);
                assertTrue(last.matches(".*alice \\d+x\\d+ 1\\d\\.\\d fps.*")
                        && last.matches(".*bob \\d+x\\d+ 1\\d\\.\\d fps.*"), "size and about 15 fps: " + printed);
                assertTrue(last.contains("latency p50"), printed);
            } finally {
                others.forEach(Participant::close);
            }
        }
    }

    @Test
    void shouldExplainAWrongSecretAndExitWithThree() {
        try (RelayServer relay = relay()) {
            int status = run("--relay", "127.0.0.1:" + relay.controlAddress().getPort(), "--relay-fingerprint",
                    relay.certificateFingerprint(), "--room", "team", "--secret",
                    "wrong", "--name", "mallory", "--codec", "jpeg", "--headless", "--seconds", "2");
            assertEquals(ClientStatus.EXIT_REJECTED, status);
            assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains(
                    "The relay refused to let you in: wrong secret for room 'team' (BAD_SECRET)."), errBytes.toString());
        }
    }

    @Test
    void shouldExplainAnUnreachableRelayAndExitWithFour() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        int status = run("--relay", "127.0.0.1:" + port, "--codec", "jpeg", "--headless", "--seconds", "1");
        assertEquals(ClientStatus.EXIT_UNREACHABLE, status, errBytes.toString());
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("Cannot reach the relay at 127.0.0.1:" + port),
                errBytes.toString());
    }

    @Test
    void shouldExplainARelayItCannotTrustAndExitWithFour() {
        try (RelayServer relay = relay()) {
            int status = run("--relay", "127.0.0.1:" + relay.controlAddress().getPort(), "--room", "team", "--secret",
                    "s3cret", "--codec", "jpeg", "--headless", "--seconds", "1");
            String printed = errBytes.toString(StandardCharsets.UTF_8);
            assertEquals(ClientStatus.EXIT_UNREACHABLE, status, printed);
            assertTrue(printed.contains("Cannot trust the relay at 127.0.0.1:" + relay.controlAddress().getPort()
                    + ": relay certificate " + relay.certificateFingerprint() + " not trusted"), printed);
            assertTrue(printed.contains("pin its fingerprint with --relay-fingerprint"), printed);
        }
    }

    @Test
    void shouldSayInsecureInTheStatusLineWhenBothSidesWereToldSo() {
        try (RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0)
                .mediaPort(0).controlInsecure(true).build())) {
            System.setProperty("vc.relay.insecure", "true");
            int status;
            try {
                status = run("--relay", "127.0.0.1:" + relay.controlAddress().getPort(), "--codec", "jpeg",
                        "--headless", "--seconds", "1");
            } finally {
                System.clearProperty("vc.relay.insecure");
            }
            String printed = outBytes.toString(StandardCharsets.UTF_8);
            assertEquals(0, status, printed + errBytes.toString(StandardCharsets.UTF_8));
            assertTrue(printed.contains("[  1 s] insecure (plain TCP to the relay) | sending"), printed);
        }
    }

    @Test
    void shouldExplainAMissingCameraAndExitWithFive() {
        try (RelayServer relay = relay()) {
            int status = run("--relay", "127.0.0.1:" + relay.controlAddress().getPort(), "--relay-fingerprint",
                    relay.certificateFingerprint(), "--room", "team", "--secret",
                    "s3cret", "--source", "camera", "--device", "/dev/video99", "--codec", "jpeg", "--headless");
            String printed = errBytes.toString(StandardCharsets.UTF_8);
            assertEquals(ClientStatus.EXIT_SOURCE, status, printed);
            assertTrue(printed.contains("The video source 'camera' failed: no camera at /dev/video99 (")
                    || printed.contains("cannot run here"), printed);
        }
    }

    @Test
    void shouldParseTheCommandLine() {
        ClientOptions defaults = ClientOptions.parse();
        assertEquals("127.0.0.1:5000", defaults.relay());
        assertEquals("synthetic", defaults.source());
        assertEquals(null, defaults.relayFingerprint());
        ClientOptions o = ClientOptions.parse("--relay", "relay.example:6000", "--file", "talk.mp4", "--headless",
                "--relay-fingerprint", "AB:CD");
        assertEquals("AB:CD", o.relayFingerprint());
        assertEquals(List.of(InetSocketAddress.createUnresolved("relay.example", 6000)), o.relays());
        ClientOptions cluster = ClientOptions.parse("--relay", "a.example:5000, b.example:5002");
        assertEquals(List.of(InetSocketAddress.createUnresolved("a.example", 5000),
                InetSocketAddress.createUnresolved("b.example", 5002)), cluster.relays(), "a cluster's relays, in order");
        assertEquals("a.example:5000, b.example:5002", cluster.relay());
        assertThrows(ConfigException.class, () -> ClientOptions.parse("--relay", "a.example:5000,b.example"));
        assertEquals("file", o.source(), "--file alone implies the file source");
        assertTrue(o.headless());
        assertThrows(ConfigException.class, () -> ClientOptions.parse("--relay", "nohost"));
        assertThrows(ConfigException.class, () -> ClientOptions.parse("--bogus", "1"));
        assertThrows(ConfigException.class, () -> ClientOptions.parse("--seconds", "-1"));
    }
}
