package dev.vc.api.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the sender follows its uplink estimate: bitrate within the ceiling, fewer frames below the floor. */
class RateAdaptationTest {
    @Test
    void shouldLeaveTheEncoderAloneWithoutAnEstimate() {
        RateAdaptation rate = new RateAdaptation(600_000, 30, 400_000, true);
        for (int i = 0; i < 10; i++) {
            assertTrue(rate.admit(-1));
            assertEquals(0, rate.encoderBitrate(false));
            assertEquals(0, rate.encoderFrameRate());
        }
    }

    @Test
    void shouldLowerTheBitrateWithTheEstimateAndRaiseItBackToTheCeiling() {
        RateAdaptation rate = new RateAdaptation(600_000, 30, 400_000, true);
        assertEquals(450_000, bitrateAfter(rate, 450_000, 1), "over-use: the encoder follows the estimate down");
        assertEquals(0, bitrateAfter(rate, 460_000, 60), "a 2 % move is not worth a reconfiguration");
        assertEquals(600_000, bitrateAfter(rate, 2_000_000, 1), "spare capacity: back up, not above the ceiling");
        rate.setCeiling(1_000_000);
        assertEquals(1_000_000, bitrateAfter(rate, 2_000_000, 1), "a new ceiling applies at once");
    }

    @Test
    void shouldFollowTheEstimateDownEveryFifthOfASecondButUpOnlyOnceASecond() {
        RateAdaptation rate = new RateAdaptation(600_000, 30, 100_000, true);
        assertEquals(500_000, bitrateAfter(rate, 500_000, 1));
        assertEquals(0, bitrateAfter(rate, 400_000, 1), "a frame later: held");
        for (int i = 0; i < 4; i++) {
            assertEquals(0, bitrateAfter(rate, 400_000, 1));
        }
        assertEquals(400_000, bitrateAfter(rate, 400_000, 1), "a fifth of a second of frames later");
        for (int i = 0; i < 29; i++) {
            assertEquals(0, bitrateAfter(rate, 500_000, 1), "up: held for a second, frame " + i);
        }
        assertEquals(500_000, bitrateAfter(rate, 500_000, 1), "a second of frames later");
    }

    @Test
    void shouldApplyAFallOfAThirdAtOnce() {
        RateAdaptation rate = new RateAdaptation(2_500_000, 30, 400_000, true);
        assertEquals(2_000_000, bitrateAfter(rate, 2_000_000, 1));
        assertEquals(0, bitrateAfter(rate, 1_500_000, 1), "25 % down: held for the second");
        assertEquals(600_000, bitrateAfter(rate, 600_000, 1), "70 % down: the link narrowed, applied at once");
        assertEquals(0, bitrateAfter(rate, 2_000_000, 1), "up again: held for the second");
    }

    @Test
    void shouldFollowTheEstimateUpAsOftenAsDownWhenTheEncoderChangesRatesInPlace() {
        RateAdaptation rate = new RateAdaptation(2_500_000, 30, 100_000, true);
        assertEquals(1_000_000, bitrateAfter(rate, 1_000_000, 1, true));
        for (int i = 0; i < 5; i++) {
            assertEquals(0, bitrateAfter(rate, 1_375_000, 1, true), "held for a fifth of a second, frame " + i);
        }
        assertEquals(1_375_000, bitrateAfter(rate, 1_375_000, 1, true), "a probe's step, a fifth of a second later");
        assertEquals(0, bitrateAfter(rate, 1_700_000, 5, true));
        assertEquals(1_700_000, bitrateAfter(rate, 1_700_000, 1, true), "and the next");
        assertEquals(0, bitrateAfter(rate, 2_100_000, 6, false), "an encoder that restarts waits out the second");
    }

    /** Admits {@code frames} frames at the estimate, then answers the bitrate change due (0 for none). */
    private static int bitrateAfter(RateAdaptation rate, long estimate, int frames) {
        return bitrateAfter(rate, estimate, frames, false);
    }

    /** As above, for an encoder that changes rates in place or not. */
    private static int bitrateAfter(RateAdaptation rate, long estimate, int frames, boolean inPlace) {
        for (int i = 0; i < frames; i++) {
            rate.admit(estimate);
        }
        return rate.encoderBitrate(inPlace);
    }

    @Test
    void shouldSkipFramesInProportionBelowTheFloorDownToAQuarter() {
        assertEquals(30, admitted(new RateAdaptation(600_000, 30, 400_000, true), 500_000, 30));
        assertEquals(15, admitted(new RateAdaptation(600_000, 30, 400_000, true), 200_000, 30));
        assertEquals(8, admitted(new RateAdaptation(600_000, 30, 400_000, true), 40_000, 32), "never under 1 in 4");
        assertEquals(30, admitted(new RateAdaptation(600_000, 30, 400_000, false), 40_000, 30), "off: all frames");
    }

    @Test
    void shouldTellTheEncoderTheLowerFrameRateOnce() {
        RateAdaptation rate = new RateAdaptation(600_000, 30, 400_000, true);
        rate.admit(200_000);
        assertEquals(15, rate.encoderFrameRate());
        rate.admit(200_000);
        assertEquals(0, rate.encoderFrameRate());
        for (int i = 0; i < 30; i++) {
            rate.admit(800_000);
        }
        assertEquals(30, rate.encoderFrameRate(), "back to the capture rate above the floor, a second later");
    }

    private static int admitted(RateAdaptation rate, long estimate, int frames) {
        int admitted = 0;
        for (int i = 0; i < frames; i++) {
            if (rate.admit(estimate)) {
                admitted++;
            }
        }
        return admitted;
    }
}
