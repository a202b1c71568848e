package dev.vc.relay.cli;

import dev.vc.api.ConfigException;
import dev.vc.api.VideoCodec;
import dev.vc.relay.IngressSpec;
import dev.vc.relay.RelaySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayMainTest {
    @TempDir
    Path state;

    /** What {@link RelayMain#execute} printed and returned. */
    private record Run(int status, String out, String err) {
    }

    private static Run execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RelayMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static RelaySettings parse(String... args) {
        RelayMain command = new RelayMain();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void shouldUseTheOriginalPortsAndLimitsByDefault() {
        RelaySettings settings = parse();
        assertEquals(5000, settings.controlAddress().getPort());
        assertEquals(5001, settings.mediaAddress().getPort());
        assertEquals(10, settings.maxParticipantsPerRoom());
        assertEquals(3_000, settings.staleMillis());
        assertEquals(-1, settings.metricsPort());
        assertTrue(settings.adHocRooms());
        assertTrue(settings.socketPerParticipant());
    }

    @Test
    void shouldApplyEveryFlag() {
        RelaySettings settings = parse("--host", "127.0.0.1", "--control-port", "0", "--media-port", "7001",
                "--metrics-port", "9100", "--max-participants", "4", "--max-rooms", "3", "--room-secret", "team=s3cret",
                "--room-secret", "ops=x", "--no-ad-hoc-rooms", "--stale-timeout-ms", "500", "--keepalive-ms", "250",
                "--max-bitrate", "2000000", "--join-attempts-per-minute", "5", "--receive-buffer-bytes", "1048576", "--shared-media-socket");
        assertEquals("127.0.0.1", settings.host());
        assertEquals(0, settings.controlAddress().getPort());
        assertEquals(7001, settings.mediaAddress().getPort());
        assertEquals(9100, settings.metricsPort());
        assertEquals(4, settings.maxParticipantsPerRoom());
        assertEquals(3, settings.maxRooms());
        assertEquals("s3cret", settings.roomSecret("team"));
        assertEquals("x", settings.roomSecret("ops"));
        assertNull(settings.roomSecret("other"));
        assertFalse(settings.adHocRooms());
        assertEquals(500, settings.staleMillis());
        assertEquals(250, settings.keepaliveMillis());
        assertEquals(2_000_000, settings.maxBitrate());
        assertEquals(5, settings.joinAttemptsPerMinute());
        assertEquals(1 << 20, settings.receiveBufferBytes());
        assertFalse(settings.socketPerParticipant());
    }

    @Test
    void shouldRejectOutOfRangeValuesWithTheirLimits() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("--media-port", "70000"));
        assertTrue(e.getMessage().contains("0..65535"), e.getMessage());
        assertThrows(CommandLine.ParameterException.class, () -> parse("--max-rooms", "many"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--bogus"));
    }

    @Test
    void shouldAnswerABadFlagWithOneLineNamingItAndTheHelp() {
        for (String[] args : new String[][] {{"--bogus"}, {"--max-rooms", "many"}, {"--media-port", "70000"}}) {
            Run run = execute(args);
            assertEquals(1, run.status(), run.err());
            assertEquals("", run.out());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("vc-relay: ") && run.err().contains(args[0]), run.err());
        }
        assertTrue(execute("--bogus").err().contains("--help"), execute("--bogus").err());
    }

    @Test
    void shouldRefuseAnOperatorPortWithoutATokenAndTakeOneFromAKey() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(RelayMain.OPERATOR_TOKEN_ENV) == null,
                "the environment sets a token");
        Run run = execute("--host", "127.0.0.1", "--control-port", "0", "--media-port", "0", "--operator-port", "0",
                "--state-dir", state.toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().startsWith("vc-relay: vc.relay.operator.port is set but vc.relay.operator.token is not"),
                run.err());
        String key = RelaySettings.OPERATOR_TOKEN.key();
        System.setProperty(key, "a-token-of-twenty-chars");
        try {
            RelaySettings settings = parse("--operator-port", "9101", "--operator-host", "0.0.0.0");
            assertEquals(9101, settings.operatorPort());
            assertEquals("0.0.0.0", settings.operatorHost());
            assertEquals("a-token-of-twenty-chars", settings.operatorToken());
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void shouldNameTheMetricsPortWhenItIsInUse() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = execute("--host", "127.0.0.1", "--control-port", "0", "--media-port", "0", "--metrics-port",
                    Integer.toString(other.getLocalPort()), "--state-dir", state.toString());
            assertEquals(1, run.status(), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().contains("metrics port " + other.getLocalPort()), run.err());
            assertFalse(run.err().contains("control port") || run.err().contains("media port"), run.err());
        }
    }

    @Test
    void shouldOpenEachIngressGivenAndNameAPortInUse() throws Exception {
        RelaySettings settings = parse("--max-ingresses", "3", "--ingress", "room=lobby,name=camera 1,port=5004,codec=h264",
                "--ingress", "room=lobby,name=door,port=5006,codec=jpeg,source=192.0.2.7,ssrc=42");
        assertEquals(3, settings.maxIngresses());
        assertEquals(List.of(IngressSpec.of("lobby", "camera 1", 5004, VideoCodec.H264),
                new IngressSpec("lobby", "door", 5006, VideoCodec.JPEG, InetAddress.getByName("192.0.2.7"), 42)),
                settings.ingresses());
        try (DatagramSocket other = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Run run = execute("--host", "127.0.0.1", "--control-port", "0", "--media-port", "0", "--state-dir",
                    state.toString(), "--ingress", "room=lobby,name=camera,port=" + other.getLocalPort() + ",codec=h264");
            assertEquals(1, run.status(), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().contains("ingress port " + other.getLocalPort()), run.err());
        }
    }

    @Test
    void shouldAnswerABadIngressWithItsForm() {
        Run run = execute("--ingress", "room=lobby,name=camera,codec=vp8,port=5004");
        assertEquals(1, run.status());
        assertTrue(run.err().contains("--ingress") && run.err().contains("codec 'vp8' is not h264 or jpeg"), run.err());
        Run missing = execute("--ingress", "room=lobby,codec=h264");
        assertTrue(missing.err().contains("has no name; expected room=R,name=N,port=P,codec=h264|jpeg"), missing.err());
    }

    @Test
    void shouldPrintTheHelpOnStandardOutputAndSucceed() {
        Run run = execute("--help");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("--metrics-port"), run.out());
        assertEquals("", run.err());
    }
}
