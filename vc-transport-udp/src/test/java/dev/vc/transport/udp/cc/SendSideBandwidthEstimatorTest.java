package dev.vc.transport.udp.cc;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole send-side estimator on synthetic links ({@link LinkSimulator}: paced sender, drop-tail bottleneck,
 * 25 ms each way, transport-cc feedback every 50 ms), in simulated time. Asserts the properties GCC is built
 * for, not timings of this machine.
 */
class SendSideBandwidthEstimatorTest {
    private static final long SECOND = 1_000_000;
    private static final long PROPAGATION = 25_000;
    private static final long QUEUE_LIMIT = 300_000;

    private static LinkSimulator link(long capacityBps, double loss, long startBps) {
        return new LinkSimulator(t -> capacityBps, PROPAGATION, QUEUE_LIMIT, loss, 7,
                new BitrateLimits(50_000, startBps, 10_000_000));
    }

    @Test
    void shouldComeDownToTheCapacityOfAnOverloadedLinkAndStayThere() {
        long capacity = 1_000_000;
        LinkSimulator sim = link(capacity, 0, 2_500_000);
        sim.runUntil(60 * SECOND);
        long[] steady = sim.targets(10 * SECOND, 60 * SECOND);
        long min = Arrays.stream(steady).min().orElseThrow();
        long max = Arrays.stream(steady).max().orElseThrow();
        double mean = Arrays.stream(steady).average().orElseThrow();
        String trace = sim.describe();
        assertTrue(min >= 0.7 * capacity, "never far below the capacity: " + min + "\n" + trace);
        assertTrue(max <= 1.05 * capacity, "never clearly above it (AIMD probes a few % over): " + max + "\n" + trace);
        assertTrue(mean >= 0.8 * capacity && mean <= capacity, "mean " + mean + "\n" + trace);
        assertTrue(sim.targets(SECOND, 3 * SECOND)[0] < capacity, "down within the first seconds\n" + trace);
    }

    @Test
    void shouldGoBelowANewLowerCapacityWithinTwoSecondsAndDrainTheQueue() {
        long drop = 20 * SECOND;
        LinkSimulator sim = new LinkSimulator(t -> t < drop ? 2_500_000 : 600_000, PROPAGATION, QUEUE_LIMIT, 0, 7,
                new BitrateLimits(50_000, 2_000_000, 10_000_000));
        sim.runUntil(drop);
        String before = sim.describe();
        assertTrue(Arrays.stream(sim.targets(10 * SECOND, drop)).min().orElseThrow() >= 0.7 * 2_500_000,
                "used the 2.5 Mbit/s link before the drop\n" + before);

        sim.runUntil(drop + 10 * SECOND);
        String trace = sim.describe();
        long[] afterDrop = sim.targets(drop, drop + 2 * SECOND + 1);
        assertTrue(Arrays.stream(afterDrop).anyMatch(t -> t < 600_000),
                "below the new capacity within 2 s: " + Arrays.toString(afterDrop) + "\n" + trace);
        // Once the drop-tail queue is full the delay gradient vanishes and the loss-based bound steers:
        // the target hovers around the new capacity, below it on average.
        long[] settled = sim.targets(drop + 2 * SECOND, drop + 10 * SECOND);
        assertTrue(Arrays.stream(settled).max().orElseThrow() <= 1.15 * 600_000,
                "stays near the new capacity\n" + trace);
        assertTrue(Arrays.stream(settled).average().orElseThrow() <= 600_000, "below it on average\n" + trace);
        long queueAtEnd = sim.trace.get(sim.trace.size() - 1)[3];
        assertTrue(queueAtEnd < 100_000, "the queue drained: " + queueAtEnd + " µs\n" + trace);
    }

    @Test
    void shouldNotCutFarBelowTheBottlenecksRateWhenASenderThatUsedLittleOverloadsIt() {
        LinkSimulator sim = link(600_000, 0, 200_000).fixedRate(150_000);     // a small layer, for 10 s
        sim.runUntil(10 * SECOND);
        long before = sim.target();
        sim.fixedRate(1_200_000);                                   // then a large layer's keyframes and more
        sim.runUntil(11_500_000);
        long lowest = Arrays.stream(sim.targets(10 * SECOND, 11_500_000)).min().orElseThrow();
        String trace = sim.describe();
        assertTrue(before < 600_000, "held near 1.5 x the little it used: " + before + "\n" + trace);
        assertTrue(lowest >= 0.8 * before, "the over-use cuts from what the bottleneck passes, not from the 150 kbit/s"
                + " acknowledged before: " + lowest + " after " + before + "\n" + trace);
    }

