package dev.vc.bench.faults.impair;

/**
 * Decides, packet by packet, whether a link loses the packet. Implementations keep their own state (a burst
 * in progress) and their own seeded random source, so a seed replays the same loss pattern.
 *
 * <pre>{@code
 * LossModel loss = new GilbertElliottLoss(0.05, 4, new SplittableRandom(1)); // 5 % in bursts of 4 on average
 * if (loss.drop()) { ... }
 * }</pre>
 *
 * <p>Not thread-safe: one model belongs to one direction of one link, driven by one thread.
 */
public interface LossModel {
    /** Loses nothing. */
    LossModel NONE = () -> false;

    /** @return true if the next packet is lost */
    boolean drop();
}
