package dev.vc.relay;

import dev.vc.transport.udp.MediaHello;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayMediaTest {
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

    private TestClient bound(RelayServer relay, String room, String name) throws Exception {
        TestClient client = new TestClient(relay, room, name, "");
        open.add(client);
        client.bind();
        return client;
    }

    @Test
    void shouldForwardEachStreamToTheNineOthersOfItsRoomOnlyAndNeverBack() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        List<TestClient> roomA = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            roomA.add(bound(relay, "a", "a" + i));
        }
        List<TestClient> roomB = List.of(bound(relay, "b", "b0"), bound(relay, "b", "b1"));
        drainAll(roomA);
        drainAll(roomB);

        for (int i = 0; i < roomA.size(); i++) {
            roomA.get(i).sendRtp(roomA.get(i).ssrc(), i);
        }
        roomB.get(0).sendRtp(roomB.get(0).ssrc(), 100);

        for (int i = 0; i < roomA.size(); i++) {
            Set<Integer> markers = new HashSet<>();
            for (int k = 0; k < 9; k++) {
                byte[] packet = Await.datagram(roomA.get(i).media, "packet " + k + " for a" + i);
                markers.add((int) packet[12]);
            }
            Set<Integer> expected = new HashSet<>();
            for (int j = 0; j < 10; j++) {
                if (j != i) {
                    expected.add(j);
                }
            }
            assertEquals(expected, markers, "a" + i + " gets the 9 others and not itself");
        }
        assertEquals(100, Await.datagram(roomB.get(1).media, "b1 gets b0")[12]);
        Thread.sleep(100);
        for (TestClient c : roomA) {
            assertNull(Await.poll(c.media), "nothing more, and nothing from room b");
        }
        assertNull(Await.poll(roomB.get(0).media), "no echo");
        assertEquals(91 + 12 + 12, relay.stats().packetsOut(),
                "9 x 10 in room a + 1 in room b, 12 hello answers, and the relay's first TMMBR to each of the 12 senders");
    }

    @Test
    void shouldDropMediaFromUnboundAddressesAndForeignSsrcs() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        TestClient alice = bound(relay, "a", "alice");
        TestClient bob = bound(relay, "a", "bob");
        drainAll(List.of(alice, bob));
        try (DatagramChannel intruder = TestClient.openSocket()) {
            intruder.send(ByteBuffer.wrap(TestClient.rtp(alice.ssrc(), 1)), TestClient.loopback(relay.mediaAddress()));
            bob.sendRtp(alice.ssrc(), 2);  // bob pretending to be alice
            Await.until(() -> relay.stats().dropped(DropReason.UNBOUND_ADDRESS) == 1
                    && relay.stats().dropped(DropReason.WRONG_SSRC) == 1, "both drops counted");
        }
        assertEquals(0, Await.countArrivals(alice.media, 100), "alice got nothing forged");
    }

    @Test
    void shouldRejectForgedAndReplayedHellosAndKeepTheBinding() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        TestClient alice = bound(relay, "a", "alice");
        TestClient bob = bound(relay, "a", "bob");
        drainAll(List.of(alice, bob));
        try (DatagramChannel attacker = TestClient.openSocket()) {
            // A hello for alice signed with a guessed key.
            byte[] forged = new byte[MediaHello.REQUEST_BYTES];
            new MediaHello(new byte[32]).writeRequest(forged, 0, alice.id(), 99, 1);
            attacker.send(ByteBuffer.wrap(forged), TestClient.loopback(relay.mediaAddress()));
            // Alice's own first hello (counter 1), captured and replayed from the attacker's address.
            byte[] replay = new byte[MediaHello.REQUEST_BYTES];
            new MediaHello(alice.control.session().sessionKey()).writeRequest(replay, 0, alice.id(), 1, 42);
            attacker.send(ByteBuffer.wrap(replay), TestClient.loopback(relay.mediaAddress()));
            Await.until(() -> relay.stats().dropped(DropReason.BAD_HELLO) == 2, "both hellos refused");
            assertNull(Await.poll(attacker), "no answer to a bad hello");
        }
        alice.sendRtp(alice.ssrc(), 5);
        assertEquals(5, Await.datagram(bob.media, "alice still bound")[12]);
    }

    @Test
    void shouldFollowAParticipantToANewAddressAfterAFreshHello() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        TestClient alice = bound(relay, "a", "alice");
        TestClient bob = bound(relay, "a", "bob");
        drainAll(List.of(alice, bob));
        DatagramChannel oldSocket = TestClient.openSocket();
        open.add(oldSocket);
        alice.rebind();
        alice.sendRtp(alice.ssrc(), 7);
        assertEquals(7, Await.rtp(bob.media, "media from the new address")[12]);
        bob.sendRtp(bob.ssrc(), 8);
        assertEquals(8, Await.rtp(alice.media, "bob's media at alice's new address")[12]);
    }

    @Test
    void shouldAskSendersForAKeyframeWhenSomeoneJoinsAndRouteFeedbackToItsTarget() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true));
        TestClient alice = bound(relay, "a", "alice");
        TestClient carol = bound(relay, "a", "carol");
        alice.sendRtp(alice.ssrc(), 1);
        carol.sendRtp(carol.ssrc(), 2);
        drainAll(List.of(alice, carol));
        TestClient bob = bound(relay, "a", "bob");

        byte[] pli = Await.datagram(alice.media, "PLI to alice");
        assertEquals(0x81, pli[0] & 0xFF, "V=2, FMT=1 (PLI)");
        assertEquals(206, pli[1] & 0xFF, "PSFB");
        assertEquals(alice.ssrc(), ByteBuffer.wrap(pli).getInt(8));
        assertEquals(2, relay.stats().keyframeRequests(), "alice and carol, once each");
        drainAll(List.of(alice, carol, bob));

        // Bob asks alice (only) for a keyframe.
        byte[] bobsPli = new byte[12];
        ByteBuffer.wrap(bobsPli).put((byte) 0x81).put((byte) 206).putShort((short) 2).putInt(bob.ssrc())
                .putInt(alice.ssrc());
        bob.send(bobsPli, 12);
        byte[] routed = Await.datagram(alice.media, "bob's PLI at alice");
        assertEquals(bob.ssrc(), ByteBuffer.wrap(routed).getInt(4));
        assertEquals(0, Await.countArrivals(carol.media, 100), "feedback goes only to the stream it is about");
    }

    @Test
    void shouldHoldEachSenderToItsBitrateCap() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).maxBitrate(80_000));  // 10 kB/s, 5 kB burst
        TestClient alice = bound(relay, "a", "alice");
        TestClient bob = bound(relay, "a", "bob");
        drainAll(List.of(alice, bob));
        for (int i = 0; i < 100; i++) {
            alice.sendRtp(alice.ssrc(), i);  // 100 x 100 B = 10 kB at once
        }
        Await.until(() -> relay.stats().dropped(DropReason.BITRATE_CAP) + relay.stats().members().stream()
                .filter(m -> m.displayName().equals("alice")).mapToLong(RelayStats.MemberStats::packetsIn).sum() == 100,
                "all 100 accounted for");
        long capped = relay.stats().dropped(DropReason.BITRATE_CAP);
        assertTrue(capped >= 40 && capped <= 55, "about half over the 5 kB burst, got " + capped);
    }

    @Test
    void shouldTellTheRoomWhenAStreamGoesStaleAndWhenItResumes() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).staleMillis(300));
        TestClient alice = bound(relay, "a", "alice");
        TestClient bob = bound(relay, "a", "bob");
        alice.sendRtp(alice.ssrc(), 1);
        Await.until(() -> bob.events.contains("stale " + alice.id()), "stale reported");
        alice.sendRtp(alice.ssrc(), 2);
        Await.until(() -> bob.events.contains("active " + alice.id()), "resumption reported");
    }

    @Test
    void shouldServePrometheusMetrics() throws Exception {
        RelayServer relay = relay(RelaySettings.builder().mediaInsecure(true).metricsPort(0));
        TestClient alice = bound(relay, "a", "alice");
        TestClient bob = bound(relay, "a", "bob \"the\" builder");
        alice.sendRtp(alice.ssrc(), 1);
        Await.datagram(bob.media, "forwarded");
        HttpURLConnection http = (HttpURLConnection) URI.create(
                "http://127.0.0.1:" + relay.metricsAddress().getPort() + "/metrics").toURL().openConnection();
        http.setConnectTimeout(5_000);
        http.setReadTimeout(5_000);
        assertEquals(200, http.getResponseCode());
        assertTrue(http.getContentType().startsWith("text/plain; version=0.0.4"), http.getContentType());
        String body;
        try (InputStream in = http.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(body.contains("vc_relay_participants 2\n"), body);
        assertTrue(body.contains("vc_relay_packets_in_total{room=\"a\",id=\"" + alice.id() + "\"} 1"), body);
        assertTrue(body.contains("# TYPE vc_relay_dropped_total counter"), body);
        assertTrue(body.contains("# TYPE vc_relay_downlink_estimate_bps histogram\n"), body);
        assertTrue(body.contains("vc_relay_downlink_estimate_bps_count 0\n"), "no feedback yet: " + body);
        assertTrue(body.contains("vc_relay_downlink_estimate_min_bps -1\n"), body);
        assertTrue(body.contains("vc_relay_forwarded_packets_total{layer=\"0\"} 1\n"), body);
        assertTrue(body.contains("vc_relay_forwarded_packets_total{layer=\"1\"} 0\n"), body);
        assertTrue(body.contains("vc_relay_layer_switches_total 1\n"), "bob's stream of alice started: " + body);
        for (String counter : List.of("padding_packets", "layers_wanted_sent", "nack_translated", "nack_unanswerable",
                "view_sizes_ignored")) {
            assertTrue(body.contains("# TYPE vc_relay_" + counter + "_total counter\nvc_relay_" + counter + "_total 0\n"),
                    counter + ": " + body);
        }
    }

    private static void drainAll(List<TestClient> clients) throws IOException, InterruptedException {
        Thread.sleep(50);
        for (TestClient c : clients) {
            while (Await.poll(c.media) != null) {
                // discard keyframe requests and answers from joining
            }
        }
    }
}
