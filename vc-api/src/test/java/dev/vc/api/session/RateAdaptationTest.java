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
            assertEquals(0, rate.encoderBitrate());
            assertEquals(0, rate.encoderFrameRate());
        }
    }

    @Test
    void shouldLowerTheBitrateWithTheEstimateAndRaiseItBackToTheCeiling() {
        RateAdaptation rate = new RateAdaptation(600_000, 30, 400_000, true);
        rate.admit(450_000);
        assertEquals(450_000, rate.encoderBitrate(), "over-use: the encoder follows the estimate down");
        rate.admit(460_000);
        assertEquals(0, rate.encoderBitrate(), "a 2 % move is not worth a reconfiguration");
        rate.admit(2_000_000);
        assertEquals(600_000, rate.encoderBitrate(), "spare capacity: back up, but never above the ceiling");
        rate.setCeiling(1_000_000);
        rate.admit(2_000_000);
        assertEquals(1_000_000, rate.encoderBitrate(), "a new ceiling applies at once");
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
        rate.admit(800_000);
        assertEquals(30, rate.encoderFrameRate(), "back to the capture rate above the floor");
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
