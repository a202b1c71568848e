package dev.vc.transport.udp.cc;

/**
 * Decides when to probe the path and at what rate (after libwebrtc's {@code ProbeController}). The delay-based
 * estimate only grows to 1.5 x the rate that is acknowledged, so a sender that uses less than it could (a
 * simulcast layer paused, capacity that came back) would never find the capacity it does not use; a probe
 * cluster sends padding at a higher rate for a moment, and what arrives raises the estimate
 * ({@link ProbeBitrateEstimator}).
 *
 * <ul>
 *   <li>At start (once feedback flows): two clusters, at {@value #FIRST_INITIAL_SCALE} x and
 *       {@value #SECOND_INITIAL_SCALE} x the start rate, at most the highest rate.</li>
 *   <li>Later, while the sender wants more than the estimate ({@link #setWantedBitrateBps}) and no over-use was
 *       seen for {@value #QUIET_AFTER_OVERUSE_MICROS} µs: one cluster at {@value #PERIODIC_SCALE} x the estimate
 *       (at most the wanted rate), as long as the constructor says (a sender that can pace without waiting gives
 *       {@value #LONG_DURATION_MICROS} µs, so a link's burst allowance passes less of it for its rate), at most every
 *       {@value #INTERVAL_MICROS} µs, whatever the last one found: capacity that comes back is found within the
 *       interval. A cluster the link's burst allowance let through reads high and is followed by an over-use, which
 *       holds the next one off for {@value #QUIET_AFTER_OVERUSE_MICROS} µs; waiting longer after such failures (up to
 *       10 s, doubling) kept the lab's 2.5 Mbit/s phase from its capacity for 5-10 s after a 1 Mbit/s one, and the
 *       small steps below bound what a fooled cluster costs.</li>
 *   <li><b>One step at a time</b>: the results of the latest cluster (each feedback message may bring one) raise
 *       the estimate to at most {@link #maxRaisedBps()}, the estimate the cluster was sent at times
 *       {@value #FIRST_STEP} for a cluster that starts a chain, {@value #FURTHER_STEP} for a further one, or
 *       {@value #FIRST_STEP} again while the estimate is still within the bounds of the link capacity the rate
 *       control converged to at its last over-use (near a capacity the path showed, the step past it is the
 *       overshoot a fooled cluster costs: a 10 KB burst allowance hides a whole cluster at 600 kbit/s; once the
 *       acknowledged rate leaves those bounds the capacity is searched for again and the steps grow)
 *       ({@link SendSideBandwidthEstimator} applies it); a chain's first cluster that arrived slower than it left
 *       steps {@value #FURTHER_STEP} x too: a link that saturated measured mostly its own rate (a bucket lets only
 *       part of such a cluster through at line rate, so not the whole measurement can be trusted). A cluster
 *       shorter than a link's burst allowance reads the rate it was sent at, whatever the link's capacity, and
 *       only a cluster that overdraws the bucket by its whole size reads right: a price in queue (10 KB is 80 ms at
 *       1 Mbit/s) paid on every cluster. Capped, a cluster the bucket let through costs a small step's overshoot
 *       until the delay detector sees it (about what the additive increase would have tried anyway); capacity
 *       that is really there is climbed by further clusters, a larger step each, a round trip apart.</li>
 *   <li><b>Further probing</b> (libwebrtc's {@code kFurtherProbeThreshold}): a cluster whose result reaches
 *       {@value #FURTHER_PROBE_THRESHOLD} x the rate it was sent at found the path carries that much, so the next
 *       one, at {@value #PERIODIC_SCALE} x the result (at most twice the estimate and at most the wanted rate), is
 *       due at once while the estimate is below the wanted rate, unless an over-use was seen since; capacity that
 *       came back is climbed in doublings, one round trip each, instead of the delay-based estimate's few percent
 *       a second. libwebrtc's threshold is 0.7; vc's is the
 *       {@link ProbeBitrateEstimator}'s line between an unsaturated and a saturated link: a cluster that arrived
 *       slower than it left found the link full, and a further one at twice that would only overdraw it.</li>
 * </ul>
 *
 * <p>Pure: times in µs from the caller, nothing allocates but the clusters it hands out. Not thread-safe
 * ({@link SendSideBandwidthEstimator} synchronizes).
 *
 * <pre>{@code
 * ProbeController probes = new ProbeController(limits, ProbeCluster.MIN_DURATION_MICROS);
 * probes.setWantedBitrateBps(2_500_000);
 * ProbeCluster cluster = probes.poll(nowMicros, estimateBps, lastOveruseMicros, false);   // null: nothing to send
 * }</pre>
 */
