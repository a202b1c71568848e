package dev.vc.transport.udp.cc;

/**
 * The delay-based half of send-side GCC (libwebrtc's {@code DelayBasedBwe}): acknowledged packets go through
 * {@link InterArrivalGrouper} into {@link TrendlineOveruseDetector}; after each feedback message the
 * detector's state and the acknowledged rate drive {@link AimdRateController}. While over-use persists the
 * rate is cut again only when {@link AimdRateController#isTimeToReduceFurther} allows; before any rate that
 * arrived is known (acknowledged, or the last half second's arrivals), over-use halves the rate. A stream silent
 * for {@value #STREAM_TIMEOUT_MICROS} µs starts the grouping and detection afresh.
 *
 * <p><b>A standing queue is over-use too.</b> The trendline sees a queue while it grows, not once it stands: a
 * rate a few percent over a link's capacity fills its queue too slowly for the trendline's threshold, and a
 * drop-tail queue that has filled stops growing (its excess is dropped). So when every packet acknowledged over
 * the last {@value #STANDING_SPAN_MICROS} µs waited at least {@value #STANDING_QUEUE_MICROS} µs
 * ({@link QueueingDelay#standingMicros}; a keyframe's burst drains within that span, a standing queue does not),
 * the rate is cut as on over-use, and deeper the longer the queue: to {@code (1 - queue / }
 * {@value #DRAIN_MICROS}{@code  µs)} x the rate that arrived (at most {@link AimdRateController#BETA}, at least
 * half), which drains it within about a second.
 *
 * <pre>{@code
 * DelayBasedBandwidthEstimator delay = new DelayBasedBandwidthEstimator(300_000, 30_000, 10_000_000);
 * // per feedback message: its acknowledged packets in arrival order, then one update
 * delay.onPacket(sendMicros, arrivalMicros, sizeBytes, nowMicros);
 * long bps = delay.update(acknowledgedBps, recentArrivalBps, standingQueueMicros, nowMicros);
 * }</pre>
 */
final class DelayBasedBandwidthEstimator {
    /** Silence after which grouping and detection restart ({@code kStreamTimeOut}). */
    public static final long STREAM_TIMEOUT_MICROS = 2_000_000;
    /** A queue every packet waited at least this long in, over {@link #STANDING_SPAN_MICROS}, is over-use. */
    public static final long STANDING_QUEUE_MICROS = 60_000;
    /** How long a queue must stand before it counts. */
    public static final long STANDING_SPAN_MICROS = 500_000;
    /** A standing queue is cut to drain within about this long. */
    public static final long DRAIN_MICROS = 1_000_000;

    private final InterArrivalGrouper grouper = new InterArrivalGrouper();
    private final TrendlineOveruseDetector detector = new TrendlineOveruseDetector();
    private final AimdRateController rateController;
    private long lastPacketMicros = Long.MIN_VALUE;
    private boolean standing;

    /**
     * @param startBps the rate to start from
     * @param minBps   the rate never to go below
     * @param maxBps   the rate never to go above
     */
    public DelayBasedBandwidthEstimator(long startBps, long minBps, long maxBps) {
        rateController = new AimdRateController(startBps, minBps, maxBps);
    }

    /**
     * Adds one acknowledged packet.
     *
     * @param sendMicros    when it was sent (sender's clock)
     * @param arrivalMicros when it arrived (receiver's clock, unwrapped across feedback messages)
     * @param sizeBytes     its size
     * @param nowMicros     when the feedback arrived (sender's clock)
     */
    public void onPacket(long sendMicros, long arrivalMicros, int sizeBytes, long nowMicros) {
        if (lastPacketMicros == Long.MIN_VALUE || nowMicros - lastPacketMicros > STREAM_TIMEOUT_MICROS) {
            grouper.reset();
            detector.reset();
        }
        lastPacketMicros = nowMicros;
        if (grouper.onPacket(sendMicros, arrivalMicros, nowMicros, sizeBytes)) {
            detector.onDeltas(grouper.arrivalDeltaMicros(), grouper.sendDeltaMicros(), arrivalMicros);
        }
    }

