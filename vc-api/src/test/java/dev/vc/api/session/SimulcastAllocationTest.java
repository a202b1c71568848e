package dev.vc.api.session;

import dev.vc.api.Encoder;
import dev.vc.api.session.SimulcastAllocation.LayerState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the estimate is shared among simulcast layers: smallest first, floors, hysteresis, never above it. */
class SimulcastAllocationTest {
    private static final LayerState SENT = LayerState.SENT;
    private static final LayerState SUSPENDED = LayerState.SUSPENDED;
    private static final LayerState NOT_WANTED = LayerState.NOT_WANTED;

    @Test
    void shouldGiveEachLayerAQuarterOfTheRatesOfTheOneBefore() {
        assertEquals(List.of(600_000, 150_000, 50_000), maxes(600_000), "a sixteenth of 600 k is below 50 k");
        assertEquals(List.of(2_000_000, 500_000, 125_000), maxes(2_000_000));
        assertEquals(List.of(30_000, 30_000, 30_000), maxes(30_000), "never above vc.bitrate");
        assertEquals(400_000, SimulcastAllocation.floorBitrate(400_000, 0));
        assertEquals(100_000, SimulcastAllocation.floorBitrate(400_000, 1));
        assertEquals(25_000, SimulcastAllocation.floorBitrate(400_000, 2));
        assertEquals(Encoder.MIN_BITRATE, SimulcastAllocation.floorBitrate(50_000, 2),
                "never below what encoders take");
    }

    private static List<Integer> maxes(int ceiling) {
        return List.of(SimulcastAllocation.maxBitrate(ceiling, 0), SimulcastAllocation.maxBitrate(ceiling, 1),
                SimulcastAllocation.maxBitrate(ceiling, 2));
    }

    @Test
    void shouldFillTheSmallLayerFirstAndGiveTheLargeOneTheRest() {
        SimulcastAllocation allocation = defaults(2);
        allocation.allocate(1_000_000, 0b11);
        assertEquals(List.of(SENT, SENT), states(allocation));
        assertEquals(1_000_000, allocation.target(1));
        assertEquals(850_000, allocation.target(0), "what the 150 kbit/s of layer 1 leave");

        allocation.allocate(300_000, 0b11);
        assertEquals(List.of(SUSPENDED, SENT), states(allocation), "150 left, below layer 0's 400 k floor");
        assertEquals(-1, allocation.target(0));
    }

    @Test
    void shouldSendEveryWantedLayerAtItsMaxWithoutAnEstimateOrWhenDisabled() {
        SimulcastAllocation allocation = defaults(3);
        allocation.allocate(-1, 0b111);
        assertEquals(List.of(SENT, SENT, SENT), states(allocation));
        assertEquals(-1, allocation.target(0));
        SimulcastAllocation disabled = new SimulcastAllocation(3, 600_000, 30, 400_000, false);
        disabled.allocate(20_000, 0b011);
        assertEquals(List.of(SENT, SENT, NOT_WANTED), states(disabled));
        assertEquals(-1, disabled.target(1), "the estimate is ignored");
    }

    @Test
    void shouldGiveNothingToLayersTheRelayDoesNotWant() {
        SimulcastAllocation allocation = defaults(2);
        allocation.allocate(300_000, 0b01);
        assertEquals(List.of(SENT, NOT_WANTED), states(allocation));
        assertEquals(300_000, allocation.target(0), "layer 0 is now the smallest sent: all of the estimate");
        allocation.allocate(300_000, 0b00);
        assertEquals(List.of(NOT_WANTED, NOT_WANTED), states(allocation));
    }

