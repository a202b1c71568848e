package dev.vc.relay;

import dev.vc.api.control.JoinRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What operators scrape and probe: bounded labels without display names, totals that survive a departure, joins
 * and departures by reason, the process's own figures, and the health and readiness endpoints, on loopback unless
 * told otherwise. A real relay on 127.0.0.1 with participants driven by hand.
 */
class MetricsEndpointsTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RelayServer relay() {
        RelayServer relay = RelayServer.start(RelaySettings.builder().mediaInsecure(true).host("127.0.0.1")
                .controlPort(0).mediaPort(0).metricsPort(0).roomSecret("locked", "s3cret").build());
        open.add(relay);
        return relay;
    }

    private TestClient bound(RelayServer relay, String name) throws Exception {
        TestClient client = new TestClient(relay, "a", name, "");
        open.add(client);
        client.bind();
        return client;
    }

    private record Response(int status, String body) {
    }

    private static Response get(RelayServer relay, String path) throws IOException {
        HttpURLConnection http = (HttpURLConnection) URI.create(
                "http://127.0.0.1:" + relay.metricsAddress().getPort() + path).toURL().openConnection();
        http.setConnectTimeout(5_000);
        http.setReadTimeout(5_000);
        int status = http.getResponseCode();
        try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
            return new Response(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldBindToLoopbackByDefaultAndAnswerHealthAndReadiness() throws Exception {
        RelayServer relay = relay();
        assertTrue(relay.metricsAddress().getAddress().isLoopbackAddress(), relay.metricsAddress().toString());
        assertEquals(new Response(200, "ok\n"), get(relay, "/healthz"));
        assertEquals(new Response(200, "ok\n"), get(relay, "/readyz"));
        assertEquals(404, get(relay, "/healthz/more").status());
        relay.close();
        assertFalse(relay.health().ready(), "a closing relay takes no joins");
    }

    @Test
    void shouldNameParticipantsByIdAndKeepTheirFiguresInTheTotalsWhenTheyLeave() throws Exception {
        RelayServer relay = relay();
        TestClient alice = bound(relay, "alice \"the\" sender");
        TestClient bob = bound(relay, "bob");
        alice.sendRtp(alice.ssrc(), 1);
        Await.datagram(bob.media, "forwarded");
        String body = get(relay, "/metrics").body();
        assertTrue(body.contains("vc_relay_packets_in_total{room=\"a\",id=\"" + alice.id() + "\"} "), body);
        assertFalse(body.contains("alice") || body.contains("participant="), "no display name in any label: " + body);
        assertTrue(body.contains("vc_relay_joins_total 2\n"), body);
        long inBefore = value(body, "vc_relay_in_packets_total");
        assertTrue(inBefore >= 1, body);

        alice.close();
        Await.until(() -> relay.stats().members().size() == 1, "alice gone");
        body = get(relay, "/metrics").body();
        assertFalse(body.contains("id=\"" + alice.id() + "\""), "alice's own series ended: " + body);
        long in = value(body, "vc_relay_in_packets_total");
        assertTrue(in >= inBefore, "what alice sent stays counted: " + in + " after, " + inBefore + " before");
        assertTrue(value(body, "vc_relay_out_packets_total") >= 1, body);
        assertTrue(body.contains("vc_relay_leaves_total{reason=\"left\"} 1\n"), body);
        assertTrue(body.contains("vc_relay_leaves_total{reason=\"other\"} 0\n"), body);
    }

    @Test
    void shouldCountRefusedJoinsByReason() throws Exception {
        RelayServer relay = relay();
        assertThrows(JoinRejectedException.class, () -> new TestClient(relay, "locked", "mallory", "guess"));
        Await.until(() -> relay.stats().totals().joinsRejected().get("bad_secret") == 1, "counted");
        String body = get(relay, "/metrics").body();
        assertTrue(body.contains("vc_relay_joins_rejected_total{reason=\"bad_secret\"} 1\n"), body);
        assertTrue(body.contains("vc_relay_joins_rejected_total{reason=\"room_full\"} 0\n"), body);
    }

    @Test
    void shouldServeTheProcessesOwnFiguresAndTheBuild() throws Exception {
        String body = get(relay(), "/metrics").body();
        for (String series : List.of("process_cpu_seconds_total ", "process_open_fds ", "process_start_time_seconds ",
                "jvm_memory_used_bytes{area=\"heap\"} ", "jvm_threads_current ", "vc_relay_build_info{version=\"")) {
            assertTrue(body.contains("\n" + series), series + " in " + body);
        }
        assertTrue(value(body, "jvm_threads_current") > 1, body);
    }

    private static long value(String body, String series) {
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return (long) Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no " + series + " in " + body);
    }
}
