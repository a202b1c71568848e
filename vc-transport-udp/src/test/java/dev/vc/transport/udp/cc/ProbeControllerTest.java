package dev.vc.transport.udp.cc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the probe controller asks for a cluster, and at what rate; synthetic time in µs. */
class ProbeControllerTest {
    private static final long S = 1_000_000;
    private static final long NEVER = Long.MIN_VALUE;
    private static final BitrateLimits LIMITS = new BitrateLimits(30_000, 500_000, 20_000_000);

    private static ProbeController pastInitialProbes(long wanted) {
        ProbeController controller = new ProbeController(LIMITS, ProbeController.LONG_DURATION_MICROS);
        controller.setWantedBitrateBps(wanted);
        controller.poll(0, 500_000, NEVER, false);
        controller.poll(0, 500_000, NEVER, false);
        return controller;
    }

    @Test
    void shouldProbeThreeAndSixTimesTheStartRateFirst() {
        ProbeController controller = new ProbeController(LIMITS, ProbeController.LONG_DURATION_MICROS);
        assertEquals(1_500_000, controller.poll(0, 500_000, NEVER, false).bitrateBps());
        assertEquals(3_000_000, controller.poll(0, 500_000, NEVER, false).bitrateBps());
        assertNull(controller.poll(1, 500_000, NEVER, false), "nothing wanted beyond the estimate");
    }

    @Test
    void shouldProbeTwiceTheEstimateCappedByTheWantedRateEveryThreeSeconds() {
        ProbeController controller = pastInitialProbes(3_000_000);
        assertNull(controller.poll(2 * S, 1_000_000, NEVER, false), "too soon after the last cluster");
        ProbeCluster cluster = controller.poll(5 * S, 1_000_000, NEVER, false);
        assertEquals(2_000_000, cluster.bitrateBps());
        assertEquals(ProbeController.LONG_DURATION_MICROS, cluster.durationMicros());
        controller.onProbeResult(cluster.id(), 1_300_000);     // above the estimate, short of a further probe
        assertNull(controller.poll(7 * S, 1_300_000, NEVER, false));
        assertEquals(2_600_000, controller.poll(8 * S, 1_300_000, NEVER, false).bitrateBps());
    }

    @Test
    void shouldProbeFurtherAtOnceWhileEachResultReachesMostOfItsRate() {
        ProbeController controller = pastInitialProbes(10_000_000);
        ProbeCluster first = controller.poll(5 * S, 1_000_000, NEVER, false);
        controller.onProbeResult(first.id(), 1_800_000);       // 90 % of 2 Mbit/s: the path carried it
        ProbeCluster second = controller.poll(5 * S + 100_000, 1_800_000, NEVER, false);
        assertNotNull(second, "a further cluster at once, not 5 s later");
        assertEquals(3_600_000, second.bitrateBps());
        controller.onProbeResult(second.id(), 3_600_000);
        ProbeCluster third = controller.poll(5 * S + 200_000, 3_600_000, NEVER, false);
        assertEquals(7_200_000, third.bitrateBps());
        controller.onProbeResult(third.id(), 4_000_000);       // 56 %: the capacity is found
        assertNull(controller.poll(5 * S + 300_000, 4_000_000, NEVER, false), "the chain ends below the threshold");
        assertNotNull(controller.poll(8 * S + 200_000, 4_000_000, NEVER, false), "then the 3 s interval again");
    }

    @Test
    void shouldProbeFurtherOnlyUpToTheWantedRate() {
        ProbeController controller = pastInitialProbes(2_500_000);
        ProbeCluster first = controller.poll(5 * S, 1_000_000, NEVER, false);
        controller.onProbeResult(first.id(), 2_000_000);
        assertEquals(2_500_000, controller.poll(5 * S + 100_000, 2_000_000, NEVER, false).bitrateBps());
        ProbeController enough = pastInitialProbes(2_000_000);
        ProbeCluster atWanted = enough.poll(5 * S, 1_000_000, NEVER, false);
        enough.onProbeResult(atWanted.id(), 2_000_000);
        assertNull(enough.poll(5 * S + 100_000, 2_000_000, NEVER, false),
                "the cluster already asked for all that is wanted");
    }

