package dev.vc.api.session;

/**
 * A fixed-size latency histogram: 0.1 ms buckets up to 100 ms, 1 ms buckets up to 10 s, one overflow
 * bucket. Recording allocates nothing; memory is about 88 KB whatever the sample count. Thread-safe.
 *
 * <pre>{@code
 * LatencyHistogram window = new LatencyHistogram();
 * window.record(latencyNanos);                       // on the hot path, for each frame
 * LatencyStats summary = window.stats();             // p50, p95, p99, max
 * double p999 = window.percentile(0.999);            // any other point of the distribution, in ms
 * everyone.add(window);                              // merge several into one
 * }</pre>
 */
public final class LatencyHistogram {
    private static final long FINE_NANOS = 100_000;          // 0.1 ms
    private static final int FINE_BUCKETS = 1_000;           // up to 100 ms
    private static final long COARSE_NANOS = 1_000_000;      // 1 ms
    private static final int COARSE_BUCKETS = 9_900;         // 100 ms .. 10 s

    private final long[] counts = new long[FINE_BUCKETS + COARSE_BUCKETS + 1];
    private long total;
    private long maxNanos;

    /**
     * Adds one sample; negative values (clock skew between machines) count as zero.
     *
     * @param nanos the latency in nanoseconds
     */
    public synchronized void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[bucketOf(value)]++;
        total++;
        maxNanos = Math.max(maxNanos, value);
    }

    private static int bucketOf(long nanos) {
        long fine = nanos / FINE_NANOS;
        if (fine < FINE_BUCKETS) {
            return (int) fine;
        }
        long coarse = (nanos - FINE_BUCKETS * FINE_NANOS) / COARSE_NANOS;
        return (int) Math.min(FINE_BUCKETS + coarse, FINE_BUCKETS + COARSE_BUCKETS);
    }

    /** Upper edge of a bucket, in milliseconds: a percentile is reported as "at most this". */
    private static double upperMillis(int bucket) {
        if (bucket < FINE_BUCKETS) {
            return (bucket + 1) * FINE_NANOS / 1e6;
        }
        return (FINE_BUCKETS * FINE_NANOS + (bucket - FINE_BUCKETS + 1) * COARSE_NANOS) / 1e6;
    }

    /** @return the percentiles of everything recorded since creation or the last {@link #reset()} */
    public synchronized LatencyStats stats() {
        if (total == 0) {
            return LatencyStats.EMPTY;
        }
        return new LatencyStats(total, percentile(0.50), percentile(0.95), percentile(0.99), maxNanos / 1e6);
    }

    /**
     * One point of the distribution, reported like {@link #stats()}: the upper edge of the bucket holding the
     * sample of that rank, but never more than the largest sample.
     *
     * @param fraction 0..1, e.g. 0.999 for the 99.9th percentile; 0 gives the smallest bucket that has a sample
     * @return the latency in milliseconds, or 0 if there are no samples
     * @throws IllegalArgumentException if {@code fraction} is not in 0..1
     */
    public synchronized double percentile(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in 0..1, got " + fraction);
        }
        if (total == 0) {
            return 0;
        }
        return Math.min(maxNanos / 1e6, bucketPercentile(fraction));
    }

    private double bucketPercentile(double fraction) {
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperMillis(i);
            }
        }
        return upperMillis(counts.length - 1);
    }

    /**
     * Adds every sample of {@code other} to this histogram (for example to merge several streams'). Reads a
     * copy of {@code other}'s counts, so the two are never locked together.
     *
     * @param other the histogram to add; unchanged
     */
    public void add(LatencyHistogram other) {
        long[] otherCounts;
        long otherTotal;
        long otherMax;
        synchronized (other) {
            otherCounts = other.counts.clone();
            otherTotal = other.total;
            otherMax = other.maxNanos;
        }
        synchronized (this) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += otherCounts[i];
            }
            total += otherTotal;
            maxNanos = Math.max(maxNanos, otherMax);
        }
    }

    /** Forgets every sample. */
    public synchronized void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        maxNanos = 0;
    }
}
