package dev.vc.transport.udp.cc;

/**
 * Loss-based bounds on the send rate (draft-ietf-rmcat-gcc-02 §6, libwebrtc's classic
 * {@code SendSideBandwidthEstimation}): packet loss is measured over at least {@value #MIN_PACKETS_PER_LOSS}
 * packets; then
 *
 * <ul>
 *   <li>loss at most {@value #LOW_LOSS} (2 %): the rate may grow to 1.08 x the lowest rate of the last second
 *       + 1 kbit/s (about 8 % a second);</li>
 *   <li>loss between 2 % and {@value #HIGH_LOSS} (10 %): hold;</li>
 *   <li>loss above 10 %: cut to {@code rate x (1 - 0.5 x loss)}, at most once per
 *       {@value #DECREASE_INTERVAL_MICROS} µs + RTT.</li>
 * </ul>
 *
 * <p>The rate never exceeds the upper limit the caller passes (the delay-based estimate): the final target is
 * the lower of the two. During the first {@value #START_PHASE_MICROS} µs without loss it follows the upper
 * limit up at once. The one-second minimum history is a preallocated ring; nothing allocates per call.
 *
 * <pre>{@code
 * LossBasedBandwidthEstimator loss = new LossBasedBandwidthEstimator(300_000, 30_000, 10_000_000);
 * loss.onPacketResults(lost, expected, nowMicros);   // per feedback
 * long target = loss.update(delayBasedBps, nowMicros);
 * }</pre>
 */
final class LossBasedBandwidthEstimator {
    /** Loss fraction at or below which the rate may grow. */
    public static final double LOW_LOSS = 0.02;
    /** Loss fraction above which the rate is cut. */
    public static final double HIGH_LOSS = 0.10;
    /** Packets a loss fraction is computed over, at least ({@code kLimitNumPackets}). */
    public static final int MIN_PACKETS_PER_LOSS = 20;
    /** Window of the minimum the increase starts from ({@code kBweIncreaseInterval}). */
    public static final long INCREASE_INTERVAL_MICROS = 1_000_000;
    /** Least time between two loss cuts, plus one RTT ({@code kBweDecreaseInterval}). */
    public static final long DECREASE_INTERVAL_MICROS = 300_000;
    /** Start phase in which the delay-based estimate is followed up at once ({@code kStartPhase}). */
    public static final long START_PHASE_MICROS = 2_000_000;
    /** Loss reports older than this no longer drive changes (1.2 x {@code kMaxRtcpFeedbackInterval}). */
    public static final long LOSS_REPORT_TIMEOUT_MICROS = 6_000_000;
    private static final int HISTORY = 64;

    private final double minBps;
    private final double maxBps;
    private double currentBps;
    private double upperLimitBps = Double.POSITIVE_INFINITY;

    private long lostAccumulated;
    private long expectedAccumulated;
    private int lastFractionLossQ8;
    private boolean hasDecreasedSinceLastLoss;
    private long firstReportMicros = Long.MIN_VALUE;
    private long lastLossReportMicros = Long.MIN_VALUE;
    private long lastDecreaseMicros = Long.MIN_VALUE;
    private long rttMicros = AimdRateController.DEFAULT_RTT_MICROS;

    private final long[] historyTime = new long[HISTORY];
    private final double[] historyBps = new double[HISTORY];
    private int historyHead;
    private int historySize;

    /**
     * @param startBps the rate to start from
     * @param minBps   the rate never to go below
     * @param maxBps   the rate never to go above
     */
    public LossBasedBandwidthEstimator(long startBps, long minBps, long maxBps) {
        if (minBps <= 0 || minBps > maxBps || startBps < minBps || startBps > maxBps) {
            throw new IllegalArgumentException("need 0 < min <= start <= max: " + minBps + ", " + startBps + ", "
                    + maxBps);
        }
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.currentBps = startBps;
    }

    /**
     * Accumulates packet results from one feedback message; once {@value #MIN_PACKETS_PER_LOSS} packets are
     * together, they make a new loss fraction.
     *
     * @param lost      packets newly reported lost (may be negative when late packets were recovered)
     * @param expected  packets newly reported, lost or received
     * @param nowMicros the current time
     */
    public void onPacketResults(long lost, long expected, long nowMicros) {
        if (expected <= 0) {
            return;
        }
        if (firstReportMicros == Long.MIN_VALUE) {
            firstReportMicros = nowMicros;
        }
        lostAccumulated += lost;
        expectedAccumulated += expected;
        if (expectedAccumulated < MIN_PACKETS_PER_LOSS) {
            return;
        }
        hasDecreasedSinceLastLoss = false;
        long lostQ8 = Math.max(lostAccumulated, 0) << 8;
        lastFractionLossQ8 = (int) Math.min(lostQ8 / expectedAccumulated, 255);
        lostAccumulated = 0;
        expectedAccumulated = 0;
        lastLossReportMicros = nowMicros;
    }

