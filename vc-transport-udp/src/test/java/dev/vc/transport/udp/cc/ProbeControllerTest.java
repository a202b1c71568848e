package dev.vc.transport.udp.cc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** When the probe controller asks for a cluster, and at what rate; synthetic time in µs. */
class ProbeControllerTest {
    private static final long S = 1_000_000;
    private static final long NEVER = Long.MIN_VALUE;
    private static final BitrateLimits LIMITS = new BitrateLimits(30_000, 500_000, 20_000_000);

    private static ProbeController pastInitialProbes(long wanted) {
        ProbeController controller = new ProbeController(LIMITS);
        controller.setWantedBitrateBps(wanted);
        controller.poll(0, 500_000, NEVER);
        controller.poll(0, 500_000, NEVER);
        return controller;
    }

    @Test
    void shouldProbeThreeAndSixTimesTheStartRateFirst() {
        ProbeController controller = new ProbeController(LIMITS);
        assertEquals(1_500_000, controller.poll(0, 500_000, NEVER).bitrateBps());
        assertEquals(3_000_000, controller.poll(0, 500_000, NEVER).bitrateBps());
        assertNull(controller.poll(1, 500_000, NEVER), "nothing wanted beyond the estimate");
    }

    @Test
    void shouldProbeTwiceTheEstimateCappedByTheWantedRateEveryFiveSeconds() {
        ProbeController controller = pastInitialProbes(3_000_000);
        assertNull(controller.poll(4 * S, 1_000_000, NEVER), "too soon after the last cluster");
        assertEquals(2_000_000, controller.poll(5 * S, 1_000_000, NEVER).bitrateBps());
        controller.onProbeResult(3, 2_000_000);                 // found what it asked for
        assertNull(controller.poll(9 * S, 2_000_000, NEVER));
        assertEquals(3_000_000, controller.poll(10 * S, 2_000_000, NEVER).bitrateBps(), "at most the wanted rate");
        assertEquals(1, controller.successes());
    }

    @Test
    void shouldNotProbeWhileTheEstimateCoversWhatIsWanted() {
        ProbeController controller = pastInitialProbes(1_000_000);
        assertNull(controller.poll(10 * S, 1_000_000, NEVER));
        assertNull(controller.poll(10 * S, 1_200_000, NEVER));
    }

    @Test
    void shouldNotProbeSoonAfterAnOveruse() {
        ProbeController controller = pastInitialProbes(5_000_000);
        assertNull(controller.poll(10 * S, 1_000_000, 8 * S));
        assertNotNull(controller.poll(11 * S, 1_000_000, 8 * S));
    }

    @Test
    void shouldDoubleTheWaitAfterEachFailureAndResetItAfterASuccess() {
        ProbeController controller = pastInitialProbes(5_000_000);
        ProbeCluster first = controller.poll(5 * S, 1_000_000, NEVER);
        controller.onProbeResult(first.id(), 1_000_000);        // measured no more than the estimate: failure
        assertNull(controller.poll(14 * S, 1_000_000, NEVER), "10 s after one failure");
        ProbeCluster second = controller.poll(15 * S, 1_000_000, NEVER);
        assertNotNull(second);
        assertEquals(1, controller.failures());
        assertNull(controller.poll(34 * S, 1_000_000, NEVER), "20 s after two failures (no result at all)");
        ProbeCluster third = controller.poll(35 * S, 1_000_000, NEVER);
        assertNotNull(third);
        assertEquals(2, controller.failures());
        controller.onProbeResult(third.id(), 2_000_000);
        assertNotNull(controller.poll(40 * S, 1_000_000, NEVER), "a success brings back the 5 s interval");
        assertEquals(0, controller.failures());
    }

    @Test
    void shouldNeverProbeAboveTheHighestRate() {
        ProbeController controller = new ProbeController(new BitrateLimits(30_000, 5_000_000, 20_000_000));
        controller.setWantedBitrateBps(100_000_000);
        assertEquals(15_000_000, controller.poll(0, 5_000_000, NEVER).bitrateBps());
        assertEquals(20_000_000, controller.poll(0, 5_000_000, NEVER).bitrateBps());
        assertEquals(20_000_000, controller.poll(5 * S, 15_000_000, NEVER).bitrateBps());
    }
}
