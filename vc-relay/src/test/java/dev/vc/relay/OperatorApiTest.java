package dev.vc.relay;

import dev.vc.relay.operator.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator API over real HTTP against a running relay with real members (control connections and media
 * sockets): the token is demanded and never logged, rooms and participants are listed, bad requests get a 400 that
 * says why, a removed participant is gone for good, and an egress forward sends the participant's stream as one
 * continuous plain RTP stream to a socket, with its SDP, until stopped or until the participant leaves.
 */
@Timeout(60)
class OperatorApiTest {
    static final String TOKEN = "s3cret-operator-token-0123456789";
    private final List<AutoCloseable> open = new ArrayList<>();

    /** What a request got. */
    record Reply(int status, String body, String contentType, String authenticate) {
        Map<String, Object> json() throws Exception {
            return Json.parseObject(body);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RelayServer relay(int maxForwards) {
        RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .mediaInsecure(true).operator("127.0.0.1", 0, TOKEN).maxEgressForwards(maxForwards).build());
        open.add(relay);
        return relay;
    }

    private TestClient bound(RelayServer relay, String room, String name) throws Exception {
        TestClient client = new TestClient(relay, room, name, "");
        open.add(client);
        client.bind();
        return client;
    }

    /** One request to {@code relay}'s operator API; {@code token} null sends none, {@code body} null no body. */
    static Reply call(RelayServer relay, String method, String path, String token, String body)
            throws IOException {
        InetSocketAddress api = relay.operatorAddress();
        HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + api.getPort() + path).toURL()
                .openConnection();
        http.setRequestMethod(method);
        http.setConnectTimeout(5_000);
        http.setReadTimeout(5_000);
        if (token != null) {
            http.setRequestProperty("Authorization", "Bearer " + token);
        }
        if (body != null) {
            http.setDoOutput(true);
            try (OutputStream out = http.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = http.getResponseCode();
        InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Reply(status, text, http.getContentType(), http.getHeaderField("WWW-Authenticate"));
    }

    private static Reply get(RelayServer relay, String path) throws IOException {
        return call(relay, "GET", path, TOKEN, null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> json, String key) {
        return (List<Map<String, Object>>) json.get(key);
    }

    @Test
    void shouldAnswer401WithoutTheTokenOrWithAnotherAndNeverLogIt() throws Exception {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            RelayServer relay = relay(4);
            Reply none = call(relay, "GET", "/api/rooms", null, null);
            assertEquals(401, none.status());
            assertEquals("Bearer realm=\"vc-relay\"", none.authenticate());
            assertTrue(none.body().contains("Bearer"), none.body());
            Reply wrong = call(relay, "GET", "/api/rooms", TOKEN + "x", null);
            assertEquals(401, wrong.status());
            assertEquals(401, call(relay, "GET", "/api/rooms", TOKEN.substring(1), null).status());
            assertEquals(401, call(relay, "DELETE", "/api/participants/1", "", null).status(), "nothing done without it");
            assertEquals(200, get(relay, "/api/rooms").status());
            assertFalse(String.join("\n", logged).contains(TOKEN.substring(0, 12)), "the token is in the log");
        } finally {
            root.removeHandler(capture);
        }
    }

    @Test
    void shouldBeOffWithoutAToken() {
        RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .mediaInsecure(true).build());
        open.add(relay);
        assertNull(relay.operatorAddress());
        dev.vc.api.ConfigException noToken = assertThrows(dev.vc.api.ConfigException.class,
                () -> RelaySettings.builder().operator("127.0.0.1", 0, null));
        assertTrue(noToken.getMessage().contains("vc.relay.operator.token"), noToken.getMessage());
        dev.vc.api.ConfigException shortToken = assertThrows(dev.vc.api.ConfigException.class,
                () -> RelaySettings.builder().operator("127.0.0.1", 0, "short-token"));
        assertFalse(shortToken.getMessage().contains("short-token"), "the message names no token");
    }