    @Test
    void shouldHalveTheTargetForEverySecondOfSendingWithoutFeedback() {
        LinkSimulator sim = link(2_000_000, 0, 1_000_000);
        sim.runUntil(5 * SECOND);                      // feedback every 50 ms up to here
        SendSideBandwidthEstimator estimator = sim.estimator;
        long before = estimator.targetBitrateBps();
        long cuts = 0;
        long[] after = new long[4];
        for (long t = 5 * SECOND, seq = 50_000; t <= 8 * SECOND + 50_000; t += 10_000, seq++) {
            if (estimator.onPacketSent((int) (seq & 0xFFFF), t, 1_000)) {
                after[(int) cuts++] = estimator.targetBitrateBps();
            }
        }
        assertEquals(3, cuts, "one cut per second of silence, the first after a second");
        assertEquals(3, estimator.feedbackTimeouts());
        assertEquals(before / 2, after[0]);
        assertEquals(before / 8, after[2]);
        assertTrue(estimator.delayBasedBitrateBps() <= before / 8 && estimator.lossBasedBitrateBps() <= before / 8,
                "both bounds lowered, so feedback that comes back starts from there");
    }

    @Test
    void shouldNotCountAPauseInSendingAsTimeWithoutFeedback() {
        LinkSimulator sim = link(2_000_000, 0, 1_000_000);
        sim.runUntil(5 * SECOND);                      // feedback every 50 ms up to here, then the video is off
        SendSideBandwidthEstimator estimator = sim.estimator;
        long before = estimator.targetBitrateBps();
        long resumed = 7 * SECOND;
        int seq = 50_000;
        for (long t = resumed; t < resumed + SECOND - 10_000; t += 10_000) {
            assertFalse(estimator.onPacketSent(seq++ & 0xFFFF, t, 1_000),
                    "sending again for less than the timeout, after 2 s of sending nothing: " + (t - resumed) + " µs");
        }
        assertEquals(before, estimator.targetBitrateBps(), "the estimate the sender had before its pause");
        assertTrue(estimator.onPacketSent(seq & 0xFFFF, resumed + SECOND + 10_000, 1_000),
                "a second of sending without feedback after the pause is cut as any other");
        assertEquals(before / 2, estimator.targetBitrateBps());
    }

    @Test
    void shouldStillCutASenderWhosePacketsComeFarApartWhenFeedbackStopped() {
        LinkSimulator sim = link(2_000_000, 0, 1_000_000);
        sim.runUntil(5 * SECOND);
        SendSideBandwidthEstimator estimator = sim.estimator;
        long gap = SendSideBandwidthEstimator.SENDING_PAUSE_MICROS - 100_000;    // a few frames a second
        int cuts = 0;
        int seq = 50_000;
        for (long t = 5 * SECOND + gap; t <= 7 * SECOND; t += gap) {
            cuts += estimator.onPacketSent(seq++ & 0xFFFF, t, 1_000) ? 1 : 0;
        }
        assertTrue(cuts >= 1, "gaps shorter than a pause are sending: cut after a second without feedback");
    }

    @Test
    void shouldKeepTheStartRateUntilTheFirstFeedback() {
        SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(new BitrateLimits(50_000, 800_000,
                10_000_000));
        for (int i = 0; i < 500; i++) {
            assertFalse(estimator.onPacketSent(i, i * 10_000L, 1_000), "no feedback yet: nothing to time out");
        }
        assertEquals(800_000, estimator.targetBitrateBps());
    }

    @Test
    void shouldRiseWhenThereIsSpareCapacity() {
        LinkSimulator sim = link(5_000_000, 0, 500_000);
        sim.runUntil(15 * SECOND);
        long[] targets = sim.targets(0, 15 * SECOND);
        String trace = sim.describe();
        assertTrue(sim.target() >= 2 * 500_000, "at least doubled in 15 s (8 %/s): " + sim.target() + "\n" + trace);
        assertTrue(sim.target() <= 5_000_000, "not beyond the capacity\n" + trace);
        for (int i = 10; i < targets.length; i += 10) {
            assertTrue(targets[i] > targets[i - 10], "rises every second\n" + trace);
        }
        long rtt = sim.estimator.roundTripMicros();
        assertTrue(rtt >= 2 * PROPAGATION && rtt <= 2 * PROPAGATION + 30_000,
                "RTT from feedback: 50 ms of propagation and a little batching, " + rtt + " µs");
    }

    @Test
    void shouldBeCutByTheLossBasedBoundUnderTwentyPercentRandomLoss() {
        LinkSimulator sim = link(5_000_000, 0.20, 1_500_000);
        sim.runUntil(10 * SECOND);
        String trace = sim.describe();
        assertTrue(sim.target() < 0.3 * 1_500_000, "cut hard: " + sim.target() + "\n" + trace);
        assertTrue(sim.estimator.lossFraction() > 0.1, "loss measured: " + sim.estimator.lossFraction());
        assertTrue(sim.estimator.delayBasedBitrateBps() > 2 * sim.target(),
                "the loss-based bound did it, not the delay-based estimate\n" + trace);
    }

