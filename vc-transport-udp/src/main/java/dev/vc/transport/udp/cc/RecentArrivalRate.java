package dev.vc.transport.udp.cc;

/**
 * The rate packets arrived at over the last {@value #WINDOW_MICROS} µs of arrival time, in {@value #BUCKETS}
 * buckets of {@value #BUCKET_MICROS} µs. Where {@link AcknowledgedBitrateEstimator} trusts a sample less the further
 * it is from its estimate (so a sender that was using little for a while keeps a low acknowledged rate for a
 * while after it starts sending more), this one follows at once: when the path over-uses, what arrives while the
 * bottleneck's queue grows is the bottleneck's rate, and an over-use cut never goes below a share of it
 * ({@link AimdRateController}). A token bucket's burst allowance can pass more than the link's rate for a moment;
 * over half a second it adds at most the allowance over the window (10 KB: 160 kbit/s).
 *
 * <p>Preallocated buckets, nothing allocates. Not thread-safe ({@link SendSideBandwidthEstimator} synchronizes).
 *
 * <pre>{@code
 * RecentArrivalRate recent = new RecentArrivalRate();
 * recent.onArrival(arrivalMicros, sizeBytes);       // per acknowledged packet
 * double bps = recent.rateBps();                    // -1 while less than half a window is known
 * }</pre>
 */
final class RecentArrivalRate {
    /** One bucket's span of arrival time. */
    static final long BUCKET_MICROS = 50_000;
    /** Buckets in the window. */
    static final int BUCKETS = 10;
    /** The window. */
    static final long WINDOW_MICROS = BUCKET_MICROS * BUCKETS;

    private final long[] bucketIds = new long[BUCKETS];
    private final long[] bytes = new long[BUCKETS];
    private long firstArrival = Long.MIN_VALUE;
    private long latestArrival = Long.MIN_VALUE;

    RecentArrivalRate() {
        java.util.Arrays.fill(bucketIds, Long.MIN_VALUE);
    }

    /**
     * Adds one packet that arrived.
     *
     * @param arrivalMicros when (receiver's clock, unwrapped)
     * @param sizeBytes     its size
     */
    void onArrival(long arrivalMicros, int sizeBytes) {
        long id = Math.floorDiv(arrivalMicros, BUCKET_MICROS);
        int slot = (int) Math.floorMod(id, (long) BUCKETS);
        if (bucketIds[slot] != id) {
            if (id < bucketIds[slot]) {
                return;                                 // older than the window
            }
            bucketIds[slot] = id;
            bytes[slot] = 0;
        }
        bytes[slot] += sizeBytes;
        if (firstArrival == Long.MIN_VALUE) {
            firstArrival = arrivalMicros;
        }
        latestArrival = Math.max(latestArrival, arrivalMicros);
    }

    /** @return bit/s over the window ending at the latest arrival, or -1 while less than half a window is known */
    double rateBps() {
        return rateBps(WINDOW_MICROS);
    }

    /**
     * @param windowMicros how far back from the latest arrival, rounded up to whole buckets, at most
     *                     {@value #WINDOW_MICROS} µs
     * @return bit/s over that span, or -1 while less than half of it is known
     */
    double rateBps(long windowMicros) {
        if (latestArrival == Long.MIN_VALUE) {
            return -1;
        }
        int buckets = (int) Math.max(1, Math.min(BUCKETS, (windowMicros + BUCKET_MICROS - 1) / BUCKET_MICROS));
        long newest = Math.floorDiv(latestArrival, BUCKET_MICROS);
        long oldest = newest - buckets + 1;
        long sum = 0;
        for (int s = 0; s < BUCKETS; s++) {
            if (bucketIds[s] >= oldest && bucketIds[s] <= newest) {
                sum += bytes[s];
            }
        }
        long span = latestArrival - Math.max(firstArrival, oldest * BUCKET_MICROS);
        return span < buckets * BUCKET_MICROS / 2 ? -1 : sum * 8e6 / span;
    }
}