    @Test
    void shouldProbeAgainThreeSecondsAfterAnOveruseWhateverTheClusterBeforeIt() {
        ProbeController controller = pastInitialProbes(10_000_000);
        ProbeCluster first = controller.poll(5 * S, 1_000_000, NEVER, false);
        controller.onProbeResult(first.id(), 1_500_000);       // read high: a burst allowance let it through
        assertNull(controller.poll(6 * S, 1_000_000, 6 * S, false), "an over-use a second later");
        assertNull(controller.poll(8 * S + 900_000, 1_000_000, 6 * S, false), "2.9 s after the over-use");
        assertNotNull(controller.poll(9 * S, 1_000_000, 6 * S, false),
                "3 s without over-use: the link may have widened; a cluster that failed does not lengthen the wait");
    }

    @Test
    void shouldProbeFurtherAtNoMoreThanTwiceTheEstimateUntilItReachesTheWantedRate() {
        ProbeController controller = pastInitialProbes(2_500_000);
        ProbeCluster first = controller.poll(5 * S, 1_000_000, NEVER, false);
        controller.onProbeResult(first.id(), 2_000_000);       // the estimate goes up one step only
        ProbeCluster second = controller.poll(5 * S + 100_000, 1_250_000, NEVER, false);
        assertEquals(2_500_000, second.bitrateBps(), "twice the estimate, within the wanted rate");
        controller.onProbeResult(second.id(), 2_500_000);       // a cluster at the wanted rate, carried
        assertNotNull(controller.poll(5 * S + 200_000, 1_560_000, NEVER, false), "the estimate still short of it");
        ProbeController reached = pastInitialProbes(2_500_000);
        ProbeCluster atWanted = reached.poll(5 * S, 1_250_000, NEVER, false);
        reached.onProbeResult(atWanted.id(), 2_500_000);
        assertNull(reached.poll(5 * S + 100_000, 2_500_000, NEVER, false), "the estimate is there: the chain ends");
    }

    @Test
    void shouldNotProbeWhenTheWantedRateIsLessThanAStepAboveTheEstimate() {
        ProbeController controller = pastInitialProbes(2_500_000);
        ProbeCluster first = controller.poll(5 * S, 1_250_000, NEVER, false);
        controller.onProbeResult(first.id(), 2_500_000);        // carried: a further cluster would be due
        assertNull(controller.poll(5 * S + 100_000, 2_493_000, NEVER, false),
                "2.5 Mbit/s is less than a step above 2.493: no further cluster, and no chain without end");
        assertNull(controller.poll(20 * S, 2_300_000, NEVER, false), "nor a periodic one at 1.09 x the estimate");
        assertEquals(2_500_000, controller.poll(20 * S, 2_250_000, NEVER, false).bitrateBps(),
                "at 1.11 x it probes");
    }

    @Test
    void shouldStepFurtherClustersOnlyALittleNearTheCapacityTheRateConvergedTo() {
        assertEquals(665_500, secondStepOfAChainABucketLetThrough(true),
                "1.1 x again, not 1.25 x: 10 % past a known capacity");
        assertEquals(756_250, secondStepOfAChainABucketLetThrough(false), "far from any known capacity: 1.25 x");
    }

    /**
     * Two clusters from 550 kbit/s, each read at twice the estimate (a burst allowance let them through).
     *
     * @return the most the second may raise the estimate to
     */
    private static long secondStepOfAChainABucketLetThrough(boolean nearCapacity) {
        ProbeController controller = pastInitialProbes(2_600_000);
        ProbeCluster first = controller.poll(5 * S, 550_000, NEVER, nearCapacity);
        controller.onProbeResult(first.id(), 1_100_000);
        assertEquals(605_000, controller.maxRaisedBps(), "a chain's first step is 1.1 x either way");
        ProbeCluster second = controller.poll(5 * S + 100_000, 605_000, NEVER, nearCapacity);
        controller.onProbeResult(second.id(), 1_210_000);
        return controller.maxRaisedBps();
    }

