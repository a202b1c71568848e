package dev.vc.bench.faults.impair;

/**
 * What one direction of an impairing link did to its packets, cumulative.
 *
 * @param packetsIn  packets that arrived
 * @param dropped    packets lost on purpose
 * @param duplicated packets sent twice
 * @param reordered  packets held back so that later ones overtook them
 * @param overflowed packets the delay line had no room for (it was full, or they were too large), dropped
 * @param packetsOut packets sent on, duplicates included
 */
public record ImpairmentCounts(long packetsIn, long dropped, long duplicated, long reordered, long overflowed,
                               long packetsOut) {
    /** Nothing counted. */
    public static final ImpairmentCounts ZERO = new ImpairmentCounts(0, 0, 0, 0, 0, 0);

    /**
     * @param other another direction or link
     * @return the sums
     */
    public ImpairmentCounts plus(ImpairmentCounts other) {
        return new ImpairmentCounts(packetsIn + other.packetsIn, dropped + other.dropped,
                duplicated + other.duplicated, reordered + other.reordered, overflowed + other.overflowed,
                packetsOut + other.packetsOut);
    }

    /**
     * @param earlier an earlier snapshot of the same counters
     * @return what happened since
     */
    public ImpairmentCounts minus(ImpairmentCounts earlier) {
        return new ImpairmentCounts(packetsIn - earlier.packetsIn, dropped - earlier.dropped,
                duplicated - earlier.duplicated, reordered - earlier.reordered, overflowed - earlier.overflowed,
                packetsOut - earlier.packetsOut);
    }

    /** @return packets lost on purpose as a percentage of those that arrived (0 when none did); overflows not included */
    public double lossPercent() {
        return packetsIn == 0 ? 0 : 100.0 * dropped / packetsIn;
    }
}
