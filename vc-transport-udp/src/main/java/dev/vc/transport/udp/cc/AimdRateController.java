package dev.vc.transport.udp.cc;

/**
 * Additive-increase / multiplicative-decrease rate control driven by the over-use signal
 * (draft-ietf-rmcat-gcc-02 §5.5, libwebrtc's {@code AimdRateControl}).
 *
 * <ul>
 *   <li>{@link BandwidthUsage#OVERUSING}: decrease to {@value #BETA} x the acknowledged rate (not below what
 *       it is now would raise it: then {@value #BETA} x the link capacity estimate), remember that rate as a
 *       link capacity sample, then hold;</li>
 *   <li>{@link BandwidthUsage#UNDERUSING}: hold (a queue drains);</li>
 *   <li>{@link BandwidthUsage#NORMAL}: increase. Far from the link capacity estimate (or before the first
 *       over-use) multiplicatively, {@value #MULTIPLICATIVE_INCREASE_PER_SECOND} per second; near it
 *       additively, about one packet per response time ({@code 2 x (RTT + 100 ms)}), at least
 *       {@value #MIN_ADDITIVE_INCREASE_BPS_PER_SECOND} bit/s per second. Never above 1.5 x the acknowledged
 *       rate + 10 kbit/s, so a sender that does not use its rate does not inflate it.</li>
 * </ul>
 *
 * <p>All rates in bit/s, times in µs from the caller; nothing is read from a clock.
 *
 * <pre>{@code
 * AimdRateController aimd = new AimdRateController(300_000, 30_000, 10_000_000);
 * long rate = aimd.update(BandwidthUsage.NORMAL, acknowledgedBps, nowMicros);
 * }</pre>
 */
final class AimdRateController {
    /** Multiplicative decrease factor ({@code kDefaultBackoffFactor}). */
    public static final double BETA = 0.85;
    /** Multiplicative increase per second far from convergence. */
    public static final double MULTIPLICATIVE_INCREASE_PER_SECOND = 1.08;
    /** Floor of the additive increase ({@code kMinIncreaseRateBpsPerSecond}). */
    public static final double MIN_ADDITIVE_INCREASE_BPS_PER_SECOND = 4_000;
    /** RTT assumed until one is known ({@code kDefaultRtt}). */
    public static final long DEFAULT_RTT_MICROS = 200_000;
    private static final double FRAME_INTERVAL_SECONDS = 1.0 / 30;
    private static final double PACKET_BYTES = 1200;
    private static final double DETECTOR_DELAY_SECONDS = 0.1;

    private enum Phase { HOLD, INCREASE, DECREASE }

    private final LinkCapacityEstimator linkCapacity = new LinkCapacityEstimator();
    private final double minBps;
    private final double maxBps;
    private double currentBps;
    private double latestAcknowledgedBps;
    private Phase phase = Phase.HOLD;
    private long lastChangeMicros = Long.MIN_VALUE;
    private long rttMicros = DEFAULT_RTT_MICROS;

    /**
     * @param startBps the rate to start from
     * @param minBps   the rate never to go below
     * @param maxBps   the rate never to go above
     */
    public AimdRateController(long startBps, long minBps, long maxBps) {
        if (minBps <= 0 || minBps > maxBps || startBps < minBps || startBps > maxBps) {
            throw new IllegalArgumentException("need 0 < min <= start <= max: " + minBps + ", " + startBps + ", "
                    + maxBps);
        }
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.currentBps = startBps;
        this.latestAcknowledgedBps = startBps;
    }

    /**
     * Applies one detector conclusion.
     *
     * @param usage           the detector's state
     * @param acknowledgedBps the acknowledged rate, or a negative value if not known yet
     * @param nowMicros       the current time (sender's clock)
     * @return the new rate
     */
    public long update(BandwidthUsage usage, double acknowledgedBps, long nowMicros) {
        return update(usage, acknowledgedBps, BETA, nowMicros);
    }