    @Test
    void shouldNotCollapseUnderConstantTwoPercentLoss() {
        LinkSimulator sim = link(5_000_000, 0.02, 1_000_000);
        sim.runUntil(20 * SECOND);
        String trace = sim.describe();
        long min = Arrays.stream(sim.targets(0, 20 * SECOND)).min().orElseThrow();
        assertTrue(min >= 0.9 * 1_000_000, "never far below the start: " + min + "\n" + trace);
        assertTrue(sim.target() > 1_000_000, "still rising toward the capacity: " + sim.target() + "\n" + trace);
    }

    @Test
    void shouldNotMistakeJitterAndReorderingForCongestion() {
        LinkSimulator sim = link(5_000_000, 0, 1_000_000).jitter(15_000);
        sim.runUntil(15 * SECOND);
        String trace = sim.describe();
        assertTrue(sim.target() >= 1.5 * 1_000_000, "still rising with 0-15 ms jitter: " + sim.target() + "\n" + trace);
    }

    /** A token bucket's link as the lab shapes it: 10 KB of burst, 300 ms of queue, 50 ms each way. */
    private static LinkSimulator burstyLink(java.util.function.LongUnaryOperator capacity) {
        return new LinkSimulator(capacity, 50_000, QUEUE_LIMIT, 0, 7, new BitrateLimits(30_000, 1_000_000,
                100_000_000)).burst(10_240).probing(2_500_000);
    }

    @Test
    void shouldStopTrustingProbesThatALinksBurstAllowanceLetThrough() {
        long capacity = 1_000_000;
        LinkSimulator sim = burstyLink(t -> capacity);
        sim.runUntil(60 * SECOND);
        String trace = sim.describe() + String.join("\n", sim.clusterLog);
        long overshoots = Arrays.stream(sim.targets(10 * SECOND, 60 * SECOND)).filter(t -> t > 1.4 * capacity).count();
        assertEquals(0, overshoots, "a cluster the bucket let through raises the estimate a step, not to its rate\n"
                + trace);
        long queue = sim.trace.stream().filter(x -> x[0] >= 10 * SECOND).mapToLong(x -> x[3]).max().orElseThrow();
        assertTrue(queue <= 200_000, "so the queue such a step builds stays short: " + queue + " µs\n" + trace);
        assertTrue(sim.probeClustersSent() >= 6, "it still probes, the wanted rate being above the estimate\n" + trace);
        double mean = Arrays.stream(sim.targets(10 * SECOND, 60 * SECOND)).average().orElseThrow();
        assertTrue(mean >= 0.8 * capacity, "and uses the link: " + mean + "\n" + trace);
    }

    @Test
    void shouldFindCapacityThatCameBackByTheNextProbeOnALinkWithABurstAllowance() {
        long step = 40 * SECOND;
        LinkSimulator sim = burstyLink(t -> t < step ? 1_000_000 : 2_500_000);
        sim.runUntil(step + 10 * SECOND);
        String trace = sim.describe() + String.join("\n", sim.clusterLog);
        // probes come every 5 s, 10 s after a cluster the bucket let through; a chain of further clusters then
        // climbs a step per round trip
        assertTrue(Arrays.stream(sim.targets(step, step + 10 * SECOND)).anyMatch(t -> t >= 2_000_000),
                "80 % of the new capacity within 10 s of its return\n" + trace);
    }

    @Test
    void shouldDrainAStandingQueueThatTheTrendlineNoLongerSees() {
        long drop = 20 * SECOND;
        LinkSimulator sim = burstyLink(t -> t < drop ? 2_500_000 : 600_000);
        sim.runUntil(drop + 10 * SECOND);
        String trace = sim.describe();
        long[] queue = sim.trace.stream().filter(x -> x[0] >= drop + 2 * SECOND).mapToLong(x -> x[3]).toArray();
        long full = Arrays.stream(queue).filter(q -> q > 200_000).count();
        assertTrue(full <= 3, "the queue the drop filled is drained within 2 s and stays short: " + full
                + " samples over 200 ms\n" + trace);
        assertEquals(0, sim.estimator.recoveryProbeClusters(), "a path that narrowed gets no cluster at the rate it had"
                + " before\n" + trace);
        assertTrue(Arrays.stream(sim.targets(drop + 2 * SECOND, drop + 10 * SECOND)).average().orElseThrow()
                >= 0.6 * 600_000, "without giving the link away\n" + trace);
    }
}
