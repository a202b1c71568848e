package dev.vc.relay;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trunks in /metrics: state and traffic each way, without naming a room or a relay. */
class TrunkMetricsTest {
    @Test
    void shouldExportTrunksAndTheirTrafficByDirectionOnly() {
        List<RelayStats.MemberStats> members = List.of(
                member(1, "alice", RelayStats.Role.PARTICIPANT),
                member(2, "trunk relay-b", RelayStats.Role.TRUNK),
                member(3, "bob", RelayStats.Role.REMOTE));
        String body = PrometheusFormat.render(new RelayStats(1, 2, 0, 0, Map.of(), members, 0, Map.of(), 0,
                new RelayStats.SimulcastStats(0, new long[3], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                RelayStats.MediaSecurityStats.PLAIN, new RelayStats.Totals(0, Map.of(), Map.of(), 0, 0, 0, 0, Map.of()),
                null, new RelayStats.TrunkStats(1, 1, 900, 90_000, 1_000, 100_000, 2, 3, 1)));
        assertTrue(body.contains("vc_relay_participants 1\n"), "a trunk and a remote member are no participants here: "
                + body);
        assertTrue(body.contains("vc_relay_trunks_open 1\n"), body);
        assertTrue(body.contains("vc_relay_remote_streams 1\n"), body);
        assertTrue(body.contains("vc_relay_trunk_packets_total{direction=\"in\"} 900\n"), body);
        assertTrue(body.contains("vc_relay_trunk_packets_total{direction=\"out\"} 1000\n"), body);
        assertTrue(body.contains("vc_relay_trunk_bytes_total{direction=\"in\"} 90000\n"), body);
        assertTrue(body.contains("vc_relay_trunk_bytes_total{direction=\"out\"} 100000\n"), body);
        assertTrue(body.contains("vc_relay_trunk_announcements_refused_total 2\n"), body);
        assertTrue(body.contains("vc_relay_trunks_reopened_total 3\n"), body);
        assertTrue(body.contains("vc_relay_trunks_given_up_total 1\n"), body);
        assertFalse(body.contains("relay-b"), "no relay is named in the trunk series");
    }

    private static RelayStats.MemberStats member(int id, String name, RelayStats.Role role) {
        return new RelayStats.MemberStats("team", id, name, id * 2, true, false, 0, 0, 0, 0, 0, Map.of(), -1, 0, 0,
                role);
    }
}
