package dev.vc.bench.faults.impair;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loss models over long runs, without sockets: rates and burst lengths converge, seeds replay. */
class LossModelPropertyTest {
    private static final int PACKETS = 400_000;

    @Property(tries = 100)
    void bernoulliLossConvergesToItsProbability(@ForAll @DoubleRange(min = 0.001, max = 0.3) @Scale(4) double p,
                                                @ForAll long seed) {
        LossModel loss = new BernoulliLoss(p, new SplittableRandom(seed));
        long dropped = 0;
        for (int i = 0; i < PACKETS; i++) {
            dropped += loss.drop() ? 1 : 0;
        }
        double sd = Math.sqrt(p * (1 - p) / PACKETS);
        assertEquals(p, (double) dropped / PACKETS, 6 * sd);
    }

    @Property(tries = 100)
    void gilbertElliottLossConvergesToItsAverageAndBurstsToTheirMeanLength(
            @ForAll @DoubleRange(min = 0.01, max = 0.3) double average,
            @ForAll @DoubleRange(min = 1.5, max = 10) double burst, @ForAll long seed) {
        double r = 1 / burst;
        double p = average * r / (1 - average);
        Assume.that(p <= 1);
        LossModel loss = new GilbertElliottLoss(average, burst, new SplittableRandom(seed));
        long dropped = 0;
        long bursts = 0;
        boolean previous = false;
        for (int i = 0; i < PACKETS; i++) {
            boolean lost = loss.drop();
            dropped += lost ? 1 : 0;
            bursts += lost && !previous ? 1 : 0;
            previous = lost;
        }
        // The chain's samples are correlated: the variance of the mean grows by (1 + rho) / (1 - rho).
        double rho = 1 - p - r;
        double sdRate = Math.sqrt(average * (1 - average) / PACKETS * (1 + rho) / (1 - rho));
        assertEquals(average, (double) dropped / PACKETS, 6 * sdRate, "loss rate");
        // Burst lengths are geometric with mean 1 / r: variance (1 - r) / r^2.
        double sdBurst = Math.sqrt((1 - r) / (r * r) / bursts);
        assertEquals(burst, (double) dropped / bursts, 6 * sdBurst, "mean burst length over " + bursts + " bursts");
    }

    @Property(tries = 200)
    void aSeedReplaysTheSameLossPattern(@ForAll long seed, @ForAll @DoubleRange(min = 0, max = 0.5) double average,
                                        @ForAll boolean bursty) {
        Impairment impairment = new Impairment(average * 100, bursty ? 4 : 1, 0, 3, 0, 0, 0);
        LossModel a = impairment.newLossModel(new SplittableRandom(seed));
        LossModel b = impairment.newLossModel(new SplittableRandom(seed));
        for (int i = 0; i < 2_000; i++) {
            assertEquals(a.drop(), b.drop(), "packet " + i);
        }
    }

    @Property(tries = 50)
    void differentSeedsGiveDifferentPatterns(@ForAll long seed) {
        LossModel a = new BernoulliLoss(0.5, new SplittableRandom(seed));
        LossModel b = new BernoulliLoss(0.5, new SplittableRandom(seed + 1));
        int differences = 0;
        for (int i = 0; i < 1_000; i++) {
            differences += a.drop() != b.drop() ? 1 : 0;
        }
        assertTrue(differences > 100, differences + " differences in 1000 packets");
    }

    @Property(tries = 20)
    void refusesFiguresNoChainHas(@ForAll @DoubleRange(min = 0.6, max = 0.95) double average) {
        assertThrows(IllegalArgumentException.class, () -> new GilbertElliottLoss(average, 1.2, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new BernoulliLoss(1.5, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new GilbertElliottLoss(0.1, 0.5, new SplittableRandom(1)));
    }
}
