package dev.vc.api.session;

/**
 * Percentiles of a latency distribution, in milliseconds.
 *
 * @param count number of samples
 * @param p50   median
 * @param p95   95th percentile
 * @param p99   99th percentile
 * @param max   largest sample
 */
public record LatencyStats(long count, double p50, double p95, double p99, double max) {
    /** No samples. */
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0);
}