final class ProbeController implements ProbeBitrateEstimator.Listener {
    /** The first initial cluster, over the start rate. */
    static final double FIRST_INITIAL_SCALE = 3.0;
    /** The second initial cluster, over the start rate. */
    static final double SECOND_INITIAL_SCALE = 6.0;
    /** A later cluster, over the estimate. */
    static final double PERIODIC_SCALE = 2.0;
    /**
     * Least time between two later clusters (libwebrtc's periodic probes come every 5 s): capacity that came back is
     * found within it, and on a 2.5 Mbit/s link that followed a 1 Mbit/s one the lab's utilisation rose from 71-85 %
     * to 82-88 % with 3 s, the queue no worse (docs/benchmarks.md).
     */
    static final long INTERVAL_MICROS = 3_000_000;
    /** A later cluster's duration for a sender that paces clusters without waiting (the relay). */
    public static final long LONG_DURATION_MICROS = 40_000;
    /** The most the result of a chain's first cluster raises the estimate by, as a factor. */
    static final double FIRST_STEP = 1.1;
    /** The most the result of a further cluster raises the estimate by, as a factor. */
    static final double FURTHER_STEP = 1.25;
    /** What a result must reach, over its cluster's rate, for a further cluster at once. */
    static final double FURTHER_PROBE_THRESHOLD = ProbeBitrateEstimator.MIN_RATIO_FOR_UNSATURATED_LINK;
    /** How long after an over-use no cluster is sent. */
    static final long QUIET_AFTER_OVERUSE_MICROS = 3_000_000;
    /**
     * An estimate that falls below this share of the one before fell far (libwebrtc's {@code kBitrateDropThreshold}).
     */
    static final double LARGE_DROP_RATIO = 0.66;
    /**
     * The least the path must have carried at a large drop, as a share of the estimate before it, for the drop to be
     * an over-shoot rather than a path that narrowed (the relay's surge rule, {@code MemberCongestion}).
     */
    static final double CARRIED_AT_DROP_SHARE = 0.6;
    /** A recovery cluster's rate, over the estimate before the drop (libwebrtc's {@code kProbeFractionAfterDrop}). */
    static final double RECOVERY_FRACTION = 0.85;
    /** How long after a large drop a recovery cluster may still follow (libwebrtc's {@code kBitrateDropTimeout}). */
    static final long RECOVERY_WINDOW_MICROS = 5_000_000;
    /** Least time between two recovery clusters (libwebrtc's {@code kMinTimeBetweenAlrProbes}). */
    static final long RECOVERY_SPACING_MICROS = 5_000_000;

    private final BitrateLimits limits;
    private final long midCallDurationMicros;
    private long wantedBps;
    private int nextId = 1;
    private int initialSent;
    private long lastProbeMicros;
    /** The cluster whose results may call for a further one, {@link ProbeCluster#NONE} when none may. */
    private int leadId;
    private long leadRateBps;
    private long furtherRateBps;
    private long maxRaisedBps;
    /** The estimate the lead cluster was sent at (its saturated result may raise it a larger step). */
    private long sentAtEstimateBps;
    private long clusters;
    /** The estimate before the latest large drop that looked like an over-shoot, 0 when none is pending. */
    private long beforeDropBps;
    private long dropMicros;
    private boolean recoveryDue;
    private long lastRecoveryMicros = Long.MIN_VALUE / 2;
    private long recoveries;

