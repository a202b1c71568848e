package dev.vc.transport.udp.cc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe-result estimator's rules, one by one, with synthetic send and arrival times. */
class ProbeBitrateEstimatorTest {
    private static final int BYTES = 1000;
    private final List<Long> results = new ArrayList<>();
    private final ProbeBitrateEstimator probes = new ProbeBitrateEstimator();

    /** Sends a cluster of {@code n} packets 1 ms apart (8 Mbit/s at 1000 bytes). */
    private void sendCluster(int id, int n) {
        probes.onClusterStarted(id, (long) n * BYTES);
        for (int i = 0; i < n; i++) {
            probes.onSent(id);
        }
        probes.onClusterSent(id);
    }

    private void receive(int id, int n, long receiveGapMicros) {
        for (int i = 0; i < n; i++) {
            probes.onReceived(id, 10_000 + i * 1_000L, 500_000 + i * receiveGapMicros, BYTES);
        }
    }

    private long evaluate() {
        return probes.evaluate((id, bps) -> results.add(bps));
    }

    @Test
    void shouldMeasureTheLowerOfSendAndReceiveRate() {
        sendCluster(1, 10);
        receive(1, 10, 1_000);
        assertEquals(8_000_000, evaluate());
    }

    @Test
    void shouldTake95PercentOfTheReceiveRateOfASaturatedLink() {
        sendCluster(1, 10);
        receive(1, 10, 2_000);                                   // arrived at 4 Mbit/s
        assertEquals(3_800_000, evaluate());
    }

    @Test
    void shouldIgnorePacketsThatArrivedBunched() {
        sendCluster(1, 10);
        receive(1, 10, 250);                                     // 32 Mbit/s: a queue emptied, not the link
        assertEquals(0, evaluate());
        assertEquals(List.of(0L), results);
    }

    @Test
    void shouldWaitUntilTheClusterWasSentWhole() {
        probes.onClusterStarted(3, 10L * BYTES);
        for (int i = 0; i < 10; i++) {
            probes.onSent(3);
        }
        receive(3, 10, 1_000);
        assertEquals(0, evaluate());
        assertTrue(results.isEmpty(), "nothing concluded yet");
        probes.onClusterSent(3);
        assertEquals(8_000_000, evaluate());
    }

    @Test
    void shouldReportAClusterWhoseLossesExceedAFifthAsAFailure() {
        sendCluster(2, 10);
        receive(2, 7, 1_000);
        for (int i = 0; i < 3; i++) {
            probes.onLost(2, 1);
        }
        assertEquals(0, evaluate());
        assertEquals(List.of(0L), results);
        probes.onLost(2, -1);                                    // one turned out late: still concluded
        assertEquals(0, evaluate());
        assertEquals(List.of(0L), results);
    }

    @Test
    void shouldConcludeWithEightyPercentAndAgainWhenMoreArrive() {
        sendCluster(4, 10);
        receive(4, 8, 1_000);
        assertTrue(evaluate() > 0);
        assertEquals(0, evaluate(), "no news, no second conclusion");
        probes.onReceived(4, 10_000 + 8_000, 500_000 + 8_000, BYTES);
        assertTrue(evaluate() > 0);
        assertEquals(2, results.size());
    }

    @Test
    void shouldForgetAClusterWhoseSlotWasTaken() {
        sendCluster(1, 10);
        sendCluster(1 + ProbeBitrateEstimator.CLUSTERS, 10);
        receive(1, 10, 1_000);                                   // reports of the old cluster: ignored
        assertEquals(0, evaluate());
    }

    @Test
    void shouldMeasureALinkWithABurstAllowanceByTheLastQuarterOfTheCluster() {
        sendCluster(5, 20);                                      // 20 packets, 1 ms apart: 8 Mbit/s
        for (int i = 0; i < 20; i++) {
            // a token bucket lets the first 8 through at line rate, then passes one every 4 ms (2 Mbit/s)
            long arrival = i < 8 ? 500_000 + i * 100L : 500_700 + (i - 7) * 4_000L;
            probes.onReceived(5, 10_000 + i * 1_000L, arrival, BYTES);
        }
        long measured = evaluate();
        double wholeCluster = 19 * BYTES * 8e6 / (500_700 + 12 * 4_000 - 500_000);
        assertTrue(wholeCluster > 2_700_000, "the whole cluster's arrival rate reads high: " + wholeCluster);
        assertEquals(0.95 * 2_000_000, measured, 1_000, "95 % of the link's rate, from the last quarter");
    }

    @Test
    void shouldNotReadATailThatLeftSlowerAndArrivedAsItLeftAsASaturatedLink() {
        // a relay's cluster: padding and a frame's packets early, then media gaps; the path adds 3 ms and no queue
        sendCluster(7, 20);
        for (int i = 0; i < 20; i++) {
            long send = i < 12 ? 10_000 + i * 500L : 15_500 + (i - 11) * 3_000L;
            probes.onReceived(7, send, send + 3_000, BYTES);
        }
        double whole = 19 * BYTES * 8e6 / (15_500 + 8 * 3_000 - 10_000);
        double tail = 4 * BYTES * 8e6 / (4 * 3_000);
        assertTrue(tail < 0.9 * whole, "the tail arrived slower than the whole cluster left: " + tail);
        assertEquals(whole, evaluate(), 1, "the rate it was sent and arrived at, not a saturated link's");
    }

    @Test
    void shouldReadATailThatArrivedSlowerThanItLeftAsASaturatedLink() {
        // the same sending, but from packet 12 on the link passes one every 4 ms: the queue grows in the tail
        sendCluster(8, 20);
        long arrival = 0;
        for (int i = 0; i < 20; i++) {
            long send = i < 12 ? 10_000 + i * 500L : 15_500 + (i - 11) * 3_000L;
            arrival = i < 12 ? send + 3_000 : Math.max(send + 3_000, arrival + 4_000);
            probes.onReceived(8, send, arrival, BYTES);
        }
        assertEquals(0.95 * BYTES * 8e6 / 4_000, evaluate(), 1, "95 % of the rate the tail arrived at");
    }

    @Test
    void shouldReadASaturatedTailWhenTheWholeClusterDidNotLookSaturated() {
        sendCluster(9, 20);                                      // 1 ms apart: 8 Mbit/s
        for (int i = 0; i < 20; i++) {
            // the first 15 as they left (a bucket's allowance), the last five 1.25 ms apart (6.4 Mbit/s)
            long arrival = i < 15 ? 500_000 + i * 1_000L : 514_000 + (i - 14) * 1_250L;
            probes.onReceived(9, 10_000 + i * 1_000L, arrival, BYTES);
        }
        double whole = 19 * BYTES * 8e6 / 20_250;
        assertTrue(whole >= 0.9 * 8_000_000, "the whole cluster alone reads unsaturated: " + whole);
        assertEquals(0.95 * 5 * BYTES * 8e6 / 6_250, evaluate(), 1, "95 % of the rate the tail arrived at");
    }

    @Test
    void shouldMeasureTheWholeClusterWhenItsLastQuarterHasTooFewPackets() {
        sendCluster(6, 5);
        receive(6, 5, 1_000);
        assertEquals(8_000_000, evaluate(), "the packet after the first three quarters is not measured alone");
    }
}
