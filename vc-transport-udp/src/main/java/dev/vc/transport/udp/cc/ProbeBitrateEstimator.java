package dev.vc.transport.udp.cc;

/**
 * What a probe cluster measured (libwebrtc's {@code ProbeBitrateEstimator}): from the feedback about a
 * cluster's packets, the rate they left at (bytes over the send interval, the last packet's excluded) and the
 * rate they arrived at (bytes over the arrival interval, the first packet's excluded); the result is the lower
 * of the two. The cluster's last quarter (what arrived after three quarters of its planned bytes) is also measured
 * alone: a link with a burst allowance (a token bucket) lets the start of a cluster through at line rate, and only
 * what follows arrives at the link's rate; the shorter the tail measured, the less a cluster must overdraw the
 * bucket to be read right (a cluster too short to outlast the bucket reads high whatever is measured: so
 * {@link ProbeController} lets a result raise the estimate only a step at a time). The tail's arrival interval is
 * judged against the send interval of the same packets, not against the whole cluster's rate: a relay's cluster
 * counts the media it forwards meanwhile and sends padding only where the media leaves room, so its tail may leave
 * slower than its start (a frame's packets early, gaps later), and a tail that arrived exactly as it left found no
 * limit (the lab's traces showed such tails, read as saturated against the whole cluster's rate, ending the chains
 * that climb to a wider link). A
 * cluster counts once it was sent whole and at least {@value ProbeCluster#MIN_PACKETS} packets and
 * {@value #MIN_RECEIVED_RATIO} of them were reported received:
 *
 * <ul>
 *   <li>more than {@code 1 - }{@value #MIN_RECEIVED_RATIO} of it reported lost: the path lost what the probe
 *       added, so the cluster is ignored (a failure, never a result);</li>
 *   <li>an interval not above 0 or above {@value #MAX_INTERVAL_MICROS} µs, or a receive rate above
 *       {@value #MAX_VALID_RATIO} x the send rate (packets bunched on the way): ignored;</li>
 *   <li>a receive rate below {@value #MIN_RATIO_FOR_UNSATURATED_LINK} x the send rate, over the whole cluster or
 *       over its tail: the link was saturated, the result is {@value #TARGET_UTILIZATION} x the lowest receive rate
 *       that was (the tail's, where it saturated: the link's own rate once the bucket is drawn).</li>
 * </ul>
 *
 * <p>The last {@value #CLUSTERS} clusters are tracked in preallocated slots; nothing allocates. Not thread-safe
 * ({@link SendSideBandwidthEstimator} synchronizes).
 *
 * <pre>{@code
 * probes.onClusterStarted(id, cluster.bytes());
 * probes.onSent(id);  ...  probes.onClusterSent(id);       // as the sender sends it
 * probes.onReceived(id, sendMicros, arrivalMicros, size);    // per acknowledged probe packet, in arrival order
 * probes.onLost(id, 1);                                      // per probe packet reported lost
 * long bps = probes.evaluate(listener);                      // after each feedback message
 * }</pre>
 */
final class ProbeBitrateEstimator {
    /** Share of a cluster's packets that must be reported received ({@code kMinReceivedProbesRatio}). */
    static final double MIN_RECEIVED_RATIO = 0.8;
    /** Receive rate over send rate above which the measurement is not trusted ({@code kMaxValidRatio}). */
    static final double MAX_VALID_RATIO = 2.0;
    /** Receive over send rate below which the link is taken as saturated ({@code kMinRatioForUnsaturatedLink}). */
    static final double MIN_RATIO_FOR_UNSATURATED_LINK = 0.9;
    /** The share of a saturated link's receive rate taken ({@code kTargetUtilizationFraction}). */
    static final double TARGET_UTILIZATION = 0.95;
    /** Longest send or receive interval of a valid cluster ({@code kMaxProbeInterval}). */
    static final long MAX_INTERVAL_MICROS = 1_000_000;
    /** Clusters tracked at once. */
    static final int CLUSTERS = 8;
    /** Packets that must have arrived after a cluster's first three quarters for its tail to be measured alone. */
    static final int MIN_TAIL_PACKETS = 3;

