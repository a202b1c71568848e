package dev.vc.transport.udp.cc;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a probe cluster measures, over clusters of any size, spacing and loss. */
class ProbeBitrateEstimatorPropertyTest {
    private static final int BYTES = 275;

    /** Collects what the estimator concluded. */
    private static final class Results implements ProbeBitrateEstimator.Listener {
        final List<long[]> results = new ArrayList<>();

        @Override
        public void onProbeResult(int id, long bitrateBps) {
            results.add(new long[] {id, bitrateBps});
        }
    }

    /** @return an estimator that has seen cluster {@code id}, {@code packets} packets of {@value #BYTES} bytes, sent */
    private static ProbeBitrateEstimator sentCluster(int id, int packets) {
        ProbeBitrateEstimator probes = new ProbeBitrateEstimator();
        probes.onClusterStarted(id, (long) packets * BYTES);
        for (int i = 0; i < packets; i++) {
            probes.onSent(id);
        }
        probes.onClusterSent(id);
        return probes;
    }

    /**
     * A cluster of {@code packets} sent {@code sendGap} µs apart and received {@code receiveGap} µs apart, all of
     * them acknowledged: the result is at most the rate it was sent at and at most the rate it arrived at, and
     * it is the lower of the two unless the link was saturated (then 95 % of the receive rate) or the packets
     * came bunched (receive rate above twice the send rate: no result).
     */
    @Property
    void resultIsNeverAboveWhatWasSentOrWhatArrived(@ForAll @IntRange(min = 5, max = 200) int packets,
                                                    @ForAll @LongRange(min = 20, max = 5_000) long sendGap,
                                                    @ForAll @LongRange(min = 20, max = 5_000) long receiveGap) {
        ProbeBitrateEstimator probes = sentCluster(1, packets);
        for (int i = 0; i < packets; i++) {
            probes.onReceived(1, 1_000_000 + i * sendGap, 9_000_000 + i * receiveGap, BYTES);
        }
        Results results = new Results();
        long best = probes.evaluate(results);

        double sendBps = (packets - 1) * BYTES * 8e6 / ((packets - 1) * sendGap);
        double receiveBps = (packets - 1) * BYTES * 8e6 / ((packets - 1) * receiveGap);
        boolean valid = (packets - 1) * sendGap <= ProbeBitrateEstimator.MAX_INTERVAL_MICROS
                && (packets - 1) * receiveGap <= ProbeBitrateEstimator.MAX_INTERVAL_MICROS
                && receiveBps <= ProbeBitrateEstimator.MAX_VALID_RATIO * sendBps;
        assertEquals(1, results.results.size(), "one conclusion for a cluster reported whole");
        if (!valid) {
            assertEquals(0, best);
            return;
        }
        assertTrue(best <= sendBps + 1 && best <= receiveBps + 1, best + " above " + sendBps + " or " + receiveBps);
        double expected = receiveBps < ProbeBitrateEstimator.MIN_RATIO_FOR_UNSATURATED_LINK * sendBps
                ? ProbeBitrateEstimator.TARGET_UTILIZATION * receiveBps : Math.min(sendBps, receiveBps);
        assertEquals(expected, best, 1.0);
    }

    /**
     * A cluster sent in any pattern (a relay's: padding where its media leaves room, so gaps and bunches anywhere)
     * that arrives exactly as it left, a constant delay later, found no limit: its result is its rate, never a
     * saturated link's 95 % of a part of it.
     */
    @Property
    void aClusterThatArrivedAsItLeftIsNeverReadAsSaturated(@ForAll @IntRange(min = 5, max = 60) int packets,
                                                           @ForAll("gaps") List<Long> gaps,
                                                           @ForAll @LongRange(min = 0, max = 200_000) long delay) {
        ProbeBitrateEstimator probes = sentCluster(1, packets);
        long send = 1_000_000;
        for (int i = 0; i < packets; i++) {
            send += i == 0 ? 0 : gaps.get(i % gaps.size());
            probes.onReceived(1, send, send + delay, BYTES);
        }
        Results results = new Results();
        long best = probes.evaluate(results);
        long interval = send - 1_000_000;
        long expected = interval == 0 || interval > ProbeBitrateEstimator.MAX_INTERVAL_MICROS
                ? 0 : (long) ((packets - 1) * BYTES * 8e6 / interval);
        assertEquals(expected, best, 1.0, "sent and arrived over " + interval + " µs");
    }

    @Provide
    Arbitrary<List<Long>> gaps() {
        return Arbitraries.longs().between(0, 8_000).list().ofMinSize(1).ofMaxSize(60);
    }

    /** A cluster of which fewer than 80 % (or fewer than 5 packets) arrived never yields a rate. */
    @Property
    void tooFewReceivedNeverYieldsARate(@ForAll @IntRange(min = 1, max = 100) int packets,
                                        @ForAll @IntRange(min = 0, max = 100) int receivedPercent) {
        int received = packets * receivedPercent / 100;
        ProbeBitrateEstimator probes = sentCluster(7, packets);
        for (int i = 0; i < received; i++) {
            probes.onReceived(7, i * 1_000L, 50_000 + i * 1_000L, BYTES);
        }
        for (int i = received; i < packets; i++) {
            probes.onLost(7, 1);
        }
        Results results = new Results();
        long best = probes.evaluate(results);
        if (received < ProbeCluster.MIN_PACKETS || received < 0.8 * packets) {
            assertEquals(0, best);
            assertTrue(results.results.stream().allMatch(r -> r[1] == 0), "at most a failure reported");
        } else {
            assertTrue(best > 0);
        }
    }

    /** A probe's result raises the delay-based estimate to it and never lowers it. */
    @Property
    void aProbeNeverLowersTheDelayBasedEstimate(@ForAll @LongRange(min = 30_000, max = 20_000_000) long start,
                                                @ForAll @LongRange(min = 1, max = 40_000_000) long probe) {
        DelayBasedBandwidthEstimator delay = new DelayBasedBandwidthEstimator(start, 30_000, 20_000_000);
        long raised = delay.raiseTo(probe, 1_000_000);
        assertEquals(Math.max(start, Math.min(probe, 20_000_000)), raised);
    }
}