    @Test
    void shouldResumeASuspendedLayerOnlyWithHeadroomOverItsFloorAndASecondAfterItStopped() {
        SimulcastAllocation allocation = defaults(2);
        allocation.allocate(500_000, 0b11);                       // 350 left < 400
        assertEquals(SUSPENDED, allocation.state(0));
        for (int i = 0; i < 40; i++) {
            allocation.allocate(600_000, 0b11);                   // 450 left: above the floor, below 500
            assertEquals(SUSPENDED, allocation.state(0));
        }
        allocation.allocate(650_000, 0b11);                       // 500 left: floor + 25 %
        assertEquals(SENT, allocation.state(0));
        allocation.allocate(560_000, 0b11);                       // 410 left: a sent layer keeps going above its floor
        assertEquals(SENT, allocation.state(0));

        allocation.allocate(500_000, 0b11);
        assertEquals(SUSPENDED, allocation.state(0));
        for (int i = 1; i < 30; i++) {
            allocation.allocate(2_000_000, 0b11);
            assertEquals(SUSPENDED, allocation.state(0), "held back " + i + " frames after stopping");
        }
        allocation.allocate(2_000_000, 0b11);
        assertEquals(SENT, allocation.state(0), "a second later");
    }

    @Test
    void shouldGiveACappedLayerAtMostItsCapAndLeaveTheRestToTheLargerLayers() {
        SimulcastAllocation allocation = new SimulcastAllocation(2, 2_500_000, 30, 400_000, true);
        allocation.setCap(0, 700_000);
        allocation.allocate(2_000_000, 0b11);
        assertEquals(List.of(SENT, SENT), states(allocation));
        assertEquals(700_000, allocation.target(0), "the relay's cap, below the 1.375 Mbit/s the estimate leaves");
        allocation.setCap(1, 200_000);
        allocation.allocate(2_000_000, 0b11);
        assertEquals(200_000, allocation.target(1), "below layer 1's 625 kbit/s max");
        assertEquals(700_000, allocation.target(0));
        allocation.setCap(0, 3_000_000);
        allocation.allocate(2_000_000, 0b11);
        assertEquals(1_800_000, allocation.target(0), "a cap above the share is no cap: the 200 k layer 1 takes");
        allocation.setCap(0, -1);
        allocation.setCap(1, -1);
        allocation.allocate(2_000_000, 0b11);
        assertEquals(1_375_000, allocation.target(0), "lifted: back to the estimate's share");
    }

    @Test
    void shouldFollowACapWithoutAnEstimateButNotWhenAdaptationIsOff() {
        SimulcastAllocation allocation = defaults(2);
        allocation.setCap(0, 450_000);
        allocation.allocate(-1, 0b11);
        assertEquals(450_000, allocation.target(0));
        assertEquals(-1, allocation.target(1), "no cap, no estimate: its max");
        SimulcastAllocation disabled = new SimulcastAllocation(2, 600_000, 30, 400_000, false);
        disabled.setCap(0, 450_000);
        disabled.allocate(-1, 0b11);
        assertEquals(-1, disabled.target(0), "vc.bitrate.adaptive off: caps are ignored like the estimate");
    }

    @Test
    void shouldResumeALayerTheRelayWantsAgainWithoutHoldingItBack() {
        SimulcastAllocation allocation = defaults(2);
        allocation.allocate(2_000_000, 0b10);
        assertEquals(NOT_WANTED, allocation.state(0));
        allocation.allocate(2_000_000, 0b11);
        assertEquals(SENT, allocation.state(0));
    }

    @Property(tries = 300)
    void shouldNeverGiveTheLayersMoreThanTheEstimateButTheEncodersMinimum(@ForAll("runs") Run run) {
        SimulcastAllocation allocation = run.allocation();
        for (long estimate : run.estimates()) {
            int wanted = run.wanted(estimate);
            allocation.allocate(estimate, wanted);
            if (estimate < 0) {
                continue;                                        // no estimate: every layer at its max
            }
            long sum = 0;
            for (int k = 0; k < run.layers(); k++) {
                sum += allocation.state(k) == SENT ? share(allocation, k) : 0;
            }
            assertTrue(sum <= Math.max(estimate, Encoder.MIN_BITRATE), sum + " bit/s given out of " + estimate);
        }
    }