    @Test
    void shouldListRoomsAndTheirParticipants() throws Exception {
        RelayServer relay = relay(4);
        TestClient alice = bound(relay, "team", "alice");
        TestClient bob = bound(relay, "team", "bob");
        bound(relay, "other", "carol");

        Map<String, Object> rooms = get(relay, "/api/rooms").json();
        assertEquals(List.of(Map.of("name", "other", "participants", 1L), Map.of("name", "team", "participants", 2L)),
                rooms.get("rooms"));

        Reply reply = get(relay, "/api/rooms/team/participants");
        assertEquals(200, reply.status());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        List<Map<String, Object>> members = list(reply.json(), "participants");
        assertEquals(List.of((long) alice.id(), (long) bob.id()), members.stream().map(m -> m.get("id")).toList());
        assertEquals(List.of("alice", "bob"), members.stream().map(m -> m.get("name")).toList());
        assertEquals("jpeg", members.get(0).get("codec"));
        assertEquals("127.0.0.1:" + ((InetSocketAddress) alice.media.getLocalAddress()).getPort(),
                members.get(0).get("media"), "the bound media address");
        assertEquals(1, list(members.get(0), "layers").size());
        assertEquals(404, get(relay, "/api/rooms/nowhere/participants").status());
    }

    @Test
    void shouldRefuseBadRequestsSayingWhy() throws Exception {
        RelayServer relay = relay(4);
        TestClient alice = bound(relay, "team", "alice");
        String start = "{\"participant\": " + alice.id() + ", \"host\": \"127.0.0.1\", ";
        assertBad(relay, "{\"participant\": ", "malformed JSON");
        assertBad(relay, "[1, 2]", "must be a JSON object");
        assertBad(relay, start + "\"port\": 70000}", "'port' must be an integer in 1..65535");
        assertBad(relay, start + "\"port\": \"5004\"}", "'port' must be an integer");
        assertBad(relay, "{\"host\": \"127.0.0.1\", \"port\": 5004}", "either 'participant'");
        assertBad(relay, start + "\"port\": 5004, \"room\": \"team\"}", "either 'participant'");
        assertBad(relay, start + "\"port\": 5004, \"colour\": 1}", "unknown key 'colour'");
        assertBad(relay, "{\"participant\": " + alice.id() + ", \"host\": \"0.0.0.0\", \"port\": 5004}", "not 0.0.0.0");
        assertBad(relay, start + "\"port\": 5004, \"layer\": 9}", "'layer' must be an integer in 0..2");
        assertBad(relay, "{\"a\":".repeat(20) + "1" + "}".repeat(20), "nested deeper");
        Reply tooLarge = call(relay, "POST", "/api/forwards", TOKEN, "{\"x\": \"" + "y".repeat(5_000) + "\"}");
        assertEquals(413, tooLarge.status(), tooLarge.body());
        assertEquals(404, call(relay, "POST", "/api/forwards", TOKEN,
                "{\"participant\": 999, \"host\": \"127.0.0.1\", \"port\": 5004}").status());
        assertEquals(400, get(relay, "/api/forwards/abc").status());
        assertEquals(404, get(relay, "/api/forwards/77").status());
        assertEquals(404, get(relay, "/api/nothing").status());
        assertEquals(405, call(relay, "PUT", "/api/rooms", TOKEN, "{}").status());
        assertEquals(List.of(), list(get(relay, "/api/forwards").json(), "forwards"), "nothing was started");
    }

    private static void assertBad(RelayServer relay, String body, String says) throws Exception {
        Reply reply = call(relay, "POST", "/api/forwards", TOKEN, body);
        assertEquals(400, reply.status(), body + " -> " + reply.body());
        String error = (String) reply.json().get("error");
        assertTrue(error.contains(says), error);
    }

