package dev.vc.relay.layers;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.vc.relay.layers.ForwardedStream.NO_LAYER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerSelectorTest {
    private final LayerSelector selector = new LayerSelector();

    /** A sender of 640x480 at 600 kbit/s and 320x240 at 150 kbit/s. */
    private static LayerSelector.Candidate twoLayers() {
        return new LayerSelector.Candidate().layers(2).layer(0, 600_000, 640, 480).layer(1, 150_000, 320, 240);
    }

    private static LayerSelector.Candidate[] room(int senders) {
        LayerSelector.Candidate[] candidates = new LayerSelector.Candidate[senders];
        for (int i = 0; i < senders; i++) {
            candidates[i] = twoLayers();
        }
        return candidates;
    }

    private static int[] chosen(LayerSelector.Candidate[] candidates) {
        int[] layers = new int[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            layers[i] = candidates[i].chosen();
        }
        return layers;
    }

    private static void adopt(LayerSelector.Candidate[] candidates) {
        for (LayerSelector.Candidate c : candidates) {
            c.current(c.chosen());
        }
    }

    @Test
    void aWeakReceiverGetsEverySenderSmallAndAsManyLargeAsFitWithHeadroom() {
        LayerSelector.Candidate[] four = room(4);
        long total = selector.select(2_000_000, four, 4, true);
        // base: 4 x 150k = 600k; upgrades within 0.85 x 2 Mbit/s = 1.7 Mbit/s: two of them (1.5 Mbit/s)
        assertArrayEquals(new int[] {0, 0, 1, 1}, chosen(four));
        assertEquals(1_500_000, total);
    }

    @Test
    void aLayerTheSenderStoppedIsLeftAtOnceOnAWideOrANarrowLink() {
        for (long budget : new long[] {10_000_000, 1_000_000}) {
            LayerSelector.Candidate[] one = {twoLayers().current(0).stopped(0)};
            selector.select(budget, one, 1, false);
            assertEquals(1, one[0].chosen(), "budget " + budget);
            assertEquals(1, one[0].preferred(), "budget " + budget);
            one[0].layers(2).current(1);                // described afresh: it flows again
            selector.select(budget, one, 1, true);
            assertEquals(0, one[0].chosen(), "budget " + budget);
        }
        LayerSelector.Candidate[] smallest = {twoLayers().current(1).stopped(1)};
        selector.select(10_000_000, smallest, 1, true);
        assertEquals(0, smallest[0].chosen(), "the larger layer flows");
        LayerSelector.Candidate[] both = {twoLayers().current(0).stopped(0).stopped(1)};
        selector.select(10_000_000, both, 1, true);
        assertEquals(1, both[0].chosen(), "nothing flows: the smallest, as for a sender not sending at all");
    }

    @Test
    void aReceiverThatCannotTakeEveryBaseLayerStillGetsThemAll() {
        LayerSelector.Candidate[] four = room(4);
        long total = selector.select(400_000, four, 4, true);
        assertArrayEquals(new int[] {1, 1, 1, 1}, chosen(four));
        assertEquals(600_000, total, "over the estimate by the base layers alone");
    }

    @Test
    void smallTilesGetTheSmallLayerWhateverTheBandwidth() {
        LayerSelector.Candidate[] nine = room(9);
        for (LayerSelector.Candidate c : nine) {
            c.view(320, 240);  // a 3x3 grid in a 1280x720 window shows 4:3 video at about 320x240
        }
        selector.select(50_000_000, nine, 9, true);
        assertTrue(java.util.Arrays.stream(chosen(nine)).allMatch(layer -> layer == 1));
    }

    @Test
    void aViewSomewhatLargerThanALayerIsStillCoveredByIt() {
        LayerSelector.Candidate one = twoLayers().view(340, 255);
        selector.select(10_000_000, new LayerSelector.Candidate[] {one}, 1, true);
        assertEquals(1, one.chosen());
        one.view(400, 300);
        selector.select(10_000_000, new LayerSelector.Candidate[] {one}, 1, true);
        assertEquals(0, one.chosen());
    }

    @Test
    void aSenderNotShownGetsNothingAndCostsNothing() {
        LayerSelector.Candidate[] two = room(2);
        two[0].view(0, 0);
        long total = selector.select(10_000_000, two, 2, true);
        assertArrayEquals(new int[] {NO_LAYER, 0}, chosen(two));
        assertEquals(600_000, total);
    }

    @Test
    void aWideLinkGetsEverySenderItsPreferredLayerGoingUpOnlyWhenAllowed() {
        LayerSelector.Candidate[] three = room(3);
        three[2].view(160, 120);
        selector.select(50_000_000, three, 3, true);
        assertArrayEquals(new int[] {0, 0, 1}, chosen(three));
        adopt(three);
        three[0].view(160, 120);
        three[2].view(640, 480);
        selector.select(50_000_000, three, 3, false);
        assertArrayEquals(new int[] {1, 0, 1}, chosen(three), "down at once, up only when allowed");
    }

    @Test
    void aBudgetBelowZeroIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> selector.select(-1, room(1), 1, true));
    }

    @Test
    void aFallingEstimateLowersLayersAtOnceButARisingOneWaitsForLeaveToUpgrade() {
        LayerSelector.Candidate[] four = room(4);
        selector.select(10_000_000, four, 4, true);
        adopt(four);
        assertTrue(java.util.Arrays.stream(chosen(four)).allMatch(layer -> layer == 0));

        selector.select(1_000_000, four, 4, false);   // down: allowed without leave
        assertArrayEquals(new int[] {1, 1, 1, 1}, chosen(four));
        adopt(four);

        selector.select(10_000_000, four, 4, false);  // up: not yet
        assertArrayEquals(new int[] {1, 1, 1, 1}, chosen(four));
        selector.select(10_000_000, four, 4, true);
        assertTrue(java.util.Arrays.stream(chosen(four)).allMatch(layer -> layer == 0));
    }

    @Test
    void keepingALayerNeedsOnlyTheEstimateButReachingItNeedsHeadroom() {
        LayerSelector.Candidate[] one = {twoLayers()};
        selector.select(650_000, one, 1, true);        // 600k > 0.85 x 650k: not reached
        assertEquals(1, one[0].chosen());
        one[0].current(0);
        selector.select(650_000, one, 1, true);        // but kept once there
        assertEquals(0, one[0].chosen());
    }

    @Property
    void aboveTheEstimateOnlyByBaseLayersAndNeverAboveThePreferredLayer(@ForAll("rooms") List<LayerSelector.Candidate> room,
                                                   @ForAll @LongRange(min = 0, max = 20_000_000) long budget,
                                                   @ForAll boolean mayUpgrade) {
        LayerSelector.Candidate[] candidates = room.toArray(LayerSelector.Candidate[]::new);
        long total = selector.select(budget, candidates, candidates.length, mayUpgrade);
        long sum = 0;
        long base = 0;
        for (LayerSelector.Candidate c : candidates) {
            sum += c.rate(c.chosen());
            if (c.preferred() != NO_LAYER) {
                base += c.rate(c.layersCount() - 1);
                assertTrue(c.chosen() != NO_LAYER, "every shown sender is forwarded");
            }
            if (c.chosen() != NO_LAYER) {
                assertTrue(c.chosen() >= c.preferred(), "above the preferred layer");
            }
        }
        assertEquals(sum, total);
        assertTrue(total <= Math.max(budget, base), total + " over " + budget + " (base layers " + base + ")");
    }

    @Property
    void aConstantEstimateGivesTheSameChoiceAgain(@ForAll("rooms") List<LayerSelector.Candidate> room,
                                                  @ForAll @LongRange(min = 0, max = 20_000_000) long budget,
                                                  @ForAll boolean mayUpgrade) {
        LayerSelector.Candidate[] candidates = room.toArray(LayerSelector.Candidate[]::new);
        selector.select(budget, candidates, candidates.length, true);
        int[] first = chosen(candidates);
        adopt(candidates);
        selector.select(budget, candidates, candidates.length, mayUpgrade);
        assertArrayEquals(first, chosen(candidates));
    }

    @Property
    void moreBandwidthNeverShowsFewerOfTheFirstSenders(@ForAll("rooms") List<LayerSelector.Candidate> room,
                                             @ForAll @IntRange(min = 0, max = 10_000_000) int budget,
                                             @ForAll @IntRange(min = 0, max = 10_000_000) int more) {
        LayerSelector.Candidate[] candidates = room.toArray(LayerSelector.Candidate[]::new);
        selector.select(budget, candidates, candidates.length, true);
        int shown = shown(candidates);
        selector.select((long) budget + more, candidates, candidates.length, true);
        assertTrue(shown(candidates) >= shown);
    }

    /** How many senders, from the first (the highest priority) on, are shown or not wanted before one is left out. */
    private static int shown(LayerSelector.Candidate[] candidates) {
        int n = 0;
        while (n < candidates.length
                && (candidates[n].chosen() != NO_LAYER || candidates[n].preferred() == NO_LAYER)) {
            n++;
        }
        return n;
    }

    @Provide
    Arbitrary<List<LayerSelector.Candidate>> rooms() {
        Arbitrary<LayerSelector.Candidate> candidate = Combinators.combine(
                Arbitraries.integers().between(1, 3),
                Arbitraries.longs().between(20_000, 3_000_000),
                Arbitraries.integers().between(-1, 1000),
                Arbitraries.integers().between(-1, 2)).as((layers, top, view, current) -> {
                    LayerSelector.Candidate c = new LayerSelector.Candidate().layers(layers);
                    for (int k = 0; k < layers; k++) {
                        c.layer(k, Math.max(1, top >> (2 * k)), 640 >> k, 480 >> k);
                    }
                    return c.view(view < 0 ? -1 : view * 4 / 3, view).current(Math.min(current, layers - 1));
                });
        return candidate.list().ofMinSize(1).ofMaxSize(12);
    }
}
