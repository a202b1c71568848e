package dev.vc.api.session;

/**
 * A fixed-size latency histogram: 0.1 ms buckets up to 100 ms, 1 ms buckets up to 10 s, one overflow
 * bucket. Recording allocates nothing; memory is about 44 KB whatever the sample count. Thread-safe.
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
        double max = maxNanos / 1e6;
        return new LatencyStats(total, Math.min(max, percentile(0.50)), Math.min(max, percentile(0.95)),
                Math.min(max, percentile(0.99)), max);
    }

    private double percentile(double fraction) {
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperMillis(i);
            }
        }
        return upperMillis(counts.length - 1);
    }

    /** Forgets every sample. */
    public synchronized void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        maxNanos = 0;
    }
}
