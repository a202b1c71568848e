package dev.vc.transport.udp.cc;

/**
 * The rate at which the receiver actually got the sender's packets, from the sizes and arrival times of the
 * packets feedback acknowledged (libwebrtc's {@code AcknowledgedBitrateEstimator} and
 * {@code BitrateEstimator}). Bytes are summed over windows of arrival time ({@value #INITIAL_WINDOW_MICROS}
 * µs for the first sample, {@value #WINDOW_MICROS} µs after); each window's rate is merged into a Bayesian
 * estimate whose trust in a sample falls with the sample's distance from the estimate
 * ({@value #UNCERTAINTY_SCALE} x relative distance), so one odd window moves it little while a lasting change
 * moves it within a few windows. {@link AimdRateController} cuts to a fraction of this rate on over-use.
 *
 * <pre>{@code
 * AcknowledgedBitrateEstimator acked = new AcknowledgedBitrateEstimator();
 * acked.onAcknowledged(arrivalMicros, sizeBytes);      // per acknowledged packet, in arrival order
 * double bps = acked.rateBps();                        // negative until the first window closed
 * }</pre>
 */
final class AcknowledgedBitrateEstimator {
    /** Window of the first sample ({@code kInitialRateWindowMs}). */
    public static final long INITIAL_WINDOW_MICROS = 500_000;
    /** Window of later samples ({@code kRateWindowMs}). */
    public static final long WINDOW_MICROS = 150_000;
    /** How much a sample's distance from the estimate adds to its uncertainty. */
    public static final double UNCERTAINTY_SCALE = 10.0;
    private static final double INITIAL_VARIANCE = 50;
    private static final double VARIANCE_GROWTH = 5;

    private long sumBytes;
    private long currentWindowMicros;
    private long previousMicros = Long.MIN_VALUE;
    private double estimateKbps = -1;
    private double varianceKbps = INITIAL_VARIANCE;

    /**
     * Adds one acknowledged packet.
     *
     * @param arrivalMicros when it arrived (receiver's clock, unwrapped)
     * @param sizeBytes     its size
     */
    public void onAcknowledged(long arrivalMicros, int sizeBytes) {
        long window = estimateKbps < 0 ? INITIAL_WINDOW_MICROS : WINDOW_MICROS;
        double sampleKbps = updateWindow(arrivalMicros, sizeBytes, window);
        if (sampleKbps < 0) {
            return;
        }
        if (estimateKbps < 0) {
            estimateKbps = sampleKbps;
            return;
        }
        double uncertainty = UNCERTAINTY_SCALE * Math.abs(estimateKbps - sampleKbps) / estimateKbps;
        double sampleVariance = uncertainty * uncertainty;
        double predictedVariance = varianceKbps + VARIANCE_GROWTH;
        estimateKbps = (sampleVariance * estimateKbps + predictedVariance * sampleKbps)
                / (sampleVariance + predictedVariance);
        varianceKbps = sampleVariance * predictedVariance / (sampleVariance + predictedVariance);
    }

    /** @return the acknowledged rate in bit/s, or -1 before the first window closed */
    public double rateBps() {
        return estimateKbps < 0 ? -1 : estimateKbps * 1000;
    }

    private double updateWindow(long nowMicros, int bytes, long windowMicros) {
        if (previousMicros != Long.MIN_VALUE && nowMicros < previousMicros) {
            previousMicros = Long.MIN_VALUE;            // time went backwards: start over
            sumBytes = 0;
            currentWindowMicros = 0;
        }
        if (previousMicros != Long.MIN_VALUE) {
            currentWindowMicros += nowMicros - previousMicros;
            if (nowMicros - previousMicros > windowMicros) {
                sumBytes = 0;                           // silent for a whole window
                currentWindowMicros %= windowMicros;
            }
        }
        previousMicros = nowMicros;
        double sampleKbps = -1;
        if (currentWindowMicros >= windowMicros) {
            sampleKbps = 8.0 * sumBytes / (windowMicros / 1000.0);
            currentWindowMicros -= windowMicros;
            sumBytes = 0;
        }
        sumBytes += bytes;
        return sampleKbps;
    }
}
