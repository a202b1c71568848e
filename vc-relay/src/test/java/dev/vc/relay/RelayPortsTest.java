package dev.vc.relay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A relay refuses a control, media or metrics port another socket holds, whichever media socket mode it runs. */
class RelayPortsTest {
    @TempDir
    Path state;

    private RelaySettings.Builder settings() {
        return RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0).stateDirectory(state.toString());
    }

    @Test
    void shouldRefuseTheMediaPortOfAnotherRelay() {
        try (RelayServer first = RelayServer.start(settings().build())) {
            int media = first.mediaAddress().getPort();
            // Both relays set SO_REUSEADDR on their media sockets (socket per participant, the default).
            PortInUseException e = assertThrows(PortInUseException.class,
                    () -> RelayServer.start(settings().mediaPort(media).build()).close());
            assertEquals("media", e.role());
            assertEquals(media, e.port());
            assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseAMediaPortAnotherProgramHolds() throws Exception {
        try (DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (boolean perParticipant : new boolean[] {true, false}) {
                PortInUseException e = assertThrows(PortInUseException.class, () -> RelayServer.start(
                        settings().mediaPort(other.getLocalPort()).socketPerParticipant(perParticipant).build()).close());
                assertEquals("media", e.role());
            }
        }
    }

    @Test
    void shouldRefuseTheControlPortOfAnotherRelay() {
        try (RelayServer first = RelayServer.start(settings().build())) {
            int control = first.controlAddress().getPort();
            PortInUseException e = assertThrows(PortInUseException.class,
                    () -> RelayServer.start(settings().controlPort(control).build()).close());
            assertEquals("control", e.role());
            assertEquals(control, e.port());
        }
    }

    @Test
    void shouldNameTheMetricsPortWhenItIsTheOneInUse() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PortInUseException e = assertThrows(PortInUseException.class,
                    () -> RelayServer.start(settings().metricsPort(other.getLocalPort()).build()).close());
            assertEquals("metrics", e.role());
            assertEquals(other.getLocalPort(), e.port());
            assertTrue(e.getMessage().contains("--metrics-port") && !e.getMessage().contains("media port"),
                    e.getMessage());
        }
    }
}
