package dev.vc.bench.faults.impair;

import java.util.SplittableRandom;

/**
 * Independent ("random") loss: every packet is lost with the same probability, whatever happened to the
 * packets before it. Bursts occur only by chance, so their mean length is {@code 1 / (1 - p)}.
 */
public final class BernoulliLoss implements LossModel {
    private final double probability;
    private final SplittableRandom random;

    /**
     * @param probability the loss probability, 0..1
     * @param random      the random source, seeded by the caller for a reproducible pattern
     * @throws IllegalArgumentException if the probability is outside 0..1
     */
    public BernoulliLoss(double probability, SplittableRandom random) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("loss probability must be in 0..1, got " + probability);
        }
        this.probability = probability;
        this.random = random;
    }

    @Override
    public boolean drop() {
        return random.nextDouble() < probability;
    }
}