    /**
     * @param limits                the start rate (initial clusters) and the highest (no cluster above it)
     * @param midCallDurationMicros how long a later cluster lasts, at least {@link ProbeCluster#MIN_DURATION_MICROS}
     */
    ProbeController(BitrateLimits limits, long midCallDurationMicros) {
        this.limits = limits;
        this.midCallDurationMicros = Math.max(ProbeCluster.MIN_DURATION_MICROS, midCallDurationMicros);
    }

    /** @param bps the most the sender would use now; 0 or less: never probe beyond the initial clusters */
    void setWantedBitrateBps(long bps) {
        wantedBps = bps;
    }

    /** @return the rate stated by {@link #setWantedBitrateBps} */
    long wantedBitrateBps() {
        return wantedBps;
    }

    /**
     * @param nowMicros         the current time
     * @param estimateBps       the current estimate
     * @param lastOveruseMicros when the detector last said over-use, {@code Long.MIN_VALUE} if never
     * @param nearCapacity      whether the estimate is within the bounds of the link capacity the rate control
     *                          converged to at its last over-use ({@link AimdRateController#isNearConvergence()}):
     *                          a further cluster then steps only {@value #FIRST_STEP} x
     * @return the cluster to send now, or null
     */
    ProbeCluster poll(long nowMicros, long estimateBps, long lastOveruseMicros, boolean nearCapacity) {
        if (initialSent < 2) {
            double scale = initialSent == 0 ? FIRST_INITIAL_SCALE : SECOND_INITIAL_SCALE;
            initialSent++;
            lastProbeMicros = nowMicros;
            maxRaisedBps = (long) (FURTHER_STEP * estimateBps);
            return next((long) Math.min(limits.maxBps(), scale * limits.startBps()), ProbeCluster.MIN_DURATION_MICROS);
        }
        if (recoveryDue) {
            recoveryDue = false;
            long rate = Math.min(limits.maxBps(), (long) (RECOVERY_FRACTION * beforeDropBps));
            if (wantedBps > 0) {
                rate = Math.min(rate, wantedBps);
            }
            beforeDropBps = 0;
            if (rate > estimateBps) {
                return recovery(nowMicros, estimateBps, rate);
            }
        }
        boolean overusedSinceProbe = lastOveruseMicros != Long.MIN_VALUE && lastOveruseMicros >= lastProbeMicros;
        if (furtherRateBps > 0) {
            long rate = Math.min(furtherRateBps, Math.min(limits.maxBps(), wantedBps));
            furtherRateBps = 0;
            if (!overusedSinceProbe && worthProbing(rate, estimateBps)) {
                return laterCluster(nowMicros, estimateBps, Math.min(rate, (long) (PERIODIC_SCALE * estimateBps)),
                        nearCapacity ? FIRST_STEP : FURTHER_STEP);
            }
        }
        if (wantedBps <= estimateBps || nowMicros - lastProbeMicros < INTERVAL_MICROS
                || (lastOveruseMicros != Long.MIN_VALUE && nowMicros - lastOveruseMicros < QUIET_AFTER_OVERUSE_MICROS)) {
            return null;
        }
        long rate = Math.min(limits.maxBps(), Math.min(wantedBps, (long) (PERIODIC_SCALE * estimateBps)));
        if (!worthProbing(rate, estimateBps)) {
            return null;
        }
        return laterCluster(nowMicros, estimateBps, rate, FIRST_STEP);
    }

    /**
     * The estimate fell below {@value #LARGE_DROP_RATIO} x what it was (libwebrtc's large drop). If the path still
     * carried at least {@value #CARRIED_AT_DROP_SHARE} x the estimate before it, the drop answered an over-shoot
     * (a probe-raised estimate the media met, cut to 0.85 x an acknowledged rate that lagged behind a ramp, far
     * below the capacity the path had just shown) and a recovery cluster may follow ({@link #onRecovered}); a path
     * that narrowed carries its new capacity, far less, and gets none.
     *
     * @param beforeBps  the estimate before the drop
     * @param carriedBps what the path carried just before the drop, bit/s, or -1 if unknown (then: none)
     */
    void onLargeDrop(long nowMicros, long beforeBps, long carriedBps) {
        boolean overShoot = carriedBps >= CARRIED_AT_DROP_SHARE * beforeBps;
        beforeDropBps = overShoot ? Math.max(beforeBps, beforeDropBps) : 0;
        dropMicros = nowMicros;
    }