    /** @param rttMicros the current round-trip time, which spaces the loss cuts */
    public void setRoundTripTime(long rttMicros) {
        if (rttMicros > 0) {
            this.rttMicros = rttMicros;
        }
    }

    /**
     * Recomputes the loss-based rate.
     *
     * @param upperLimitBps the delay-based estimate (or any other cap), {@code Long.MAX_VALUE} for none
     * @param nowMicros     the current time
     * @return the new loss-based rate, at most {@code upperLimitBps} and within the min/max bounds
     */
    public long update(long upperLimitBps, long nowMicros) {
        this.upperLimitBps = upperLimitBps;
        if (lastFractionLossQ8 == 0 && inStartPhase(nowMicros)) {
            double candidate = upperLimitBps == Long.MAX_VALUE
                    ? currentBps : Math.max(currentBps, Math.min(upperLimitBps, maxBps));
            if (candidate != currentBps) {
                historySize = 0;
                pushHistory(nowMicros, currentBps);
                setRate(candidate);
                return rateBps();
            }
        }
        updateHistory(nowMicros);
        if (lastLossReportMicros == Long.MIN_VALUE) {
            setRate(currentBps);                        // no loss report yet: only apply the limits
            return rateBps();
        }
        if (nowMicros - lastLossReportMicros < LOSS_REPORT_TIMEOUT_MICROS) {
            double loss = lastFractionLossQ8 / 256.0;
            if (loss <= LOW_LOSS) {
                setRate(historyBps[historyHead] * 1.08 + 0.5 + 1_000);
                return rateBps();
            }
            if (loss > HIGH_LOSS && !hasDecreasedSinceLastLoss
                    && (lastDecreaseMicros == Long.MIN_VALUE
                        || nowMicros - lastDecreaseMicros >= DECREASE_INTERVAL_MICROS + rttMicros)) {
                lastDecreaseMicros = nowMicros;
                hasDecreasedSinceLastLoss = true;
                setRate(currentBps * (512 - lastFractionLossQ8) / 512.0);
                return rateBps();
            }
        }
        setRate(currentBps);
        return rateBps();
    }

    /**
     * Raises the rate to what a probe measured (libwebrtc's {@code SetSendBitrate}), forgetting the lower rates of
     * the last second, which would otherwise pull it back; never lowers it.
     *
     * @param bps       the probe's result, within the min/max bounds
     * @param nowMicros the current time
     */
    public void raiseTo(long bps, long nowMicros) {
        double raised = Math.max(minBps, Math.min(maxBps, bps));
        if (raised > currentBps) {
            currentBps = raised;
            historySize = 0;
            pushHistory(nowMicros, currentBps);
        }
    }

    /**
     * Lowers the rate (when feedback stopped coming: {@link SendSideBandwidthEstimator#FEEDBACK_TIMEOUT_MICROS}),
     * forgetting the higher rates of the last second; never raises it.
     *
     * @param bps       the new rate, within the min/max bounds
     * @param nowMicros the current time
     */
    public void lowerTo(long bps, long nowMicros) {
        double lowered = Math.max(minBps, Math.min(maxBps, bps));
        if (lowered < currentBps) {
            currentBps = lowered;
            historySize = 0;
            pushHistory(nowMicros, currentBps);
        }
    }

    /** @return the current loss-based rate in bit/s */
    public long rateBps() {
        return (long) currentBps;
    }

    /** @return the last measured loss fraction, 0..1 (in 1/256 steps) */
    public double lossFraction() {
        return lastFractionLossQ8 / 256.0;
    }

    private boolean inStartPhase(long nowMicros) {
        return firstReportMicros == Long.MIN_VALUE || nowMicros - firstReportMicros < START_PHASE_MICROS;
    }

    private void setRate(double bps) {
        double capped = Math.min(bps, Math.min(upperLimitBps, maxBps));
        currentBps = Math.max(capped, minBps);
    }

    /** Sliding-window minimum of the rate over the last second (the oldest entry is the minimum). */
    private void updateHistory(long nowMicros) {
        while (historySize > 0
                && nowMicros - historyTime[historyHead] + 1_000 > INCREASE_INTERVAL_MICROS) {
            historyHead = (historyHead + 1) % HISTORY;
            historySize--;
        }
        while (historySize > 0 && currentBps <= historyBps[(historyHead + historySize - 1) % HISTORY]) {
            historySize--;
        }
        if (historySize == HISTORY) {                   // full: drop the oldest, keeping memory bounded
            historyHead = (historyHead + 1) % HISTORY;
            historySize--;
        }
        pushHistory(nowMicros, currentBps);
    }

    private void pushHistory(long nowMicros, double bps) {
        if (historySize == 0) {
            historyHead = 0;
        }
        int at = (historyHead + historySize) % HISTORY;
        historyTime[at] = nowMicros;
        historyBps[at] = bps;
        historySize++;
    }
}
