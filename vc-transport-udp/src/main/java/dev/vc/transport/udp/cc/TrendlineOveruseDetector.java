package dev.vc.transport.udp.cc;

/**
 * Delay-based over-use detection by trendline (draft-ietf-rmcat-gcc-02 §5.3-5.4 with libwebrtc's
 * {@code TrendlineEstimator}): accumulates the one-way delay variation between packet groups, smooths it,
 * fits a least-squares line to the last {@value #WINDOW_SIZE} points (smoothed delay over arrival time), and
 * compares the slope, scaled by the number of samples and a gain, against an adaptive threshold.
 *
 * <ul>
 *   <li>window {@value #WINDOW_SIZE}, smoothing {@value #SMOOTHING}, threshold gain {@value #THRESHOLD_GAIN};</li>
 *   <li>over-use when the modified trend stays above the threshold for more than
 *       {@value #OVERUSE_TIME_THRESHOLD_MS} ms over more than one sample and is not falling; under-use when it
 *       is below minus the threshold;</li>
 *   <li>the threshold starts at {@value #INITIAL_THRESHOLD} and follows {@code |trend|} at
 *       {@value #K_UP} per ms when below it and {@value #K_DOWN} per ms when above, clamped to
 *       [{@value #MIN_THRESHOLD}, {@value #MAX_THRESHOLD}], ignoring outliers more than
 *       {@value #MAX_ADAPT_OFFSET_MS} above.</li>
 * </ul>
 *
 * <p>Preallocated ring, no allocation per sample.
 *
 * <pre>{@code
 * TrendlineOveruseDetector detector = new TrendlineOveruseDetector();
 * detector.onDeltas(arrivalDeltaMicros, sendDeltaMicros, arrivalMicros);
 * BandwidthUsage usage = detector.state();
 * }</pre>
 */
final class TrendlineOveruseDetector {
    /** Points the line is fitted to (libwebrtc {@code kDefaultTrendlineWindowSize}). */
    public static final int WINDOW_SIZE = 20;
    /** Exponential smoothing of the accumulated delay ({@code kDefaultTrendlineSmoothingCoeff}). */
    public static final double SMOOTHING = 0.9;
    /** Gain applied to the slope before comparing ({@code kDefaultTrendlineThresholdGain}). */
    public static final double THRESHOLD_GAIN = 4.0;
    /** Threshold adaptation rate when the trend is above the threshold ({@code k_up_}). */
    public static final double K_UP = 0.0087;
    /** Threshold adaptation rate when the trend is below the threshold ({@code k_down_}). */
    public static final double K_DOWN = 0.039;
    /** How long the trend must stay above the threshold ({@code kOverUsingTimeThreshold}). */
    public static final double OVERUSE_TIME_THRESHOLD_MS = 10;
    /** Initial threshold. */
    public static final double INITIAL_THRESHOLD = 12.5;
    /** Threshold floor. */
    public static final double MIN_THRESHOLD = 6;
    /** Threshold ceiling. */
    public static final double MAX_THRESHOLD = 600;
    /** Trends further than this above the threshold do not move it ({@code kMaxAdaptOffsetMs}). */
    public static final double MAX_ADAPT_OFFSET_MS = 15;
    /** The slope is scaled by the number of samples up to this many ({@code kMinNumDeltas}). */
    static final int MIN_NUM_DELTAS = 60;
    private static final int DELTA_COUNTER_MAX = 1000;
    private static final double MAX_THRESHOLD_STEP_MS = 100;

    private final double[] pointX = new double[WINDOW_SIZE];
    private final double[] pointY = new double[WINDOW_SIZE];
    private int points;
    private int next;

    private int deltas;
    private long firstArrivalMicros = Long.MIN_VALUE;
    private double accumulatedDelay;
    private double smoothedDelay;
    private double trend;
    private double previousTrend;
    private double modifiedTrend;

    private double threshold = INITIAL_THRESHOLD;
    private long lastThresholdUpdateMicros = Long.MIN_VALUE;
    private double timeOverUsing = -1;
    private int overuseCounter;
    private BandwidthUsage state = BandwidthUsage.NORMAL;

