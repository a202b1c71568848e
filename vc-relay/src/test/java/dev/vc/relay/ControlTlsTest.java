package dev.vc.relay;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.VideoCodec;
import dev.vc.api.control.CertificateFingerprint;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.RejectReason;
import dev.vc.api.control.JoinRejectedException;
import dev.vc.api.control.RelayTlsException;
import dev.vc.api.control.RelayTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control channel in TLS 1.3: pinning, CAs, insecure mode on both sides, hostile peers, the kept certificate. */
@Timeout(60)
class ControlTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path state;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RelayServer relay(RelaySettings.Builder settings) {
        RelayServer relay = RelayServer.start(settings.host("127.0.0.1").controlPort(0).mediaPort(0)
                .stateDirectory(state.toString()).build());
        open.add(relay);
        return relay;
    }

    /** Joins by the relay's address, 127.0.0.1, which a CA-signed certificate must name. */
    private ControlClient join(RelayServer relay, RelayTrust trust, String name) {
        ControlClient client = ControlClient.join(new InetSocketAddress("127.0.0.1", relay.controlAddress().getPort()),
                trust,
                new Join("a", name, "", Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG)),
                new ControlClient.Listener() { }, TIMEOUT);
        open.add(client);
        return client;
    }

    @Test
    void shouldStartTheJoinTimeoutOnlyOnceTheHandshakeIsDone() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).tlsHandshakeTimeoutMillis(60_000).joinTimeoutMillis(200));
        try (Socket idle = new Socket(); Socket handshaken = TestClient.connect(relay)) {
            idle.connect(TestClient.loopback(relay.controlAddress()));
            Await.until(() -> closed(relay, "join_timeout") == 1, "the handshaken connection that never joins closed");
            assertTrue(endOfStream(handshaken), "closed");
            assertEquals(0, closed(relay, "tls_handshake_timeout"));
            Await.until(() -> relay.stats().connections() == 1, "the idle one is still within its handshake time");
        }
    }

    private static long closed(RelayServer relay, String reason) {
        return relay.stats().connectionsClosed().getOrDefault(reason, 0L);
    }

    @Test
    void shouldJoinOverTlsWithTheRelaysFingerprintPinned() {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        String fingerprint = relay.certificateFingerprint();
        assertTrue(fingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint);
        assertTrue(relay.controlSecurity().startsWith("TLS, certificate sha-256 " + fingerprint),
                relay.controlSecurity());

        ControlClient alice = join(relay, RelayTrust.pinned(fingerprint.replace(":", "").toLowerCase()), "alice");
        assertTrue(alice.session().participantId() > 0);
        assertFalse(alice.insecure());
        assertEquals(1, relay.stats().members().size());
    }

    @Test
    void shouldRefuseAnotherFingerprintNamingBoth() {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        String other = "AB:" + "00:".repeat(30) + "CD";
        RelayTlsException e = assertThrows(RelayTlsException.class, () -> join(relay, RelayTrust.pinned(other), "x"));
        assertEquals(RelayTlsException.Reason.FINGERPRINT_MISMATCH, e.reason());
        assertEquals("relay certificate fingerprint " + relay.certificateFingerprint() + " does not match the pinned "
                + other, e.getMessage());
        assertEquals(0, relay.stats().members().size());
    }

    @Test
    void shouldNotTrustTheSelfSignedCertificateWithoutAPinAndSayWhatToDo() {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        RelayTlsException e = assertThrows(RelayTlsException.class, () -> join(relay, RelayTrust.system(), "x"));
        assertEquals(RelayTlsException.Reason.UNTRUSTED, e.reason());
        assertTrue(e.getMessage().startsWith("relay certificate " + relay.certificateFingerprint() + " not trusted ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(
                "pin its fingerprint with --relay-fingerprint or give its CA with vc.relay.ca"), e.getMessage());
    }

    @Test
    void shouldTrustACertificateSignedByTheGivenCaAndKeepTheKeystorePasswordOutOfEveryLogAndError(@TempDir Path dir)
            throws Exception {
        String password = "kS-pw-7f3c91e2";
        TestCertificates.Issued ca = TestCertificates.authority("test CA");
        TestCertificates.Issued leaf = TestCertificates.server(ca, "127.0.0.1");
        Path keystore = TestCertificates.pkcs12(dir.resolve("relay.p12"), leaf, ca, password);
        Path caFile = TestCertificates.pem(dir.resolve("ca.pem"), ca.certificate().getEncoded(), "CERTIFICATE");
        List<String> logged = new ArrayList<>();
        try (LogCapture ignored = new LogCapture(logged)) {
            ConfigException wrong = assertThrows(ConfigException.class,
                    () -> relay(RelaySettings.builder().mediaInsecure(true).tlsKeystore(keystore.toString(), password + "x")));
            assertTrue(wrong.getMessage().contains(keystore.toString()), wrong.getMessage());
            assertFalse(stackTrace(wrong).contains(password), "the password is not in the error");

            RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).tlsKeystore(keystore.toString(), password));
            assertEquals(CertificateFingerprint.of(leaf.certificate()), relay.certificateFingerprint());
            RelayTrust trust = RelayTrust.from(Config.of(Map.of("vc.relay.ca", caFile.toString())));
            assertTrue(join(relay, trust, "alice").session().participantId() > 0);

            TestCertificates.Issued stranger = TestCertificates.authority("another CA");
            RelayTrust wrongCa = RelayTrust.authorities(List.of(stranger.certificate()));
            assertEquals(RelayTlsException.Reason.UNTRUSTED,
                    assertThrows(RelayTlsException.class, () -> join(relay, wrongCa, "eve")).reason());
        }
        assertFalse(logged.isEmpty(), "the relay logged");
        for (String line : logged) {
            assertFalse(line.contains(password), line);
        }
    }

    @Test
    void shouldPresentAPemCertificateAndKey(@TempDir Path dir) throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("test CA");
        TestCertificates.Issued leaf = TestCertificates.server(ca, "127.0.0.1");
        Path certificate = TestCertificates.pem(dir.resolve("relay.pem"), leaf.certificate().getEncoded(),
                "CERTIFICATE");
        Path key = TestCertificates.pem(dir.resolve("relay.key"), leaf.keys().getPrivate().getEncoded(),
                "PRIVATE KEY");
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).tlsPem(certificate.toString(), key.toString()));
        assertEquals(CertificateFingerprint.of(leaf.certificate()), relay.certificateFingerprint());
        assertTrue(join(relay, RelayTrust.authorities(List.of(ca.certificate())), "alice").session()
                .participantId() > 0);
    }

    @Test
    void shouldKeepTheSelfSignedCertificateOwnerOnlyAndReuseItOnTheNextStart(@TempDir Path other) throws Exception {
        String fingerprint;
        try (RelayServer first = RelayServer.start(RelaySettings.builder().mediaInsecure(true).host("127.0.0.1").controlPort(0)
                .mediaPort(0).stateDirectory(state.toString()).build())) {
            fingerprint = first.certificateFingerprint();
        }
        Path file = state.resolve("control-tls.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));

        RelayServer again = relay(RelaySettings.builder().mediaInsecure(true));
        assertEquals(fingerprint, again.certificateFingerprint(), "the same certificate after a restart");
        join(again, RelayTrust.pinned(fingerprint), "alice");

        RelayServer elsewhere = RelayServer.start(RelaySettings.builder().mediaInsecure(true).host("127.0.0.1").controlPort(0)
                .mediaPort(0).stateDirectory(other.resolve("relay").toString()).build());
        open.add(elsewhere);
        assertNotEquals(fingerprint, elsewhere.certificateFingerprint(), "another state directory, another key");
    }

    @Test
    void shouldTellATlsClientAtOnceThatTheRelayIsPlain() {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).controlInsecure(true));
        assertEquals(null, relay.certificateFingerprint());
        RelayTlsException e = assertThrows(RelayTlsException.class,
                () -> join(relay, RelayTrust.pinned("AB:" + "00:".repeat(30) + "CD"), "x"));
        assertEquals(RelayTlsException.Reason.RELAY_NOT_TLS, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("vc.relay.insecure=true"), e.getMessage());
        assertEquals(1, closed(relay, "tls_on_plain"));

        ControlClient plain = join(relay, relay.clientTrust(), "alice");
        assertTrue(plain.insecure());
    }

    @Test
    void shouldTellAPlainClientAtOnceThatTheRelayIsTls() {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        JoinRejectedException e = assertThrows(JoinRejectedException.class,
                () -> join(relay, RelayTrust.insecure(), "x"));
        assertEquals(RejectReason.BAD_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("control channel is TLS"), e.getMessage());
        assertEquals(1, closed(relay, "plain_on_tls"));
    }

    @Test
    void shouldReadInsecureOnlyAlone() {
        ConfigException e = assertThrows(ConfigException.class, () -> RelayTrust.from(Config.of(Map.of(
                "vc.relay.insecure", "true", "vc.relay.fingerprint", "AB:" + "00:".repeat(30) + "CD"))));
        assertTrue(e.getMessage().contains("contradicts vc.relay.fingerprint"), e.getMessage());
        assertTrue(RelayTrust.from(Config.of(Map.of("vc.relay.insecure", "true"))).isInsecure());
    }

    @Test
    void shouldCloseStalledAndGarbagePeersByReasonWhileOthersJoin() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).tlsHandshakeTimeoutMillis(500));
        InetSocketAddress control = TestClient.loopback(relay.controlAddress());
        try (Socket stalled = new Socket(); Socket broken = new Socket(); Socket noise = new Socket()) {
            stalled.connect(control);
            stalled.getOutputStream().write(new byte[] {22, 3, 1, 0, 100});   // a record header, then nothing
            broken.connect(control);
            OutputStream out = broken.getOutputStream();
            out.write(new byte[] {22, 3, 1, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8});   // a "handshake" of junk
            noise.connect(control);
            noise.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

            ControlClient alice = join(relay, relay.clientTrust(), "alice");
            ControlClient bob = join(relay, relay.clientTrust(), "bob");
            assertNotEquals(alice.session().participantId(), bob.session().participantId());

            Await.until(() -> closed(relay, "tls_failed") == 1, "the junk handshake refused");
            Await.until(() -> closed(relay, "garbage") == 1, "the HTTP request closed");
            Await.until(() -> closed(relay, "tls_handshake_timeout") == 1, "the stalled handshake timed out");
            Await.until(() -> relay.stats().connections() == 2, "alice and bob stay, the three others are gone");
            assertTrue(endOfStream(stalled), "the stalled peer was closed");
        }
    }

    /** @return true once the relay closed the connection (after an alert, perhaps), false on a timeout */
    private static boolean endOfStream(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        try {
            while (socket.getInputStream().read() >= 0) {
                // the relay's alert
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true;
        } catch (java.net.SocketTimeoutException open) {
            return false;
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** Every log record of the JVM, formatted with its parameters and throwable, while open. */
    private static final class LogCapture extends Handler implements AutoCloseable {
        private final List<String> lines;
        private final Logger root = Logger.getLogger("");
        private final Level before = root.getLevel();

        LogCapture(List<String> lines) {
            this.lines = lines;
            setLevel(Level.ALL);
            root.setLevel(Level.ALL);
            root.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    line.append(" | ").append(p);
                }
            }
            if (record.getThrown() != null) {
                line.append(" | ").append(stackTrace(record.getThrown()));
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
            root.setLevel(before);
        }
    }
}
