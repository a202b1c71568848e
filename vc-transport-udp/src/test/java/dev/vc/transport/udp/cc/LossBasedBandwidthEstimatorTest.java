package dev.vc.transport.udp.cc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossBasedBandwidthEstimatorTest {
    private static final long CAP = Long.MAX_VALUE;

    /** Past the 2 s start phase with one loss-free report, at 3 s. */
    private static LossBasedBandwidthEstimator started(long startBps) {
        LossBasedBandwidthEstimator loss = new LossBasedBandwidthEstimator(startBps, 10_000, 10_000_000);
        loss.onPacketResults(0, 100, 0);
        loss.update(startBps, 0);
        return loss;
    }

    @Test
    void shouldCutByHalfTheLossAboveTenPercentAtMostOncePerIntervalAndRtt() {
        LossBasedBandwidthEstimator loss = started(1_000_000);
        long now = 3_000_000;
        loss.onPacketResults(20, 100, now);
        assertEquals(0.199, loss.lossFraction(), 0.001);
        long cut = loss.update(CAP, now);
        assertEquals(1_000_000 * (512 - 51) / 512, cut, 1, "x (1 - 0.5 x 51/256)");
        loss.onPacketResults(20, 100, now + 100_000);
        assertEquals(cut, loss.update(CAP, now + 100_000), "not again within 300 ms + RTT");
        loss.onPacketResults(20, 100, now + 600_000);
        assertTrue(loss.update(CAP, now + 600_000) < cut, "again after 300 ms + 200 ms default RTT");
    }

    @Test
    void shouldHoldBetweenTwoAndTenPercent() {
        LossBasedBandwidthEstimator loss = started(1_000_000);
        loss.onPacketResults(5, 100, 3_000_000);
        assertEquals(1_000_000, loss.update(CAP, 3_000_000));
        assertEquals(1_000_000, loss.update(CAP, 4_000_000));
    }

    @Test
    void shouldGrowEightPercentOverTheLowestRateOfTheLastSecondUnderTwoPercentAndNeverAboveTheCap() {
        LossBasedBandwidthEstimator loss = started(1_000_000);
        long now = 3_000_000;
        loss.onPacketResults(1, 100, now);
        long first = loss.update(CAP, now);
        assertEquals(1_081_000, first, 1, "1.08 x the last second's minimum + 1 kbit/s");
        for (int i = 1; i < 20; i++) {             // the rest of that second, every 50 ms
            now += 50_000;
            loss.onPacketResults(1, 100, now);
            loss.update(CAP, now);
        }
        assertEquals(first, loss.rateBps(), "no more within that second: the minimum is still the old rate");
        now += 50_000;
        loss.onPacketResults(1, 100, now);
        assertEquals(first * 1.08 + 1_000, loss.update(CAP, now), 2, "the next step once a second has passed");
        assertEquals(900_000, loss.update(900_000, now), "capped by the delay-based estimate");
    }

    @Test
    void shouldWaitForTwentyPacketsBeforeMeasuringLoss() {
        LossBasedBandwidthEstimator loss = started(1_000_000);
        loss.onPacketResults(10, 19, 3_000_000);
        assertTrue(loss.update(CAP, 3_000_000) >= 1_000_000, "19 packets: no new loss fraction, no cut");
        assertEquals(0, loss.lossFraction());
        loss.onPacketResults(0, 1, 3_050_000);
        assertTrue(loss.lossFraction() > 0.4, "the 20th packet completes the measurement");
        assertTrue(loss.update(CAP, 3_050_000) < 1_000_000);
    }

    @Test
    void shouldFollowTheDelayBasedEstimateUpDuringTheLossFreeStartPhase() {
        LossBasedBandwidthEstimator loss = new LossBasedBandwidthEstimator(300_000, 10_000, 10_000_000);
        loss.onPacketResults(0, 50, 0);
        assertEquals(2_000_000, loss.update(2_000_000, 500_000));
    }
}
