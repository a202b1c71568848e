package dev.vc.relay;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.RejectReason;
import dev.vc.api.control.JoinRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayControlTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RelayServer relay(RelaySettings.Builder settings) {
        RelayServer relay = RelayServer.start(settings.host("127.0.0.1").controlPort(0).mediaPort(0).build());
        open.add(relay);
        return relay;
    }

    private TestClient client(RelayServer relay, String room, String name, String secret) throws IOException {
        TestClient client = new TestClient(relay, room, name, secret);
        open.add(client);
        return client;
    }

    @Test
    void shouldAssignDistinctIdsAndSsrcsAndTellTheRoomWhoJoinedAndLeft() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        TestClient alice = client(relay, "a", "alice", "");
        TestClient bob = client(relay, "a", "bob", "");

        assertNotEquals(alice.id(), bob.id());
        assertNotEquals(alice.ssrc(), bob.ssrc());
        assertEquals(relay.mediaAddress().getPort(), bob.control.session().mediaPort());
        assertEquals(List.of("alice"), bob.control.roster().stream().map(ControlMessage.Participant::displayName).toList());
        Await.until(() -> alice.events.contains("joined bob"), "alice hears bob join");

        bob.control.close();
        Await.until(() -> alice.events.contains("left " + bob.id() + " left"), "alice hears bob leave");
        Await.until(() -> relay.stats().members().size() == 1, "relay forgets bob");
    }

    @Test
    void shouldRejectAWrongSecretAndAFullRoomWithTheirReasons() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).roomSecret("team", "s3cret").maxParticipantsPerRoom(2));
        JoinRejectedException wrong = assertThrows(JoinRejectedException.class, () -> client(relay, "team", "eve", "guess"));
        assertEquals(RejectReason.BAD_SECRET, wrong.reason());

        client(relay, "team", "alice", "s3cret");
        client(relay, "team", "bob", "s3cret");
        JoinRejectedException full = assertThrows(JoinRejectedException.class, () -> client(relay, "team", "carol", "s3cret"));
        assertEquals(RejectReason.ROOM_FULL, full.reason());
        assertTrue(full.getMessage().contains("maximum of 2"), full.getMessage());
        assertEquals(2, relay.stats().joinsRejected());
    }

    @Test
    void shouldRefuseRoomsThatAreNotConfiguredWhenAdHocRoomsAreOff() {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).adHocRooms(false).roomSecret("team", "x"));
        JoinRejectedException e = assertThrows(JoinRejectedException.class, () -> client(relay, "other", "eve", ""));
        assertEquals(RejectReason.BAD_REQUEST, e.reason());
    }

    @Test
    void shouldRateLimitJoinAttemptsPerAddress() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).roomSecret("team", "s3cret").joinAttemptsPerMinute(3));
        for (int i = 0; i < 3; i++) {
            assertEquals(RejectReason.BAD_SECRET,
                    assertThrows(JoinRejectedException.class, () -> client(relay, "team", "eve", "guess")).reason());
        }
        assertEquals(RejectReason.RATE_LIMITED,
                assertThrows(JoinRejectedException.class, () -> client(relay, "team", "eve", "s3cret")).reason());
    }

    @Test
    void shouldAnswerAnotherProtocolVersionWithUnsupportedVersion() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        try (Socket socket = TestClient.connect(relay)) {
            ByteBuffer frame = ControlCodec.encode(new Join("a", "x", "", Set.of(VideoCodec.JPEG), Set.of()));
            frame.put(ControlCodec.LENGTH_BYTES, (byte) 7);
            socket.getOutputStream().write(frame.array(), 0, frame.limit());
            ControlMessage answer = readMessage(socket);
            assertEquals(new ControlMessage.JoinRejected(RejectReason.UNSUPPORTED_VERSION,
                    "unsupported control protocol version 7 (this side speaks " + ControlCodec.VERSION + ")"), answer);
        }
    }

    @Test
    void shouldCutOffAnOversizedControlMessage() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).maxControlMessageBytes(64));
        try (Socket socket = TestClient.connect(relay)) {
            socket.getOutputStream().write(ByteBuffer.allocate(4).putInt(1_000_000).array());
            ControlMessage answer = readMessage(socket);
            assertEquals(RejectReason.BAD_REQUEST, ((ControlMessage.JoinRejected) answer).reason());
            assertEquals(-1, socket.getInputStream().read(), "connection closed after the rejection");
        }
    }

    @Test
    void shouldRemoveAClientThatStopsSendingKeepalives() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).keepaliveMillis(100));
        TestClient alice = client(relay, "a", "alice", "");
        try (Socket mute = TestClient.connect(relay)) {
            ByteBuffer join = ControlCodec.encode(new Join("a", "mute", "", Set.of(VideoCodec.JPEG), Set.of()));
            mute.getOutputStream().write(join.array(), 0, join.limit());
            Await.until(() -> alice.events.contains("joined mute"), "mute joins");
            // It never sends a keepalive: after three periods the relay drops it and tells the room.
            Await.until(() -> alice.events.stream().anyMatch(e -> e.startsWith("left ") && e.endsWith("timed out")),
                    "mute timed out");
        }
        assertEquals(1, relay.stats().members().size(), "alice, who keeps alive, stays");
    }

    @Test
    void shouldDropAParticipantWhoseProcessDiesFromEveryRoster() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        TestClient alice = client(relay, "a", "alice", "");
        TestClient bob = client(relay, "a", "bob", "");
        int crasherId;
        try (Socket crasher = TestClient.connect(relay)) {
            ByteBuffer join = ControlCodec.encode(new Join("a", "crasher", "", Set.of(VideoCodec.JPEG), Set.of()));
            crasher.getOutputStream().write(join.array(), 0, join.limit());
            crasherId = ((ControlMessage.JoinAccepted) readMessage(crasher)).participantId();
            Await.until(() -> alice.events.contains("joined crasher") && bob.events.contains("joined crasher"),
                    "everyone sees the crasher");
        } // closed without LEAVE, as when the process is killed
        String expected = "left " + crasherId + " connection lost";
        Await.until(() -> alice.events.contains(expected) && bob.events.contains(expected), "everyone sees it go");
        Await.until(() -> alice.control.roster().size() == 1 && bob.control.roster().size() == 1, "rosters updated");
        assertEquals(2, relay.stats().members().size());
    }

    @Test
    void shouldFailClearlyWhenTheRelayIsUnreachable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        var e = assertThrows(dev.vc.api.TransportException.class, () -> ControlClient.join(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), closedPort),
                dev.vc.api.control.RelayTrust.system(),
                new Join("a", "x", "", Set.of(VideoCodec.JPEG), Set.of()), new ControlClient.Listener() { },
                Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains(Integer.toString(closedPort)), e.getMessage());
    }

    private static ControlMessage readMessage(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return ControlCodec.decode(ByteBuffer.wrap(frame));
    }
}