    @Test
    void shouldOpenListAndCloseIngressesAndJoinTheirSenderToTheRoom() throws Exception {
        RelayServer relay = relay(4);
        TestClient viewer = bound(relay, "team", "viewer");
        Reply opened = call(relay, "POST", "/api/ingresses", TOKEN,
                "{\"room\": \"team\", \"name\": \"camera\", \"port\": 0, \"codec\": \"jpeg\"}");
        assertEquals(201, opened.status(), opened.body());
        int port = ((Number) opened.json().get("port")).intValue();
        assertTrue(port > 0, opened.body());
        assertEquals("idle", opened.json().get("state"));
        try (java.nio.channels.DatagramChannel camera = java.nio.channels.DatagramChannel.open()) {
            byte[] packet = jpegPacket(0x1234, 1, 0, 26);
            camera.send(java.nio.ByteBuffer.wrap(packet), new InetSocketAddress("127.0.0.1", port));
            Await.until(() -> viewer.events.contains("joined camera"), "the ingress's sender joined the room");
        }
        List<Map<String, Object>> listed = list(get(relay, "/api/ingresses").json(), "ingresses");
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("camera", listed.get(0).get("name"));
        Reply taken = call(relay, "POST", "/api/ingresses", TOKEN,
                "{\"room\": \"team\", \"name\": \"again\", \"port\": " + port + ", \"codec\": \"jpeg\"}");
        assertEquals(409, taken.status(), "the port is in use: " + taken.body());
        Reply bad = call(relay, "POST", "/api/ingresses", TOKEN,
                "{\"room\": \"team\", \"name\": \"x\", \"port\": 0, \"codec\": \"vp8\"}");
        assertEquals(400, bad.status(), bad.body());
        assertEquals(401, call(relay, "POST", "/api/ingresses", null, "{}").status());

        assertEquals(200, call(relay, "DELETE", "/api/ingresses/" + port, TOKEN, null).status());
        Await.until(() -> viewer.events.stream().anyMatch(e -> e.startsWith("left ")), "its participant left");
        assertEquals(404, call(relay, "DELETE", "/api/ingresses/" + port, TOKEN, null).status());
        assertTrue(list(get(relay, "/api/ingresses").json(), "ingresses").isEmpty());
    }

    @Test
    void shouldRemoveAParticipantForGood() throws Exception {
        RelayServer relay = relay(4);
        TestClient alice = bound(relay, "team", "alice");
        TestClient bob = bound(relay, "team", "bob");
        alice.sendRtp(alice.ssrc(), 5);
        assertEquals(5, Await.rtp(bob.media, "alice's media reaches bob")[12]);
        Reply removed = call(relay, "DELETE", "/api/participants/" + alice.id(), TOKEN, null);
        assertEquals(200, removed.status(), removed.body());
        Await.until(() -> bob.events.contains("left " + alice.id() + " removed by the operator"), "bob told");
        assertEquals(1, list(get(relay, "/api/rooms/team/participants").json(), "participants").size());
        Await.until(() -> alice.events.contains("disconnected"), "alice's control connection closed");
        while (Await.poll(bob.media) != null) {
            // drain
        }
        alice.sendRtp(alice.ssrc(), 7);
        assertEquals(0, Await.countArrivals(bob.media, 300), "alice's media is no longer forwarded");
        while (Await.poll(alice.media) != null) {
            // drain
        }
        alice.sendHello(1_000);
        assertEquals(0, Await.countArrivals(alice.media, 300), "a hello of the old session is not answered");
        assertEquals(404, call(relay, "DELETE", "/api/participants/" + alice.id(), TOKEN, null).status());
    }

    /** A JPEG RTP packet whose payload starts a frame (fragment offset 0), as the relay tells keyframe starts. */
    private static byte[] jpegPacket(int ssrc, int sequence, int timestamp, int payloadType) {
        byte[] packet = TestClient.rtp(ssrc, 0);
        packet[1] = (byte) (0x80 | payloadType);
        ByteBuffer.wrap(packet).putShort(2, (short) sequence).putInt(4, timestamp);
        return packet;
    }