    /**
     * Updates the rate after a feedback message's packets were added.
     *
     * @param acknowledgedBps the acknowledged rate ({@link AcknowledgedBitrateEstimator}), negative if unknown
     * @param recentBps       the rate of the last half second's arrivals ({@link RecentArrivalRate}), negative if
     *                        unknown: an over-use cuts from the higher of the two, since a bottleneck whose queue
     *                        grows passes its own rate, however little the acknowledged rate says was used before;
     *                        otherwise the rate grows to at most 1.5 x the lower of the two (plus 10 kbit/s), so it
     *                        does not grow while the sender uses far less than the acknowledged rate still says
     * @param standingQueueMicros the least any packet waited over {@link #STANDING_SPAN_MICROS}
     *                        ({@link QueueingDelay#standingMicros}), 0 if unknown
     * @param nowMicros       the current time (sender's clock)
     * @return the delay-based estimate in bit/s
     */
    public long update(double acknowledgedBps, double recentBps, long standingQueueMicros, long nowMicros) {
        standing = standingQueueMicros >= STANDING_QUEUE_MICROS;
        BandwidthUsage usage = usage();
        if (usage == BandwidthUsage.OVERUSING) {
            double throughput = Math.max(acknowledgedBps, recentBps);
            if (throughput >= 0) {
                if (rateController.isTimeToReduceFurther(nowMicros, throughput)) {
                    double backoff = standing
                            ? Math.min(AimdRateController.BETA, 1.0 - (double) standingQueueMicros / DRAIN_MICROS)
                            : AimdRateController.BETA;
                    rateController.update(usage, throughput, backoff, nowMicros);
                }
            } else if (rateController.isTimeToReduceFurther(nowMicros, rateController.rateBps() / 2.0 - 1)) {
                rateController.setRate(rateController.rateBps() / 2.0, nowMicros);
            }
        } else {
            rateController.update(usage, usedBps(acknowledgedBps, recentBps), nowMicros);
        }
        return rateController.rateBps();
    }

    /**
     * What the path is being used at, for the increase's limit: the lower of the acknowledged and the recent rate.
     * The acknowledged rate trusts a sample the less the further it lies from its estimate, so after the sender
     * falls far below it (a relay that moved a receiver to a small layer when its link narrowed) it stays high for
     * seconds, and the rate would grow on a path nothing tests, to be spent at once when a larger layer comes back.
     */
    private static double usedBps(double acknowledgedBps, double recentBps) {
        return acknowledgedBps >= 0 && recentBps >= 0 ? Math.min(acknowledgedBps, recentBps) : acknowledgedBps;
    }

    /**
     * Raises the estimate to what a probe measured, unless the detector says over-use; never lowers it.
     *
     * @param probeBps  the probe's result, bit/s
     * @param nowMicros the current time
     * @return the delay-based estimate in bit/s
     */
    public long raiseTo(long probeBps, long nowMicros) {
        if (usage() != BandwidthUsage.OVERUSING) {
            rateController.raiseTo(probeBps, nowMicros);
        }
        return rateController.rateBps();
    }

    /**
     * Lowers the estimate (when feedback stopped coming); never raises it.
     *
     * @param bps       the new rate
     * @param nowMicros the current time
     * @return the delay-based estimate in bit/s
     */
    public long lowerTo(long bps, long nowMicros) {
        if (bps < rateController.rateBps()) {
            rateController.setRate(bps, nowMicros);
        }
        return rateController.rateBps();
    }

    /** @param rttMicros the current round-trip time */
    public void setRoundTripTime(long rttMicros) {
        rateController.setRoundTripTime(rttMicros);
    }

    /**
     * @return whether the rate is near the link capacity it converged to at the last over-use (the rate control
     *         increases additively there), rather than searching for one
     */
    public boolean isNearLinkCapacity() {
        return rateController.isNearConvergence();
    }

    /** @return the delay-based estimate in bit/s */
    public long rateBps() {
        return rateController.rateBps();
    }

    /** @return the detector's current state, or over-use while a queue stands */
    public BandwidthUsage usage() {
        return standing ? BandwidthUsage.OVERUSING : detector.state();
    }
}