    /** Told what each cluster came to. */
    interface Listener {
        /**
         * @param id         the cluster
         * @param bitrateBps what it measured, bit/s; 0 when it was ignored (lost, or not to be trusted)
         */
        void onProbeResult(int id, long bitrateBps);
    }

    private final int[] ids = new int[CLUSTERS];
    private final boolean[] sentWhole = new boolean[CLUSTERS];
    private final boolean[] done = new boolean[CLUSTERS];
    private final int[] sent = new int[CLUSTERS];
    private final int[] received = new int[CLUSTERS];
    private final int[] lost = new int[CLUSTERS];
    private final int[] evaluatedAt = new int[CLUSTERS];
    private final long[] bytes = new long[CLUSTERS];
    private final long[] firstSend = new long[CLUSTERS];
    private final long[] lastSend = new long[CLUSTERS];
    private final int[] lastSendSize = new int[CLUSTERS];
    private final long[] firstArrival = new long[CLUSTERS];
    private final long[] lastArrival = new long[CLUSTERS];
    private final int[] firstArrivalSize = new int[CLUSTERS];
    private final long[] tailFromBytes = new long[CLUSTERS];
    private final int[] receivedAtTail = new int[CLUSTERS];
    private final long[] bytesAtTail = new long[CLUSTERS];
    private final long[] tailArrival = new long[CLUSTERS];
    private final long[] tailSend = new long[CLUSTERS];

    /**
     * @param id           a new cluster, which takes the slot of the one {@value #CLUSTERS} before it
     * @param plannedBytes what the sender means to send in it ({@link ProbeCluster#bytes()}): its last quarter,
     *                     by arrival, is measured on its own too
     */
    void onClusterStarted(int id, long plannedBytes) {
        int s = slot(id);
        ids[s] = id;
        tailFromBytes[s] = Math.max(1, plannedBytes * 3 / 4);
        receivedAtTail[s] = -1;
        sentWhole[s] = false;
        done[s] = false;
        sent[s] = 0;
        received[s] = 0;
        lost[s] = 0;
        evaluatedAt[s] = 0;
        bytes[s] = 0;
        firstSend[s] = Long.MAX_VALUE;
        lastSend[s] = Long.MIN_VALUE;
        firstArrival[s] = Long.MAX_VALUE;
        lastArrival[s] = Long.MIN_VALUE;
    }

    /** @param id the cluster one more packet was sent in */
    void onSent(int id) {
        if (tracked(id)) {
            sent[slot(id)]++;
        }
    }

    /** @param id a cluster the sender has sent whole */
    void onClusterSent(int id) {
        if (tracked(id)) {
            sentWhole[slot(id)] = true;
        }
    }

    /**
     * One probe packet that feedback reports received (each packet once).
     *
     * @param id            its cluster
     * @param sendMicros    when it left (sender's clock)
     * @param arrivalMicros when it arrived (receiver's clock, unwrapped)
     * @param sizeBytes     its size
     */
    void onReceived(int id, long sendMicros, long arrivalMicros, int sizeBytes) {
        if (!tracked(id)) {
            return;
        }
        int s = slot(id);
        received[s]++;
        bytes[s] += sizeBytes;
        firstSend[s] = Math.min(firstSend[s], sendMicros);
        if (sendMicros >= lastSend[s]) {
            lastSend[s] = sendMicros;
            lastSendSize[s] = sizeBytes;
        }
        if (arrivalMicros < firstArrival[s]) {
            firstArrival[s] = arrivalMicros;
            firstArrivalSize[s] = sizeBytes;
        }
        lastArrival[s] = Math.max(lastArrival[s], arrivalMicros);
        if (receivedAtTail[s] < 0 && bytes[s] >= tailFromBytes[s]) {
            receivedAtTail[s] = received[s];
            bytesAtTail[s] = bytes[s];
            tailArrival[s] = arrivalMicros;
            tailSend[s] = sendMicros;
        }
    }

