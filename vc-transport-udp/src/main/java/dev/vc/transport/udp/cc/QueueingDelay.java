package dev.vc.transport.udp.cc;

/**
 * How long the path's bottleneck holds packets now: each acknowledged packet's one-way delay (arrival on the
 * receiver's clock less departure on the sender's, the clocks' unknown offset included) less the smallest such
 * delay of the last {@value #BUCKETS} seconds of send time (kept per second, so the base follows a clock drift or
 * a changed route). Where the trendline ({@link TrendlineOveruseDetector}) needs several feedback intervals to see a
 * growing queue through its noise, this says at once that a drop-tail queue has filled by hundreds of
 * milliseconds; with {@link #growthMicros} it tells a surge (a link that narrowed under a sender still sending
 * the old rate: the delay climbs as fast as time passes, or faster) from a keyframe's burst (a step of one
 * frame's worth, then draining); with {@link #standingMicros} it tells a queue that stays (every packet of every
 * message over a span waited at least that long) from one that comes and goes.
 *
 * <p>Preallocated, nothing allocates. Not thread-safe ({@link SendSideBandwidthEstimator} synchronizes).
 *
 * <pre>{@code
 * QueueingDelay queue = new QueueingDelay();
 * queue.onPacket(sendMicros, arrivalMicros);        // per acknowledged packet, in arrival order
 * queue.onMessage(nowMicros);                       // after each feedback message
 * long q = queue.delayMicros();                     // 0 until a packet was acknowledged
 * long grown = queue.growthMicros(100_000);         // q now less q at the last message at least 100 ms before
 * long standing = queue.standingMicros(500_000);    // the least any packet waited over the last 500 ms
 * }</pre>
 */
final class QueueingDelay {
    /** One bucket of the base delay's window, in send time. */
    static final long BUCKET_MICROS = 1_000_000;
    /** Buckets: the base delay is the smallest of the last this many seconds. */
    static final int BUCKETS = 10;
    /** Feedback messages remembered for {@link #growthMicros}. */
    static final int HISTORY = 32;

    private final long[] bucketIds = new long[BUCKETS];
    private final long[] bucketMin = new long[BUCKETS];
    private final long[] historyAt = new long[HISTORY];
    private final long[] historyDelay = new long[HISTORY];
    /** Per remembered message: the least one-way delay of its packets (raw, the base not yet taken off). */
    private final long[] historyLeast = new long[HISTORY];
    private long messageLeast = Long.MAX_VALUE;
    private int historyNext;
    private int historyCount;
    private long latest = Long.MIN_VALUE;

    QueueingDelay() {
        java.util.Arrays.fill(bucketIds, Long.MIN_VALUE);
    }

    /**
     * Adds one acknowledged packet.
     *
     * @param sendMicros    when it left (sender's clock)
     * @param arrivalMicros when it arrived (receiver's clock, unwrapped)
     */
    void onPacket(long sendMicros, long arrivalMicros) {
        long delay = arrivalMicros - sendMicros;
        long id = Math.floorDiv(sendMicros, BUCKET_MICROS);
        int slot = (int) Math.floorMod(id, (long) BUCKETS);
        if (bucketIds[slot] != id) {
            if (id < bucketIds[slot]) {
                return;                                 // older than the window
            }
            bucketIds[slot] = id;
            bucketMin[slot] = delay;
        } else {
            bucketMin[slot] = Math.min(bucketMin[slot], delay);
        }
        latest = delay;
        messageLeast = Math.min(messageLeast, delay);
    }

    /**
     * Notes the queueing delay at the end of a feedback message, for {@link #growthMicros}.
     *
     * @param nowMicros when the message was taken (sender's clock)
     */
    void onMessage(long nowMicros) {
        if (latest == Long.MIN_VALUE) {
            return;
        }
        historyAt[historyNext] = nowMicros;
        historyDelay[historyNext] = delayMicros();
        historyLeast[historyNext] = messageLeast;
        messageLeast = Long.MAX_VALUE;
        historyNext = (historyNext + 1) % HISTORY;
        historyCount = Math.min(HISTORY, historyCount + 1);
    }

    /** @return the latest acknowledged packet's one-way delay above the window's smallest, µs; 0 before any */
    long delayMicros() {
        if (latest == Long.MIN_VALUE) {
            return 0;
        }
        return Math.max(0, latest - base());
    }

    /**
     * @param spanMicros the span, back from the last message
     * @return the least queueing delay of any packet in the messages taken over the last {@code spanMicros}
     *         (messages without packets skipped), µs: above 0 only if the queue never emptied in that span; 0 while
     *         the remembered messages do not cover the span
     */
    long standingMicros(long spanMicros) {
        if (historyCount < 2) {
            return 0;
        }
        int last = Math.floorMod(historyNext - 1, HISTORY);
        long least = Long.MAX_VALUE;
        for (int k = 1; k <= historyCount; k++) {
            int i = Math.floorMod(historyNext - k, HISTORY);
            least = Math.min(least, historyLeast[i]);
            if (historyAt[last] - historyAt[i] >= spanMicros) {
                return least == Long.MAX_VALUE ? 0 : Math.max(0, least - base());
            }
        }
        return 0;
    }

    /** The smallest one-way delay of the window's buckets. */
    private long base() {
        long newest = Long.MIN_VALUE;
        for (long id : bucketIds) {
            newest = Math.max(newest, id);
        }
        long base = Long.MAX_VALUE;
        for (int i = 0; i < BUCKETS; i++) {
            if (bucketIds[i] != Long.MIN_VALUE && newest - bucketIds[i] < BUCKETS) {
                base = Math.min(base, bucketMin[i]);
            }
        }
        return base;
    }

    /**
     * @param spanMicros how far back to compare, at least
     * @return the queueing delay at the last message less that at the latest message taken at least
     *         {@code spanMicros} before it, µs (negative while the queue drains); 0 without two such messages
     */
    long growthMicros(long spanMicros) {
        if (historyCount < 2) {
            return 0;
        }
        int last = Math.floorMod(historyNext - 1, HISTORY);
        for (int k = 2; k <= historyCount; k++) {
            int i = Math.floorMod(historyNext - k, HISTORY);
            if (historyAt[last] - historyAt[i] >= spanMicros) {
                return historyDelay[last] - historyDelay[i];
            }
        }
        return 0;
    }
}