    @Property(tries = 300)
    void shouldFillTheSmallerLayersUpToTheirMaxBeforeALargerOneGetsAnything(@ForAll("runs") Run run) {
        SimulcastAllocation allocation = run.allocation();
        for (long estimate : run.estimates()) {
            int wanted = run.wanted(estimate);
            allocation.allocate(estimate, wanted);
            int smallest = 31 - Integer.numberOfLeadingZeros(wanted & ((1 << run.layers()) - 1));
            for (int k = 0; k < run.layers(); k++) {
                boolean isWanted = (wanted & 1 << k) != 0;
                assertEquals(isWanted, allocation.state(k) != NOT_WANTED, "layer " + k);
                if (k == smallest) {
                    assertEquals(SENT, allocation.state(k), "the smallest wanted layer is never suspended");
                }
                if (allocation.state(k) != SENT || k == smallest) {
                    continue;
                }
                for (int j = k + 1; j < run.layers(); j++) {
                    if ((wanted & 1 << j) != 0) {
                        assertEquals(SENT, allocation.state(j), "layer " + j + " smaller than the sent " + k);
                        assertEquals(SimulcastAllocation.maxBitrate(run.ceiling(), j), share(allocation, j),
                                "layer " + j + " full before layer " + k + " gets bits");
                    }
                }
            }
        }
    }

    @Property(tries = 300)
    void shouldNotSwitchLayersOnAndOffUnderAConstantEstimate(@ForAll("runs") Run run,
                                                             @ForAll @LongRange(min = 0, max = 3_000_000) long constant) {
        SimulcastAllocation allocation = run.allocation();
        for (long estimate : run.estimates()) {
            allocation.allocate(estimate, 0b111);
        }
        allocation.allocate(constant, 0b111);
        List<LayerState> first = states(allocation);
        int[] changes = new int[run.layers()];
        List<LayerState> previous = first;
        for (int i = 0; i < 200; i++) {
            allocation.allocate(constant, 0b111);
            List<LayerState> now = states(allocation);
            for (int k = 0; k < run.layers(); k++) {
                changes[k] += now.get(k) == previous.get(k) ? 0 : 1;
                assertTrue(changes[k] <= 1, "layer " + k + " switched again at frame " + i + " at " + constant);
            }
            previous = now;
        }
        for (int k = 0; k < run.layers(); k++) {
            assertTrue(changes[k] == 0 || first.get(k) == SUSPENDED, "only a suspended layer may come back, once");
        }
    }

    @Property(tries = 300)
    void shouldHoldASuspendedLayerBackForASecond(@ForAll("runs") Run run) {
        SimulcastAllocation allocation = run.allocation();
        int[] suspendedAt = new int[run.layers()];
        java.util.Arrays.fill(suspendedAt, -1_000);
        LayerState[] before = new LayerState[run.layers()];
        java.util.Arrays.fill(before, SENT);
        int frame = 0;
        for (long estimate : run.estimates()) {
            int wanted = run.wanted(estimate);
            allocation.allocate(estimate, wanted);
            int smallest = 31 - Integer.numberOfLeadingZeros(wanted & ((1 << run.layers()) - 1));
            for (int k = 0; k < run.layers(); k++) {
                LayerState now = allocation.state(k);
                if (before[k] == SENT && now == SUSPENDED) {
                    suspendedAt[k] = frame;
                } else if (now == NOT_WANTED || estimate < 0 || k == smallest) {
                    suspendedAt[k] = -1_000;                   // a relay's pause, no estimate, the smallest: no hold
                } else if (before[k] == SUSPENDED && now == SENT) {
                    assertTrue(frame - suspendedAt[k] >= 30, "layer " + k + " back " + (frame - suspendedAt[k])
                            + " frames after it stopped");
                }
                before[k] = now;
            }
            frame++;
        }
    }

    @Property(tries = 300)
    void shouldResumeOnlyWithTheHeadroom(@ForAll("runs") Run run) {
        SimulcastAllocation allocation = run.allocation();
        LayerState[] before = new LayerState[run.layers()];
        java.util.Arrays.fill(before, SENT);
        for (long estimate : run.estimates()) {
            int wanted = run.wanted(estimate);
            allocation.allocate(estimate, wanted);
            int smallest = 31 - Integer.numberOfLeadingZeros(wanted & ((1 << run.layers()) - 1));
            for (int k = 0; k < run.layers(); k++) {
                if (before[k] != SENT && allocation.state(k) == SENT && k != smallest && estimate >= 0) {
                    long floor = SimulcastAllocation.floorBitrate(run.floor(), k);
                    assertTrue(allocation.target(k) >= floor * 125 / 100, "layer " + k + " resumed with "
                            + allocation.target(k) + " left, floor " + floor);
                }
                before[k] = allocation.state(k);
            }
        }
    }

