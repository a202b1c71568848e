package dev.vc.relay;

import dev.vc.api.ConfigException;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingresses over real sockets: a plain RTP sender (a UDP socket here; GStreamer in the demo's end-to-end test) joins
 * a room as a named participant, its packets forwarded under the SSRC the relay assigned; others' packets are dropped
 * and counted; it is sent nothing; it leaves when silent and comes back; ports in use and the limit are refused.
 */
class IngressTest {
    private static final int SENDER_SSRC = 0x1234_5678;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RelayServer relay(RelaySettings.Builder settings) {
        RelayServer relay = RelayServer.start(settings.host("127.0.0.1").controlPort(0).mediaPort(0)
                .mediaInsecure(true).build());
        open.add(relay);
        return relay;
    }

    private TestClient viewer(RelayServer relay, String room) throws Exception {
        TestClient client = new TestClient(relay, room, "viewer", "");
        open.add(client);
        client.bind();
        return client;
    }

    private DatagramChannel sender(String address) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        open.add(channel);
        channel.bind(new InetSocketAddress(address, 0));
        channel.configureBlocking(false);
        return channel;
    }

    private static void send(DatagramChannel from, IngressStatus to, int ssrc, int marker) throws IOException {
        from.send(ByteBuffer.wrap(TestClient.rtp(ssrc, marker)),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), to.address().getPort()));
    }

    private static IngressStatus status(RelayServer relay, IngressStatus ingress) {
        return relay.ingresses().stream().filter(s -> s.address().equals(ingress.address())).findFirst().orElseThrow();
    }

    private static RelayStats.MemberStats member(RelayServer relay, String name) {
        return relay.stats().members().stream().filter(m -> m.displayName().equals(name)).findFirst().orElse(null);
    }

    @Test
    void shouldJoinItsRoomAsANamedParticipantAndForwardFromItsFirstPacketUnderTheRelaysSsrc() throws Exception {
        RelayServer relay = relay(RelaySettings.builder());
        TestClient viewer = viewer(relay, "lobby");
        IngressStatus ingress = relay.openIngress(IngressSpec.of("lobby", "camera", 0, VideoCodec.JPEG));
        assertEquals(IngressStatus.State.IDLE, ingress.state());
        assertTrue(ingress.address().getPort() > 0, "an ephemeral port, bound");
        DatagramChannel camera = sender("127.0.0.1");

        send(camera, ingress, SENDER_SSRC, 1);
        Await.until(() -> viewer.events.contains("joined camera"), "the viewer told of the camera");
        byte[] first = Await.rtp(viewer.media, "the first packet");
        assertEquals(1, first[12], "the packet that made it join is forwarded too");
        send(camera, ingress, SENDER_SSRC, 2);
        byte[] second = Await.rtp(viewer.media, "the second packet");
        assertEquals(2, second[12]);

        RelayStats.MemberStats member = member(relay, "camera");
        assertEquals(member.ssrc(), ByteBuffer.wrap(first).getInt(8), "under the SSRC the relay assigned");
        assertNotEquals(SENDER_SSRC, member.ssrc());
        assertEquals(2, member.packetsIn());
        IngressStatus joined = status(relay, ingress);
        assertEquals(IngressStatus.State.JOINED, joined.state());
        assertEquals(member.id(), joined.participantId());
        assertEquals(camera.getLocalAddress(), joined.sender());
        assertEquals(2, joined.packets());

        assertTrue(relay.closeIngress(ingress.address().getPort()));
        Await.until(() -> viewer.events.contains("left " + member.id() + " left"), "the camera leaving");
        assertFalse(relay.closeIngress(ingress.address().getPort()), "closed already");
        assertTrue(relay.ingresses().isEmpty());
    }

    @Test
    void shouldDropAndCountWhatComesFromAnotherAddressOrWithAnotherSsrc() throws Exception {
        RelayServer relay = relay(RelaySettings.builder());
        TestClient viewer = viewer(relay, "lobby");
        IngressStatus ingress = relay.openIngress(new IngressSpec("lobby", "camera", 0, VideoCodec.JPEG,
                InetAddress.getByName("127.0.0.2"), IngressSpec.ANY_SSRC));
        DatagramChannel stranger = sender("127.0.0.1");
        DatagramChannel camera = sender("127.0.0.2");
        DatagramChannel sameHost = sender("127.0.0.2");

        send(stranger, ingress, SENDER_SSRC, 1);
        send(camera, ingress, SENDER_SSRC, 2);
        Await.until(() -> viewer.events.contains("joined camera"), "the camera joining");
        assertEquals(2, Await.rtp(viewer.media, "the camera's packet")[12], "the stranger's was not forwarded");
        send(sameHost, ingress, SENDER_SSRC, 3);       // the configured address, but not the bound sender's port
        send(camera, ingress, SENDER_SSRC + 2, 4);     // the bound sender, another SSRC
        send(camera, ingress, SENDER_SSRC, 5);
        assertEquals(5, Await.rtp(viewer.media, "the camera's next packet")[12]);

        Await.until(() -> status(relay, ingress).dropped(DropReason.WRONG_SSRC) == 1, "the wrong SSRC counted");
        IngressStatus counted = status(relay, ingress);
        assertEquals(2, counted.dropped(DropReason.OTHER_SOURCE), counted.toString());
        assertEquals(2, counted.packets());
        Thread.sleep(100);
        assertNull(Await.poll(viewer.media), "nothing else forwarded");
    }

    @Test
    void shouldSendItsSenderNothingAndCountWhatItWouldHaveBeen() throws Exception {
        RelayServer relay = relay(RelaySettings.builder());
        TestClient viewer = viewer(relay, "lobby");
        IngressStatus ingress = relay.openIngress(IngressSpec.of("lobby", "camera", 0, VideoCodec.JPEG));
        DatagramChannel camera = sender("127.0.0.1");
        send(camera, ingress, SENDER_SSRC, 1);
        Await.rtp(viewer.media, "the camera's packet");
        int cameraSsrc = member(relay, "camera").ssrc();

        byte[] pli = new byte[12];
        viewer.send(pli, RtcpWriter.pli(pli, 0, viewer.ssrc(), cameraSsrc));
        viewer.sendRtp(viewer.ssrc(), 9);                // the viewer's own video: the camera receives nothing
        Await.until(() -> member(relay, "camera").drops().get(DropReason.NOT_SENT_TO_INGRESS) >= 1,
                "the PLI counted, not sent");
        Thread.sleep(200);
        assertNull(Await.poll(camera), "no PLI, NACK, report or media to a plain RTP sender");
        assertEquals(0, member(relay, "camera").packetsOut());
    }

    @Test
    void shouldLeaveWhenSilentForTheStaleTimeoutAndComeBackWithTheNextPacket() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().staleMillis(300));
        TestClient viewer = viewer(relay, "lobby");
        IngressStatus ingress = relay.openIngress(IngressSpec.of("lobby", "camera", 0, VideoCodec.JPEG));
        send(sender("127.0.0.1"), ingress, SENDER_SSRC, 1);
        Await.until(() -> viewer.events.contains("joined camera"), "the camera joining");
        int firstId = member(relay, "camera").id();
        Await.rtp(viewer.media, "the first packet");
        Await.until(() -> viewer.events.contains("left " + firstId + " timed out"), "the camera timing out");
        assertEquals(IngressStatus.State.IDLE, status(relay, ingress).state());

        DatagramChannel restarted = sender("127.0.0.1");   // a new sender process: another port, another SSRC
        send(restarted, ingress, SENDER_SSRC + 2, 7);
        Await.until(() -> viewer.events.stream().filter("joined camera"::equals).count() == 2, "the camera back");
        assertEquals(7, Await.rtp(viewer.media, "the packet of its return")[12]);
        assertEquals(restarted.getLocalAddress(), status(relay, ingress).sender());
    }

    @Test
    void shouldCountWhatComesWhileItsRoomIsFullAndJoinOnceThereIsRoom() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().maxParticipantsPerRoom(2));
        TestClient viewer = viewer(relay, "lobby");
        TestClient other = new TestClient(relay, "lobby", "other", "");
        other.bind();
        IngressStatus ingress = relay.openIngress(IngressSpec.of("lobby", "camera", 0, VideoCodec.JPEG));
        DatagramChannel camera = sender("127.0.0.1");
        send(camera, ingress, SENDER_SSRC, 1);
        Await.until(() -> status(relay, ingress).state() == IngressStatus.State.REFUSED, "the room refusing it");
        send(camera, ingress, SENDER_SSRC, 2);
        Await.until(() -> status(relay, ingress).dropped(DropReason.INGRESS_REFUSED) == 2, "both packets counted");
        assertNull(member(relay, "camera"));

        other.close();
        Await.until(() -> viewer.events.stream().anyMatch(e -> e.startsWith("left ")), "a place in the room");
        long deadline = System.nanoTime() + 2 * Ingress.RETRY_NANOS;
        int marker = 3;
        while (!viewer.events.contains("joined camera")) {    // it asks again once the retry interval passed
            assertTrue(System.nanoTime() < deadline, "the camera never joined: " + status(relay, ingress));
            send(camera, ingress, SENDER_SSRC, marker++);
            Thread.sleep(50);
        }
        byte[] first = Await.rtp(viewer.media, "its first packet once joined");
        assertEquals(IngressStatus.State.JOINED, status(relay, ingress).state());
        assertTrue(first[12] >= 3, "what came while refused is not forwarded later: " + first[12]);
    }

    @Test
    void shouldRefuseAPortInUseAndMoreIngressesThanItsLimitClearly() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().maxIngresses(2));
        DatagramChannel holder = sender("127.0.0.1");
        int taken = ((InetSocketAddress) holder.getLocalAddress()).getPort();

        PortInUseException inUse = assertThrows(PortInUseException.class,
                () -> relay.openIngress(IngressSpec.of("lobby", "camera", taken, VideoCodec.H264)));
        assertEquals("ingress", inUse.role());
        assertEquals(taken, inUse.port());
        assertTrue(inUse.getMessage().contains("port " + taken) && inUse.getMessage().contains("camera"),
                inUse.getMessage());

        IngressStatus first = relay.openIngress(IngressSpec.of("lobby", "one", 0, VideoCodec.H264));
        int port = first.address().getPort();
        PortInUseException twice = assertThrows(PortInUseException.class,
                () -> relay.openIngress(IngressSpec.of("lobby", "again", port, VideoCodec.H264)));
        assertEquals(port, twice.port());
        relay.openIngress(IngressSpec.of("lobby", "two", 0, VideoCodec.H264));
        ConfigException full = assertThrows(ConfigException.class,
                () -> relay.openIngress(IngressSpec.of("lobby", "three", 0, VideoCodec.H264)));
        assertTrue(full.getMessage().contains("maximum of 2 ingresses"), full.getMessage());

        assertTrue(relay.closeIngress(port));
        assertEquals(port, relay.openIngress(IngressSpec.of("lobby", "one again", port, VideoCodec.H264))
                .address().getPort(), "the closed ingress's port is free again");
    }

    @Test
    void shouldRefuseARoomThatCannotExist() {
        RelayServer relay = relay(RelaySettings.builder().adHocRooms(false).roomSecret("team", "s3cret"));
        ConfigException noRoom = assertThrows(ConfigException.class,
                () -> relay.openIngress(IngressSpec.of("lobby", "camera", 0, VideoCodec.H264)));
        assertTrue(noRoom.getMessage().contains("no room named 'lobby'"), noRoom.getMessage());
        assertEquals("team", relay.openIngress(IngressSpec.of("team", "camera", 0, VideoCodec.H264)).spec().room(),
                "a room with a secret takes an ingress without it: the operator opened it");
    }

    @Test
    void shouldOpenTheIngressesOfItsSettingsAtStart() {
        RelayServer relay = relay(RelaySettings.builder()
                .ingress(IngressSpec.parse("room=lobby,name=camera 1,port=0,codec=h264,source=127.0.0.1,ssrc=42")));
        IngressStatus status = relay.ingresses().get(0);
        assertEquals("camera 1", status.spec().name());
        assertEquals(42, status.spec().ssrc());
        assertEquals(VideoCodec.H264, status.spec().codec());
    }
}