    @Test
    void shouldNeverLetAClusterRaiseTheEstimateAboveTheRateItWasSentAt() {
        ProbeController controller = pastInitialProbes(2_700_000);
        ProbeCluster first = controller.poll(5 * S, 2_200_000, NEVER, false);
        assertEquals(2_700_000, first.bitrateBps(), "at the wanted rate, under twice the estimate");
        controller.onProbeResult(first.id(), 3_000_000);       // a keyframe forwarded during it made it read more
        assertEquals(2_420_000, controller.maxRaisedBps(), "a first step: 1.1 x");
        ProbeCluster second = controller.poll(5 * S + 100_000, 2_420_000, NEVER, false);
        assertEquals(2_700_000, second.bitrateBps());
        controller.onProbeResult(second.id(), 3_100_000);
        assertEquals(2_700_000, controller.maxRaisedBps(), "not 1.25 x 2.42 = 3.03 Mbit/s: only what it tested");
    }

    @Test
    void shouldLetAClusterThatSaturatedTheLinkRaiseTheEstimateALargerStep() {
        ProbeController controller = pastInitialProbes(10_000_000);
        ProbeCluster cluster = controller.poll(5 * S, 1_000_000, NEVER, false);   // 2 Mbit/s
        assertEquals(1_100_000, controller.maxRaisedBps());
        controller.onProbeResult(cluster.id(), 1_700_000);     // arrived slower than it left: mostly the link's rate
        assertEquals(1_250_000, controller.maxRaisedBps(), "a further cluster's step");
    }

    @Test
    void shouldNotProbeFurtherAfterAClusterThatFoundTheLinkFull() {
        ProbeController controller = pastInitialProbes(10_000_000);
        ProbeCluster first = controller.poll(5 * S, 1_000_000, NEVER, false);
        controller.onProbeResult(first.id(), 1_600_000);       // 80 % of 2 Mbit/s: it arrived slower than it left
        assertNull(controller.poll(5 * S + 100_000, 1_600_000, NEVER, false),
                "twice that would only overdraw the link");
    }

    @Test
    void shouldNotProbeFurtherAfterAnOveruseSinceTheCluster() {
        ProbeController controller = pastInitialProbes(10_000_000);
        ProbeCluster first = controller.poll(5 * S, 1_000_000, NEVER, false);
        controller.onProbeResult(first.id(), 2_000_000);
        assertNull(controller.poll(5 * S + 100_000, 2_000_000, 5 * S + 50_000, false));
    }

    @Test
    void shouldNotProbeWhileTheEstimateCoversWhatIsWanted() {
        ProbeController controller = pastInitialProbes(1_000_000);
        assertNull(controller.poll(10 * S, 1_000_000, NEVER, false));
        assertNull(controller.poll(10 * S, 1_200_000, NEVER, false));
    }

    @Test
    void shouldNotProbeSoonAfterAnOveruse() {
        ProbeController controller = pastInitialProbes(5_000_000);
        assertNull(controller.poll(10 * S, 1_000_000, 8 * S, false));
        assertNotNull(controller.poll(11 * S, 1_000_000, 8 * S, false));
    }

    @Test
    void shouldKeepTheIntervalAfterAClusterThatMerelyFoundNothing() {
        ProbeController controller = pastInitialProbes(5_000_000);
        ProbeCluster first = controller.poll(5 * S, 1_000_000, NEVER, false);
        controller.onProbeResult(first.id(), 1_000_000);        // measured no more than the estimate: harmless
        assertNull(controller.poll(7 * S, 1_000_000, NEVER, false));
        assertNotNull(controller.poll(8 * S, 1_000_000, NEVER, false), "3 s later, as before");
    }

    @Test
    void shouldLetAChainsFirstClusterRaiseTheEstimateALittleAndFurtherOnesMore() {
        ProbeController controller = pastInitialProbes(10_000_000);
        ProbeCluster first = controller.poll(5 * S, 1_000_000, NEVER, false);
        assertEquals(1_100_000, controller.maxRaisedBps(), "one the bucket may have let through: 1.1 x, however"
                + " many of its results come in");
        controller.onProbeResult(first.id(), 2_000_000);
        assertNotNull(controller.poll(5 * S + 100_000, 1_100_000, NEVER, false));
        assertEquals(1_375_000, controller.maxRaisedBps(), "the chain goes on, the link carried it: 1.25 x");
        assertNotNull(controller.poll(11 * S, 1_100_000, NEVER, false));
        assertEquals(1_210_000, controller.maxRaisedBps(), "a new chain");
    }

