package dev.vc.transport.udp.cc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delay-based pieces one at a time, on hand-made timings. */
class DelayBasedComponentsTest {
    @Test
    void shouldGroupPacketsSentWithinFiveMillisecondsAndReportDeltasBetweenGroups() {
        InterArrivalGrouper grouper = new InterArrivalGrouper();
        assertFalse(grouper.onPacket(0, 100_000, 0, 1000));
        assertFalse(grouper.onPacket(2_000, 102_000, 0, 1000), "same group");
        assertFalse(grouper.onPacket(10_000, 110_000, 0, 1000), "closes the first group; no previous one yet");
        assertFalse(grouper.onPacket(12_000, 113_000, 0, 1000));
        assertTrue(grouper.onPacket(20_000, 121_000, 0, 1000), "closes the second group");
        assertEquals(10_000, grouper.sendDeltaMicros(), "last send of group 2 (12 ms) - of group 1 (2 ms)");
        assertEquals(11_000, grouper.arrivalDeltaMicros(), "113 ms - 102 ms");
    }

    @Test
    void shouldKeepABurstReleasedByAQueueInOneGroup() {
        InterArrivalGrouper grouper = new InterArrivalGrouper();
        grouper.onPacket(0, 100_000, 0, 1000);
        // Sent 10 ms apart but arriving 1 ms apart: a queue released them together.
        assertFalse(grouper.onPacket(10_000, 101_000, 0, 1000));
        assertFalse(grouper.onPacket(20_000, 102_000, 0, 1000));
        assertFalse(grouper.onPacket(30_000, 140_000, 0, 1000), "closes the burst group");
        assertTrue(grouper.onPacket(40_000, 150_000, 0, 1000));
        assertEquals(10_000, grouper.sendDeltaMicros());
    }

    @Test
    void shouldSkipPacketsSentBeforeTheCurrentGroup() {
        InterArrivalGrouper grouper = new InterArrivalGrouper();
        grouper.onPacket(10_000, 100_000, 0, 1000);
        assertFalse(grouper.onPacket(5_000, 101_000, 0, 1000));
    }

    private static BandwidthUsage feed(TrendlineOveruseDetector detector, int groups, long extraDelayPerGroup) {
        long arrival = 0;
        for (int i = 0; i < groups; i++) {
            arrival += 10_000 + extraDelayPerGroup;
            detector.onDeltas(10_000 + extraDelayPerGroup, 10_000, arrival);
        }
        return detector.state();
    }

    @Test
    void shouldDetectOveruseWhenDelayGrowsSteadily() {
        assertEquals(BandwidthUsage.OVERUSING, feed(new TrendlineOveruseDetector(), 40, 1_000));
    }

    @Test
    void shouldStayNormalWhenDelayIsSteady() {
        assertEquals(BandwidthUsage.NORMAL, feed(new TrendlineOveruseDetector(), 200, 0));
    }

    @Test
    void shouldDetectUnderuseWhenAQueueDrains() {
        assertEquals(BandwidthUsage.UNDERUSING, feed(new TrendlineOveruseDetector(), 40, -1_000));
    }

    @Test
    void shouldNotCallOveruseOnASingleSpike() {
        TrendlineOveruseDetector detector = new TrendlineOveruseDetector();
        long arrival = 0;
        for (int i = 0; i < 100; i++) {
            long extra = i == 50 ? 30_000 : i == 51 ? -30_000 : 0;
            arrival += 10_000 + extra;
            detector.onDeltas(10_000 + extra, 10_000, arrival);
            assertTrue(detector.state() != BandwidthUsage.OVERUSING, "sample " + i);
        }
    }

    @Test
    void shouldAdaptTheThresholdWithinItsBounds() {
        TrendlineOveruseDetector detector = new TrendlineOveruseDetector();
        feed(detector, 500, 0);
        assertEquals(TrendlineOveruseDetector.MIN_THRESHOLD, detector.threshold(), 1e-9,
                "flat delay pulls the threshold down to its floor");
    }

    @Test
    void shouldIncreaseAboutEightPercentPerSecondFarFromConvergence() {
        AimdRateController aimd = new AimdRateController(1_000_000, 10_000, 10_000_000);
        long now = 0;
        aimd.update(BandwidthUsage.NORMAL, 1_000_000, now);
        for (int i = 0; i < 10; i++) {
            now += 100_000;
            aimd.update(BandwidthUsage.NORMAL, 1_000_000, now);
        }
        assertEquals(1_001_000 * 1.08, aimd.rateBps(), 2_000, "1 kbit/s at the first step, then 8 % over 1 s");
        assertFalse(aimd.isNearConvergence());
    }