    /**
     * Applies one detector conclusion, with the decrease factor given: a standing queue is drained by cutting
     * deeper than {@value #BETA} x the acknowledged rate (the link carries that rate and must also carry away what
     * waits).
     *
     * @param usage           the detector's state
     * @param acknowledgedBps the acknowledged rate, or a negative value if not known yet
     * @param backoff         on over-use, the rate becomes this x the acknowledged rate, 0.5..{@value #BETA}
     * @param nowMicros       the current time (sender's clock)
     * @return the new rate
     */
    public long update(BandwidthUsage usage, double acknowledgedBps, double backoff, long nowMicros) {
        double throughput = acknowledgedBps >= 0 ? acknowledgedBps : latestAcknowledgedBps;
        if (acknowledgedBps >= 0) {
            latestAcknowledgedBps = acknowledgedBps;
        }
        switch (usage) {
            case NORMAL -> {
                if (phase == Phase.HOLD) {
                    lastChangeMicros = nowMicros;
                    phase = Phase.INCREASE;
                }
            }
            case OVERUSING -> phase = Phase.DECREASE;
            case UNDERUSING -> phase = Phase.HOLD;
        }
        double next = currentBps;
        switch (phase) {
            case HOLD -> { }
            case INCREASE -> {
                if (throughput > linkCapacity.upperBoundBps()) {
                    linkCapacity.reset();               // far above what we converged to: search again
                }
                double limit = 1.5 * throughput + 10_000;
                if (currentBps < limit) {
                    double increase = linkCapacity.hasEstimate()
                            ? additiveIncrease(nowMicros)
                            : multiplicativeIncrease(nowMicros);
                    next = Math.min(currentBps + increase, limit);
                }
                lastChangeMicros = nowMicros;
            }
            case DECREASE -> {
                double decreased = Math.max(0.5, Math.min(BETA, backoff)) * throughput;
                if (decreased > currentBps && linkCapacity.hasEstimate() && backoff >= BETA) {
                    decreased = BETA * linkCapacity.estimateBps();
                }
                if (decreased < currentBps) {
                    next = decreased;                   // never increase on over-use
                }
                if (throughput < linkCapacity.lowerBoundBps()) {
                    linkCapacity.reset();               // far below what we converged to
                }
                linkCapacity.onOveruse(throughput);
                phase = Phase.HOLD;                     // until the queue has drained
                lastChangeMicros = nowMicros;
            }
        }
        currentBps = clamp(next);
        return (long) currentBps;
    }

    /**
     * Whether a continuing over-use should cut the rate again: a round trip (clamped to 10-200 ms) has passed
     * since the last change, or the acknowledged rate fell below half the current rate.
     *
     * @param nowMicros       the current time
     * @param acknowledgedBps the acknowledged rate, negative if unknown
     * @return whether to cut again now
     */
    public boolean isTimeToReduceFurther(long nowMicros, double acknowledgedBps) {
        long interval = Math.max(10_000, Math.min(200_000, rttMicros));
        if (lastChangeMicros == Long.MIN_VALUE || nowMicros - lastChangeMicros >= interval) {
            return true;
        }
        return acknowledgedBps >= 0 && acknowledgedBps < 0.5 * currentBps;
    }

    /**
     * Sets the rate directly (e.g. halved on over-use before any acknowledged rate is known).
     *
     * @param bps       the new rate, clamped to the bounds
     * @param nowMicros the current time
     */
    public void setRate(double bps, long nowMicros) {
        currentBps = clamp(bps);
        lastChangeMicros = nowMicros;
    }

    /**
     * Raises the rate to what a probe measured (libwebrtc's {@code SetEstimate} on a probe result); a probe never
     * lowers it.
     *
     * @param bps       the measured rate, clamped to the bounds
     * @param nowMicros the current time
     */
    public void raiseTo(double bps, long nowMicros) {
        if (bps > currentBps) {
            setRate(bps, nowMicros);
        }
    }

    /** @param rttMicros the current round-trip time, which paces the additive increase and repeated cuts */
    public void setRoundTripTime(long rttMicros) {
        if (rttMicros > 0) {
            this.rttMicros = rttMicros;
        }
    }

    /** @return the current rate in bit/s */
    public long rateBps() {
        return (long) currentBps;
    }

    /** @return whether the rate grows additively, having converged near a link capacity estimate */
    public boolean isNearConvergence() {
        return linkCapacity.hasEstimate();
    }

    private double multiplicativeIncrease(long nowMicros) {
        double alpha = MULTIPLICATIVE_INCREASE_PER_SECOND;
        if (lastChangeMicros != Long.MIN_VALUE) {
            double seconds = Math.min((nowMicros - lastChangeMicros) / 1e6, 1.0);
            alpha = Math.pow(alpha, Math.max(0, seconds));
        }
        return Math.max(currentBps * (alpha - 1.0), 1_000);
    }

    private double additiveIncrease(long nowMicros) {
        double seconds = lastChangeMicros == Long.MIN_VALUE ? 0 : Math.max(0, (nowMicros - lastChangeMicros) / 1e6);
        return nearMaxIncreaseBpsPerSecond() * seconds;
    }

    private double nearMaxIncreaseBpsPerSecond() {
        double frameBytes = currentBps / 8 * FRAME_INTERVAL_SECONDS;
        double packetsPerFrame = Math.ceil(frameBytes / PACKET_BYTES);
        double packetBytes = frameBytes / Math.max(1, packetsPerFrame);
        double responseSeconds = 2 * (rttMicros / 1e6 + DETECTOR_DELAY_SECONDS);
        return Math.max(MIN_ADDITIVE_INCREASE_BPS_PER_SECOND, packetBytes * 8 / responseSeconds);
    }

    private double clamp(double bps) {
        return Math.max(minBps, Math.min(maxBps, bps));
    }
}
