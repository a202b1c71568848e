package dev.vc.bench.faults.impair;

import java.util.SplittableRandom;

/**
 * Bursty loss: the Gilbert-Elliott two-state Markov chain in its simple Gilbert form, where the Good state loses
 * nothing and the Bad state loses every packet. Each packet first moves the chain (Good to Bad with
 * probability {@code p}, Bad to Good with probability {@code r}), then is lost if the chain is in Bad. A burst
 * (a run of Bad) thus lasts a geometric number of packets with mean {@code 1 / r}, and the long-run loss rate
 * is the chain's share of time in Bad, {@code p / (p + r)}.
 *
 * <p>Built from the two figures one wants to set rather than from {@code p} and {@code r}: the average loss
 * rate {@code L} and the mean burst length {@code B} give {@code r = 1 / B} and {@code p = L r / (1 - L)}. A
 * mean burst of 1 packet is independent loss only in the limit of small {@code L}; use {@link BernoulliLoss}
 * for that.
 */
public final class GilbertElliottLoss implements LossModel {
    private final double goodToBad;
    private final double badToGood;
    private final SplittableRandom random;
    private boolean bad;

    /**
     * @param averageLoss     long-run fraction of packets lost, 0 (inclusive) .. 1 (exclusive)
     * @param meanBurstLength mean number of packets lost in a row, at least 1
     * @param random          the random source, seeded by the caller for a reproducible pattern
     * @throws IllegalArgumentException if the figures are out of range, or so high that no chain has them
     *                                  ({@code p} would exceed 1)
     */
    public GilbertElliottLoss(double averageLoss, double meanBurstLength, SplittableRandom random) {
        if (!(averageLoss >= 0 && averageLoss < 1)) {
            throw new IllegalArgumentException("average loss must be in [0, 1), got " + averageLoss);
        }
        if (!(meanBurstLength >= 1)) {
            throw new IllegalArgumentException("mean burst length must be at least 1 packet, got " + meanBurstLength);
        }
        this.badToGood = 1 / meanBurstLength;
        this.goodToBad = averageLoss * badToGood / (1 - averageLoss);
        if (goodToBad > 1) {
            throw new IllegalArgumentException("no Gilbert chain loses " + averageLoss + " in bursts of "
                    + meanBurstLength + " on average: use longer bursts");
        }
        this.random = random;
    }

    @Override
    public boolean drop() {
        bad = bad ? random.nextDouble() >= badToGood : random.nextDouble() < goodToBad;
        return bad;
    }
}