    @Test
    void shouldCutToEightyFivePercentOfTheAcknowledgedRateThenHoldThenIncreaseAdditively() {
        AimdRateController aimd = new AimdRateController(1_000_000, 10_000, 10_000_000);
        assertEquals(765_000, aimd.update(BandwidthUsage.OVERUSING, 900_000, 0), 1);
        assertEquals(765_000, aimd.update(BandwidthUsage.UNDERUSING, 900_000, 100_000), 1, "hold");
        assertTrue(aimd.isNearConvergence());
        long now = 100_000;
        for (int i = 0; i < 11; i++) {
            aimd.update(BandwidthUsage.NORMAL, 800_000, now);
            now += 100_000;
        }
        long rate = aimd.rateBps();
        assertTrue(rate > 765_000 && rate < 765_000 * 1.03, "additive: a few kbit/s per second, " + rate);
    }

    @Test
    void shouldNotIncreaseFarBeyondWhatIsAcknowledged() {
        AimdRateController aimd = new AimdRateController(1_000_000, 10_000, 10_000_000);
        for (int i = 0; i < 50; i++) {
            aimd.update(BandwidthUsage.NORMAL, 200_000, i * 100_000L);
        }
        assertEquals(1_000_000, aimd.rateBps(), "limit 1.5 x 200k + 10k is below the rate: no increase");
    }

    @Test
    void shouldReduceFurtherOnlyAfterARoundTripOrWhenThroughputCollapses() {
        AimdRateController aimd = new AimdRateController(1_000_000, 10_000, 10_000_000);
        aimd.setRoundTripTime(100_000);
        aimd.update(BandwidthUsage.OVERUSING, 1_000_000, 0);
        assertFalse(aimd.isTimeToReduceFurther(50_000, 800_000));
        assertTrue(aimd.isTimeToReduceFurther(100_000, 800_000));
        assertTrue(aimd.isTimeToReduceFurther(50_000, 400_000), "below half the rate");
    }

    @Test
    void shouldMeasureTheAcknowledgedRateAndFollowAStep() {
        AcknowledgedBitrateEstimator acked = new AcknowledgedBitrateEstimator();
        long t = 0;
        for (int i = 0; i < 1000; i++) {            // 1 Mbit/s: 1250 bytes every 10 ms
            acked.onAcknowledged(t, 1250);
            t += 10_000;
        }
        assertEquals(1_000_000, acked.rateBps(), 20_000);
        for (int i = 0; i < 300; i++) {             // 500 kbit/s for 3 s
            acked.onAcknowledged(t, 625);
            t += 10_000;
        }
        assertEquals(500_000, acked.rateBps(), 50_000);
    }

    @Test
    void shouldNotGrowWhileTheSenderUsesFarLessThanTheAcknowledgedRateStillSays() {
        DelayBasedBandwidthEstimator delay = new DelayBasedBandwidthEstimator(1_000_000, 10_000, 10_000_000);
        AcknowledgedBitrateEstimator acked = new AcknowledgedBitrateEstimator();
        RecentArrivalRate recent = new RecentArrivalRate();
        long t = 0;
        long rateAtDrop = 0;
        for (int i = 0; i < 600; i++) {                 // 2 Mbit/s (2,500 B every 10 ms) for 5 s, then 150 kbit/s
            int size = i < 500 ? 2_500 : 188;
            t += 10_000;
            acked.onAcknowledged(t + 5_000, size);
            recent.onArrival(t + 5_000, size);
            delay.onPacket(t, t + 5_000, size, t + 20_000);
            if (i % 5 == 4) {                           // feedback every 50 ms
                long rate = delay.update(acked.rateBps(), recent.rateBps(), 0, t + 20_000);
                if (i == 504) {
                    rateAtDrop = rate;
                }
            }
        }
        assertTrue(acked.rateBps() > 300_000, "a second later the acknowledged rate still lags: " + acked.rateBps());
        // what the last half second's arrivals still hold of the old rate allows a few hundred ms of growth
        assertTrue(delay.rateBps() <= rateAtDrop * 1.02,
                "no growth on a path used at 150 kbit/s: " + rateAtDrop + " -> " + delay.rateBps());
    }

    @Test
    void shouldHalveOnOveruseBeforeAnyAcknowledgedRate() {
        DelayBasedBandwidthEstimator delay = new DelayBasedBandwidthEstimator(1_000_000, 10_000, 10_000_000);
        long send = 0;
        long arrival = 0;
        for (int i = 0; i < 200; i++) {
            send += 5_100;
            arrival += 6_100;                        // 1 ms more queueing each group
            delay.onPacket(send, arrival, 1200, send + 50_000);
        }
        assertEquals(BandwidthUsage.OVERUSING, delay.usage());
        assertEquals(500_000, delay.update(-1, -1, 0, send + 50_000));
    }
}