    /**
     * Each layer's encoder, driven by its rate adaptation from the allocation's targets as the pipeline does: a
     * fall of 30 % or more is applied at once, a smaller one at most every 1/5 s, a rise at most once a second.
     */
    @Property(tries = 200)
    void shouldReconfigureEachEncoderOnAFivePercentChangeDownEveryFifthOfASecondUpOnceASecond(@ForAll("runs") Run run) {
        SimulcastAllocation allocation = run.allocation();
        RateAdaptation[] rates = new RateAdaptation[run.layers()];
        int[] applied = new int[run.layers()];
        int[] sinceChange = new int[run.layers()];
        for (int k = 0; k < run.layers(); k++) {
            rates[k] = allocation.layerRate(k);
            applied[k] = SimulcastAllocation.maxBitrate(run.ceiling(), k);
            sinceChange[k] = Integer.MAX_VALUE / 2;
        }
        for (long estimate : run.estimates()) {
            allocation.allocate(estimate, run.wanted(estimate));
            for (int k = 0; k < run.layers(); k++) {
                if (allocation.state(k) != SENT) {
                    continue;
                }
                sinceChange[k]++;
                rates[k].admit(allocation.target(k));
                int bitrate = rates[k].encoderBitrate(false);
                if (rates[k].encoderFrameRate() != 0 && bitrate == 0) {
                    sinceChange[k] = 0;
                }
                if (bitrate != 0) {
                    boolean urgent = bitrate <= applied[k] - (long) applied[k] * RateAdaptation.URGENT_DROP_PERCENT / 100;
                    int hold = urgent ? 0 : bitrate < applied[k] ? 30 / RateAdaptation.DOWN_CHANGES_PER_SECOND : 30;
                    assertTrue(sinceChange[k] >= hold,
                            "layer " + k + " reconfigured " + sinceChange[k] + " frames after");
                    assertTrue(Math.abs(bitrate - applied[k]) >= applied[k] * 0.05, applied[k] + " -> " + bitrate);
                    applied[k] = bitrate;
                    sinceChange[k] = 0;
                }
            }
        }
    }

    /**
     * A synthetic run: layers, configured rates, a sequence of estimates, and a wanted mask that follows
     * the estimate (so it changes along the run, sometimes to no layer at all).
     */
    record Run(int layers, int ceiling, long floor, List<Long> estimates, int maskSeed) {
        SimulcastAllocation allocation() {
            return new SimulcastAllocation(layers, ceiling, 30, floor, true);
        }

        int wanted(long estimate) {
            return (int) ((estimate / 7_919 + maskSeed) % 8);
        }
    }

    @Provide
    Arbitrary<Run> runs() {
        Arbitrary<Long> estimate = Arbitraries.oneOf(Arbitraries.just(-1L),
                Arbitraries.longs().between(0, 3_000_000), Arbitraries.longs().between(300_000, 900_000));
        return Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(Encoder.MIN_BITRATE, 3_000_000),
                Arbitraries.longs().between(Encoder.MIN_BITRATE, 1_000_000),
                estimate.list().ofMinSize(1).ofMaxSize(200),
                Arbitraries.integers().between(0, 7)).as(Run::new);
    }

    /** What the layer's rate adaptation gives its encoder of the target: up to the layer's max. */
    private static long share(SimulcastAllocation allocation, int layer) {
        int max = SimulcastAllocation.maxBitrate(allocation.ceiling(), layer);
        long target = allocation.target(layer);
        return target < 0 ? max : Math.max(Encoder.MIN_BITRATE, Math.min(max, target));
    }

    private static SimulcastAllocation defaults(int layers) {
        return new SimulcastAllocation(layers, 600_000, 30, 400_000, true);
    }

    private static List<LayerState> states(SimulcastAllocation allocation) {
        LayerState[] states = new LayerState[allocation.layers()];
        for (int k = 0; k < states.length; k++) {
            states[k] = allocation.state(k);
        }
        return List.of(states);
    }
}