    /**
     * The delay detector came back to normal after the queue that made it over-use drained (libwebrtc's
     * {@code RequestProbe} on {@code recovered_from_overuse}): within {@value #RECOVERY_WINDOW_MICROS} µs of an
     * over-shoot's drop, and at most once per {@value #RECOVERY_SPACING_MICROS} µs, the next {@link #poll} hands out
     * one cluster at {@value #RECOVERY_FRACTION} x the estimate before the drop, whose result may raise the estimate
     * up to that rate at once instead of the additive increase's few percent a second. It asks for no further
     * cluster: if the path does not carry it, the drop was real.
     */
    void onRecovered(long nowMicros) {
        if (beforeDropBps > 0 && nowMicros - dropMicros < RECOVERY_WINDOW_MICROS
                && nowMicros - lastRecoveryMicros >= RECOVERY_SPACING_MICROS) {
            recoveryDue = true;
        }
    }

    /** @return recovery clusters handed out */
    long recoveries() {
        return recoveries;
    }

    private ProbeCluster recovery(long nowMicros, long estimateBps, long rate) {
        recoveries++;
        lastRecoveryMicros = nowMicros;
        lastProbeMicros = nowMicros;
        maxRaisedBps = rate;
        leadId = ProbeCluster.NONE;
        furtherRateBps = 0;
        return next(rate, midCallDurationMicros);
    }

    /**
     * Whether a later cluster at {@code rate} could find anything: at least {@value #FIRST_STEP} x the estimate, the
     * smallest step its results may raise it by. Without that rule a sender whose estimate sat a hair below its
     * highest rate sent a further cluster at that rate after every feedback message, each passing and calling for
     * the next: padding without end, for nothing the additive increase would not find anyway.
     */
    private static boolean worthProbing(long rate, long estimateBps) {
        return rate >= FIRST_STEP * estimateBps;
    }

    /**
     * A later cluster, whose results may call for a further one: the estimate it is sent at and the step its results
     * may raise it by.
     */
    private ProbeCluster laterCluster(long nowMicros, long estimateBps, long rate, double step) {
        sentAtEstimateBps = estimateBps;
        maxRaisedBps = Math.min((long) (step * estimateBps), rate);
        lastProbeMicros = nowMicros;
        ProbeCluster cluster = next(rate, midCallDurationMicros);
        leadId = cluster.id();
        leadRateBps = rate;
        return cluster;
    }

    @Override
    public void onProbeResult(int id, long bitrateBps) {
        if (id != leadId) {
            return;
        }
        if (bitrateBps >= FURTHER_PROBE_THRESHOLD * leadRateBps) {
            furtherRateBps = (long) (PERIODIC_SCALE * bitrateBps);
            leadId = ProbeCluster.NONE;               // one further cluster per cluster
        } else if (bitrateBps > 0) {                    // saturated: mostly the link's own rate, a larger step
            maxRaisedBps = Math.max(maxRaisedBps, Math.min(leadRateBps, (long) (FURTHER_STEP * sentAtEstimateBps)));
        }
    }

    /**
     * @return the highest estimate the latest cluster's results may raise it to, bit/s: a step above the estimate it
     *         was sent at ({@value #FURTHER_STEP} x for the initial clusters and for a cluster that saturated the
     *         link), and never above the rate a later cluster was sent at: media forwarded during a cluster counts
     *         towards it, so a keyframe's burst can make it read more than it was asked to test, which the path
     *         has not shown it carries
     */
    long maxRaisedBps() {
        return maxRaisedBps;
    }

    /** @return clusters handed out */
    long clusters() {
        return clusters;
    }

    private ProbeCluster next(long rate, long durationMicros) {
        clusters++;
        ProbeCluster cluster = new ProbeCluster(nextId, rate, durationMicros);
        nextId = nextId == Integer.MAX_VALUE ? 1 : nextId + 1;
        return cluster;
    }
}
