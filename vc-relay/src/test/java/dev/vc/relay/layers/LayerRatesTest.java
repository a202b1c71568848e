package dev.vc.relay.layers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerRatesTest {
    private static final long HALF_SECOND = LayerRates.SAMPLE_NANOS;
    private static final int ALL = 0b111;

    /** A sender stating 640x480 at 600 kbit/s and 320x240 at 150 kbit/s. */
    private static LayerRates twoLayers() {
        return new LayerRates(new int[] {600_000, 150_000}, new int[] {640, 320}, new int[] {480, 240});
    }

    @Test
    void aLayerNeverMeasuredCostsWhatTheJoinStatedOrTwoBitsPerPixel() {
        LayerRates rates = new LayerRates(new int[] {700_000, 0, 0}, new int[] {640, 320, 0},
                new int[] {480, 240, 0});
        assertEquals(700_000, rates.bitrateBps(0));
        assertEquals(2 * 320 * 240, rates.bitrateBps(1));
        assertEquals(LayerRates.UNKNOWN_BPS >> 4, rates.bitrateBps(2));
    }

    @Test
    void measuredBytesBecomeASmoothedRate() {
        LayerRates rates = twoLayers();
        rates.sample(0, ALL);
        rates.onPacket(0, 25_000);                     // 200 kbit in half a second: 400 kbit/s
        rates.sample(HALF_SECOND, ALL);
        assertEquals(400_000, rates.bitrateBps(0));
        rates.onPacket(0, 50_000);                     // then 800 kbit/s: halfway
        rates.sample(2 * HALF_SECOND, ALL);
        assertEquals(600_000, rates.bitrateBps(0));
        assertEquals(150_000, rates.bitrateBps(1), "not measured yet: as stated");
    }

    @Test
    void aPausedLayerKeepsItsLastRate() {
        LayerRates rates = twoLayers();
        rates.sample(0, ALL);
        rates.onPacket(1, 12_500);
        rates.sample(HALF_SECOND, ALL);
        rates.sample(4 * HALF_SECOND, ALL);                 // silent since
        assertEquals(200_000, rates.bitrateBps(1));
    }

    @Test
    void aSenderWithNoLayerFlowingIsSilentAfterTwoSecondsAndNotOnceALayerFlowsAgain() {
        LayerRates rates = twoLayers();
        rates.sample(0, ALL);
        rates.onPacket(0, 20_000);
        rates.sample(HALF_SECOND, ALL);
        for (int s = 2; s <= LayerRates.STOPPED_SAMPLES + 1; s++) {
            assertFalse(rates.silent(), "sample " + s);
            rates.sample(s * HALF_SECOND, ALL);              // the camera went off: nothing at all
        }
        assertTrue(rates.silent());
        assertFalse(rates.stopped(0), "no other layer flows: not stopped, silent");
        rates.onPacket(1, 5_000);                            // back on, the small layer first
        rates.sample((LayerRates.STOPPED_SAMPLES + 2) * HALF_SECOND, ALL);
        assertFalse(rates.silent());
    }

    @Test
    void aWantedLayerSilentWhileAnotherFlowsIsStoppedAfterTwoSeconds() {
        LayerRates rates = twoLayers();
        rates.sample(0, ALL);
        for (int s = 1; s <= LayerRates.STOPPED_SAMPLES; s++) {
            assertFalse(rates.stopped(0), "sample " + s);
            rates.onPacket(1, 5_000);                  // layer 1 flows, layer 0 (wanted) does not
            rates.sample(s * HALF_SECOND, ALL);
        }
        assertTrue(rates.stopped(0));
        assertFalse(rates.stopped(1));
        assertEquals(600_000, rates.bitrateBps(0), "its cost stays what it was");
        rates.onPacket(0, 20_000);                     // the sender resumed it
        rates.onPacket(1, 5_000);
        rates.sample((LayerRates.STOPPED_SAMPLES + 1) * HALF_SECOND, ALL);
        assertFalse(rates.stopped(0));
    }

    @Test
    void aLayerNobodyWantsOrASilentSenderIsNotStopped() {
        LayerRates rates = twoLayers();
        rates.sample(0, 0b10);
        for (int s = 1; s <= 2 * LayerRates.STOPPED_SAMPLES; s++) {
            rates.onPacket(1, 5_000);
            rates.sample(s * HALF_SECOND, 0b10);      // layer 0 paused at the relay's request
        }
        assertFalse(rates.stopped(0), "paused, not stopped");
        long t = 2 * LayerRates.STOPPED_SAMPLES * HALF_SECOND;
        for (int s = 1; s <= 2 * LayerRates.STOPPED_SAMPLES; s++) {
            rates.sample(t + s * HALF_SECOND, ALL);   // wanted again, but the whole sender went quiet
        }
        assertFalse(rates.stopped(0), "no other layer flows: the sender paused its video");
    }

    @Test
    void bytesBeforeTheFirstSampleAndSamplesTooSoonAreNotMisread() {
        LayerRates rates = new LayerRates(new int[] {0}, new int[] {0}, new int[] {0});
        rates.onPacket(0, 1_000_000);                 // before the clock started: forgotten
        rates.sample(0, ALL);
        rates.onPacket(0, 6_250);
        rates.sample(HALF_SECOND / 2, ALL);                // too soon: nothing changes
        assertEquals(LayerRates.UNKNOWN_BPS, rates.bitrateBps(0));
        rates.sample(HALF_SECOND, ALL);
        assertEquals(100_000, rates.bitrateBps(0));
    }

    @Test
    void layersMustBeDescribedAlike() {
        assertThrows(IllegalArgumentException.class, () -> new LayerRates(new int[] {1, 2}, new int[] {1}, new int[] {1, 2}));
    }
}
