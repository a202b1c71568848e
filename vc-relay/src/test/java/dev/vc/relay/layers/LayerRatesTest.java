package dev.vc.relay.layers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LayerRatesTest {
    private static final long HALF_SECOND = LayerRates.SAMPLE_NANOS;

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
        LayerRates rates = new LayerRates(new int[] {600_000, 150_000}, new int[] {640, 320}, new int[] {480, 240});
        rates.sample(0);
        rates.onPacket(0, 25_000);                     // 200 kbit in half a second: 400 kbit/s
        rates.sample(HALF_SECOND);
        assertEquals(400_000, rates.bitrateBps(0));
        rates.onPacket(0, 50_000);                     // then 800 kbit/s: halfway
        rates.sample(2 * HALF_SECOND);
        assertEquals(600_000, rates.bitrateBps(0));
        assertEquals(150_000, rates.bitrateBps(1), "not measured yet: as stated");
    }

    @Test
    void aPausedLayerKeepsItsLastRate() {
        LayerRates rates = new LayerRates(new int[] {600_000, 150_000}, new int[] {640, 320}, new int[] {480, 240});
        rates.sample(0);
        rates.onPacket(1, 12_500);
        rates.sample(HALF_SECOND);
        rates.sample(4 * HALF_SECOND);                 // silent since
        assertEquals(200_000, rates.bitrateBps(1));
    }

    @Test
    void bytesBeforeTheFirstSampleAndSamplesTooSoonAreNotMisread() {
        LayerRates rates = new LayerRates(new int[] {0}, new int[] {0}, new int[] {0});
        rates.onPacket(0, 1_000_000);                 // before the clock started: forgotten
        rates.sample(0);
        rates.onPacket(0, 6_250);
        rates.sample(HALF_SECOND / 2);                // too soon: nothing changes
        assertEquals(LayerRates.UNKNOWN_BPS, rates.bitrateBps(0));
        rates.sample(HALF_SECOND);
        assertEquals(100_000, rates.bitrateBps(0));
    }

    @Test
    void layersMustBeDescribedAlike() {
        assertThrows(IllegalArgumentException.class, () -> new LayerRates(new int[] {1, 2}, new int[] {1}, new int[] {1, 2}));
    }
}
