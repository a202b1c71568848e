package dev.vc.relay;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The downlink estimates in /metrics: one histogram and two gauges, however many participants. */
class DownlinkEstimateMetricsTest {
    @Test
    void shouldSummariseEstimatesWithoutASeriesPerParticipant() {
        List<RelayStats.MemberStats> members = new ArrayList<>();
        long[] estimates = {300_000, 1_500_000, 4_000_000, -1};
        for (int i = 0; i < estimates.length; i++) {
            members.add(new RelayStats.MemberStats("r", i, "p" + i, i, true, false, 0, 0, 0, 0, 0, Map.of(),
                    estimates[i], 0, 0, RelayStats.Role.PARTICIPANT));
        }
        StringBuilder out = new StringBuilder();
        DownlinkEstimateMetrics.render(out, new RelayStats(1, 4, 0, 0, Map.of(), members, 0, Map.of(), 0,
                new RelayStats.SimulcastStats(0, new long[3], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                RelayStats.MediaSecurityStats.PLAIN, new RelayStats.Totals(0, Map.of(), Map.of(), 0, 0, 0, 0, Map.of()), null,
                RelayStats.TrunkStats.NONE));
        String body = out.toString();
        assertTrue(body.contains("vc_relay_downlink_estimate_bps_bucket{le=\"500000\"} 1\n"), body);
        assertTrue(body.contains("vc_relay_downlink_estimate_bps_bucket{le=\"2000000\"} 2\n"), body);
        assertTrue(body.contains("vc_relay_downlink_estimate_bps_bucket{le=\"+Inf\"} 3\n"), body);
        assertTrue(body.contains("vc_relay_downlink_estimate_bps_count 3\n"), "no estimate yet: left out; " + body);
        assertTrue(body.contains("vc_relay_downlink_estimate_min_bps 300000\n"), body);
        assertTrue(body.contains("vc_relay_downlink_estimate_median_bps 1500000\n"), body);
        assertTrue(!body.contains("participant="), "no per-participant label: " + body);
    }
}