    @Test
    void shouldNeverProbeAboveTheHighestRate() {
        ProbeController controller = new ProbeController(new BitrateLimits(30_000, 5_000_000, 20_000_000),
                ProbeCluster.MIN_DURATION_MICROS);
        controller.setWantedBitrateBps(100_000_000);
        assertEquals(15_000_000, controller.poll(0, 5_000_000, NEVER, false).bitrateBps());
        assertEquals(20_000_000, controller.poll(0, 5_000_000, NEVER, false).bitrateBps());
        assertEquals(20_000_000, controller.poll(5 * S, 15_000_000, NEVER, false).bitrateBps());
    }

    @Test
    void shouldProbeBackTowardsTheEstimateBeforeADropThatWasAnOverShoot() {
        ProbeController controller = pastInitialProbes(3_000_000);
        // 2.5 Mbit/s, then an over-use cut it to 1.6 while the path carried 2 Mbit/s: the media met a raised estimate.
        controller.onLargeDrop(20 * S, 2_500_000, 2_000_000);
        assertNull(controller.poll(20 * S + 100_000, 1_600_000, 20 * S, false), "not while the queue drains");
        controller.onRecovered(21 * S);
        ProbeCluster recovery = controller.poll(21 * S, 1_600_000, 20 * S, false);
        assertNotNull(recovery, "at once, despite the over-use a second ago");
        assertEquals(2_125_000, recovery.bitrateBps(), "0.85 x the estimate before the drop");
        assertEquals(2_125_000, controller.maxRaisedBps(), "its result may restore that much at once");
        controller.onProbeResult(recovery.id(), 2_125_000);
        assertNull(controller.poll(21 * S + 100_000, 2_125_000, 20 * S, false), "one cluster: no further one");
        assertEquals(1, controller.recoveries());
    }

    @Test
    void shouldNotProbeBackAfterAPathThatNarrowed() {
        ProbeController controller = pastInitialProbes(3_000_000);
        controller.onLargeDrop(20 * S, 2_500_000, 600_000);    // the path carries its new capacity, far less
        controller.onRecovered(21 * S);
        assertNull(controller.poll(21 * S, 700_000, 20 * S, false));
        ProbeController unknown = pastInitialProbes(3_000_000);
        unknown.onLargeDrop(20 * S, 2_500_000, -1);           // nothing known of what it carried
        unknown.onRecovered(21 * S);
        assertNull(unknown.poll(21 * S, 700_000, 20 * S, false));
        assertEquals(0, controller.recoveries() + unknown.recoveries());
    }

    @Test
    void shouldProbeBackOnlySoonAfterTheDropAndAtMostOnceAnInterval() {
        ProbeController late = pastInitialProbes(3_000_000);
        late.onLargeDrop(20 * S, 2_500_000, 2_000_000);
        late.onRecovered(26 * S);                               // 6 s later: the drop is old news
        assertEquals(3_000_000, late.poll(26 * S, 1_600_000, 20 * S, false).bitrateBps(), "the periodic cluster");
        assertEquals(0, late.recoveries());

        ProbeController twice = pastInitialProbes(3_000_000);
        twice.onLargeDrop(20 * S, 2_500_000, 2_000_000);
        twice.onRecovered(21 * S);
        assertNotNull(twice.poll(21 * S, 1_600_000, 20 * S, false));
        twice.onLargeDrop(22 * S, 2_100_000, 1_800_000);
        twice.onRecovered(23 * S);
        assertNull(twice.poll(23 * S, 1_300_000, 22 * S, false), "2 s after the last recovery cluster");
        assertEquals(1, twice.recoveries());

        ProbeController enough = pastInitialProbes(1_500_000);
        enough.onLargeDrop(20 * S, 2_500_000, 2_000_000);
        enough.onRecovered(21 * S);
        ProbeCluster capped = enough.poll(21 * S, 1_000_000, 20 * S, false);
        assertEquals(1_500_000, capped.bitrateBps(), "no more than the sender wants");
    }
}