    /**
     * @param id    the cluster of a packet feedback reported lost, or (late) received after all
     * @param delta +1 for a loss, -1 for a packet that turned out late, not lost
     */
    void onLost(int id, int delta) {
        if (tracked(id)) {
            lost[slot(id)] += delta;
        }
    }

    /**
     * Concludes every cluster that has news: sent whole and now with enough reports.
     *
     * @param listener told of each cluster concluded or updated
     * @return the highest rate measured now, bit/s, or 0 if none
     */
    long evaluate(Listener listener) {
        long best = 0;
        for (int s = 0; s < CLUSTERS; s++) {
            if (ids[s] == ProbeCluster.NONE || done[s] || !sentWhole[s]) {
                continue;
            }
            if (lost[s] > sent[s] - Math.ceil(MIN_RECEIVED_RATIO * sent[s])) {
                done[s] = true;                            // the path lost what the probe added
                listener.onProbeResult(ids[s], 0);
                continue;
            }
            if (received[s] < ProbeCluster.MIN_PACKETS || received[s] < MIN_RECEIVED_RATIO * sent[s]
                    || received[s] == evaluatedAt[s]) {
                continue;
            }
            evaluatedAt[s] = received[s];
            done[s] = received[s] >= sent[s];
            long bps = measure(s);
            listener.onProbeResult(ids[s], bps);
            best = Math.max(best, bps);
        }
        return best;
    }

    private long measure(int s) {
        long sendInterval = lastSend[s] - firstSend[s];
        long receiveInterval = lastArrival[s] - firstArrival[s];
        if (sendInterval <= 0 || sendInterval > MAX_INTERVAL_MICROS
                || receiveInterval <= 0 || receiveInterval > MAX_INTERVAL_MICROS) {
            return 0;
        }
        double sendBps = (bytes[s] - lastSendSize[s]) * 8e6 / sendInterval;
        double receiveBps = (bytes[s] - firstArrivalSize[s]) * 8e6 / receiveInterval;
        if (receiveBps > MAX_VALID_RATIO * sendBps) {
            return 0;
        }
        double tailBps = saturatedTailBps(s);
        if (receiveBps < MIN_RATIO_FOR_UNSATURATED_LINK * sendBps || tailBps < Double.MAX_VALUE) {
            return (long) (TARGET_UTILIZATION * Math.min(receiveBps, tailBps));
        }
        return (long) Math.min(sendBps, receiveBps);
    }

    /**
     * @return the tail's receive rate, bit/s, if it arrived over more than 1 / {@value
     *         #MIN_RATIO_FOR_UNSATURATED_LINK} x the time its packets took to leave (the link was saturated by then);
     *         otherwise, with fewer than {@value #MIN_TAIL_PACKETS} packets after it began, or for a tail that left
     *         at once (one send time: arrivals spread by the feedback's 250 µs steps would read as a link),
     *         {@code Double.MAX_VALUE}
     */
    private double saturatedTailBps(int s) {
        long tailInterval = lastArrival[s] - tailArrival[s];
        long tailSendInterval = lastSend[s] - tailSend[s];
        if (receivedAtTail[s] < 0 || received[s] - receivedAtTail[s] < MIN_TAIL_PACKETS || tailInterval <= 0
                || tailSendInterval <= 0 || tailSendInterval >= MIN_RATIO_FOR_UNSATURATED_LINK * tailInterval) {
            return Double.MAX_VALUE;
        }
        return (bytes[s] - bytesAtTail[s]) * 8e6 / tailInterval;
    }

    private boolean tracked(int id) {
        return id != ProbeCluster.NONE && ids[slot(id)] == id;
    }

    private static int slot(int id) {
        return Math.floorMod(id, CLUSTERS);
    }
}