    @Test
    void shouldForwardAParticipantAsOneContinuousPlainRtpStreamUntilStopped() throws Exception {
        RelayServer relay = relay(1);
        TestClient alice = bound(relay, "team", "alice");
        DatagramChannel far = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        far.configureBlocking(false);
        open.add(far);
        int port = ((InetSocketAddress) far.getLocalAddress()).getPort();

        Reply started = call(relay, "POST", "/api/forwards", TOKEN,
                "{\"participant\": " + alice.id() + ", \"host\": \"127.0.0.1\", \"port\": " + port + "}");
        assertEquals(201, started.status(), started.body());
        Map<String, Object> forward = list(started.json(), "forwards").get(0);
        String sdp = (String) forward.get("sdp");
        for (String line : List.of("c=IN IP4 127.0.0.1", "m=video " + port + " RTP/AVP 26", "a=rtpmap:26 JPEG/90000",
                "a=rtcp-mux", "a=recvonly")) {
            assertTrue(sdp.contains(line + "\r\n"), line + " in\n" + sdp);
        }
        long id = (Long) forward.get("id");
        Reply sdpFile = get(relay, "/api/forwards/" + id + "/sdp");
        assertEquals(sdp, sdpFile.body());
        assertEquals("application/sdp", sdpFile.contentType());
        assertEquals(409, call(relay, "POST", "/api/forwards", TOKEN,
                "{\"room\": \"team\", \"host\": \"127.0.0.1\", \"port\": " + (port + 2) + "}").status(),
                "one forward at most");

        Await.until(() -> relay.stats().keyframeRequests() >= 1, "a keyframe asked of alice");
        List<byte[]> received = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // the sender's own numbering starts anywhere and its payload type is its own: the forward renumbers
            byte[] packet = jpegPacket(alice.ssrc(), 40_000 + i, 1_000_000 + 3_000 * i, 26);
            alice.send(packet, packet.length);
            received.add(Await.datagram(far, "forwarded packet " + i));
        }
        ByteBuffer first = ByteBuffer.wrap(received.get(0));
        int ssrc = first.getInt(8);
        for (int i = 1; i < received.size(); i++) {
            ByteBuffer p = ByteBuffer.wrap(received.get(i));
            assertEquals(26, p.get(1) & 0x7F, "JPEG's payload type");
            assertEquals(ssrc, p.getInt(8), "one SSRC");
            assertEquals((first.getShort(2) + i) & 0xFFFF, p.getShort(2) & 0xFFFF, "consecutive numbers");
            assertEquals(first.getInt(4) + 3_000 * i, p.getInt(4), "the timestamps' spacing kept");
        }
        Map<String, Object> running = get(relay, "/api/forwards/" + id).json();
        assertEquals("forwarding", running.get("state"));
        assertEquals(20L, running.get("packets"));

        assertEquals(200, call(relay, "DELETE", "/api/forwards/" + id, TOKEN, null).status());
        Thread.sleep(300);  // the media thread takes the stop up within one wake-up
        while (Await.poll(far) != null) {
            // drain what was on its way
        }
        byte[] after = jpegPacket(alice.ssrc(), 40_020, 1_060_000, 26);
        alice.send(after, after.length);
        assertEquals(0, Await.countArrivals(far, 300), "nothing after the stop");
        Map<String, Object> stopped = get(relay, "/api/forwards/" + id).json();
        assertEquals("ended", stopped.get("state"));
        assertEquals("stopped", stopped.get("reason"));
    }

    @Test
    void shouldForwardEachParticipantOfARoomOnItsOwnPortAndEndWhenOneLeaves() throws Exception {
        RelayServer relay = relay(4);
        TestClient alice = bound(relay, "team", "alice");
        TestClient bob = bound(relay, "team", "bob");
        Reply started = call(relay, "POST", "/api/forwards", TOKEN,
                "{\"room\": \"team\", \"host\": \"127.0.0.1\", \"port\": 40000}");
        assertEquals(201, started.status(), started.body());
        List<Map<String, Object>> forwards = list(started.json(), "forwards");
        assertEquals(List.of((long) alice.id(), (long) bob.id()),
                forwards.stream().map(f -> f.get("participant")).toList());
        assertEquals(List.of("127.0.0.1:40000", "127.0.0.1:40002"),
                forwards.stream().map(f -> f.get("destination")).toList());
        assertTrue(((String) forwards.get(1).get("sdp")).contains("m=video 40002 RTP/AVP 26\r\n"));

        bob.control.close();  // bob's client goes away
        long bobForward = (Long) forwards.get(1).get("id");
        Await.until(() -> {
            try {
                return "participant left".equals(get(relay, "/api/forwards/" + bobForward).json().get("reason"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "bob's forward ended");
        Map<String, Object> aliceForward = get(relay, "/api/forwards/" + forwards.get(0).get("id")).json();
        assertEquals("awaiting keyframe", aliceForward.get("state"), "alice's runs on");
    }
}