    /**
     * Adds the deltas between two packet groups ({@link InterArrivalGrouper}).
     *
     * @param arrivalDeltaMicros arrival-time difference of the groups
     * @param sendDeltaMicros    send-time difference of the groups
     * @param arrivalMicros      arrival time of the newer group's last packet (receiver's clock, unwrapped)
     */
    public void onDeltas(long arrivalDeltaMicros, long sendDeltaMicros, long arrivalMicros) {
        double deltaMs = (arrivalDeltaMicros - sendDeltaMicros) / 1000.0;
        deltas = Math.min(deltas + 1, DELTA_COUNTER_MAX);
        if (firstArrivalMicros == Long.MIN_VALUE) {
            firstArrivalMicros = arrivalMicros;
        }
        accumulatedDelay += deltaMs;
        smoothedDelay = SMOOTHING * smoothedDelay + (1 - SMOOTHING) * accumulatedDelay;
        pointX[next] = (arrivalMicros - firstArrivalMicros) / 1000.0;
        pointY[next] = smoothedDelay;
        next = (next + 1) % WINDOW_SIZE;
        points = Math.min(points + 1, WINDOW_SIZE);
        if (points == WINDOW_SIZE) {
            double slope = fitSlope();
            if (!Double.isNaN(slope)) {
                trend = slope;
            }
        }
        detect(sendDeltaMicros / 1000.0, arrivalMicros);
    }

    /** @return the current conclusion */
    public BandwidthUsage state() {
        return state;
    }

    /** @return the last slope of the delay line (ms of delay per ms of arrival) */
    public double trend() {
        return trend;
    }

    /** @return the current adaptive threshold */
    public double threshold() {
        return threshold;
    }

    /** Forgets everything, as after a stream time-out. */
    public void reset() {
        points = 0;
        next = 0;
        deltas = 0;
        firstArrivalMicros = Long.MIN_VALUE;
        accumulatedDelay = 0;
        smoothedDelay = 0;
        trend = 0;
        previousTrend = 0;
        modifiedTrend = 0;
        threshold = INITIAL_THRESHOLD;
        lastThresholdUpdateMicros = Long.MIN_VALUE;
        timeOverUsing = -1;
        overuseCounter = 0;
        state = BandwidthUsage.NORMAL;
    }

    private double fitSlope() {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < WINDOW_SIZE; i++) {
            meanX += pointX[i];
            meanY += pointY[i];
        }
        meanX /= WINDOW_SIZE;
        meanY /= WINDOW_SIZE;
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < WINDOW_SIZE; i++) {
            double dx = pointX[i] - meanX;
            numerator += dx * (pointY[i] - meanY);
            denominator += dx * dx;
        }
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    private void detect(double sendDeltaMs, long nowMicros) {
        if (deltas < 2) {
            state = BandwidthUsage.NORMAL;
            return;
        }
        modifiedTrend = Math.min(deltas, MIN_NUM_DELTAS) * trend * THRESHOLD_GAIN;
        if (modifiedTrend > threshold) {
            if (timeOverUsing == -1) {
                // Assume the over-use started halfway between the last two samples.
                timeOverUsing = sendDeltaMs / 2;
            } else {
                timeOverUsing += sendDeltaMs;
            }
            overuseCounter++;
            if (timeOverUsing > OVERUSE_TIME_THRESHOLD_MS && overuseCounter > 1 && trend >= previousTrend) {
                timeOverUsing = 0;
                overuseCounter = 0;
                state = BandwidthUsage.OVERUSING;
            }
        } else if (modifiedTrend < -threshold) {
            timeOverUsing = -1;
            overuseCounter = 0;
            state = BandwidthUsage.UNDERUSING;
        } else {
            timeOverUsing = -1;
            overuseCounter = 0;
            state = BandwidthUsage.NORMAL;
        }
        previousTrend = trend;
        updateThreshold(modifiedTrend, nowMicros);
    }

    private void updateThreshold(double modified, long nowMicros) {
        if (lastThresholdUpdateMicros == Long.MIN_VALUE) {
            lastThresholdUpdateMicros = nowMicros;
        }
        if (Math.abs(modified) > threshold + MAX_ADAPT_OFFSET_MS) {
            lastThresholdUpdateMicros = nowMicros;       // a spike: do not let it move the threshold
            return;
        }
        double k = Math.abs(modified) < threshold ? K_DOWN : K_UP;
        double elapsedMs = Math.min((nowMicros - lastThresholdUpdateMicros) / 1000.0, MAX_THRESHOLD_STEP_MS);
        threshold += k * (Math.abs(modified) - threshold) * elapsedMs;
        threshold = Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold));
        lastThresholdUpdateMicros = nowMicros;
    }
}
