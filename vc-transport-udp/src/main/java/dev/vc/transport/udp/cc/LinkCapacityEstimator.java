package dev.vc.transport.udp.cc;

/**
 * The link capacity {@link AimdRateController} believes it has converged to: an exponential average of the
 * acknowledged rate at each over-use, with a normalised deviation (libwebrtc {@code LinkCapacityEstimator}).
 * Near the estimate (within 3 deviations) the rate grows additively; far from it, or before any over-use,
 * multiplicatively.
 */
final class LinkCapacityEstimator {
    private static final double OVERUSE_ALPHA = 0.05;
    private static final double MIN_DEVIATION = 0.4;
    private static final double MAX_DEVIATION = 2.5;

    private boolean hasEstimate;
    private double estimateKbps;
    private double deviationKbps = MIN_DEVIATION;

    boolean hasEstimate() {
        return hasEstimate;
    }

    double estimateBps() {
        return estimateKbps * 1000;
    }

    double upperBoundBps() {
        return hasEstimate ? (estimateKbps + 3 * deviation()) * 1000 : Double.POSITIVE_INFINITY;
    }

    double lowerBoundBps() {
        return hasEstimate ? Math.max(0, estimateKbps - 3 * deviation()) * 1000 : 0;
    }

    void reset() {
        hasEstimate = false;
    }

    void onOveruse(double acknowledgedBps) {
        double sampleKbps = acknowledgedBps / 1000;
        if (!hasEstimate) {
            estimateKbps = sampleKbps;
            hasEstimate = true;
        } else {
            estimateKbps = (1 - OVERUSE_ALPHA) * estimateKbps + OVERUSE_ALPHA * sampleKbps;
        }
        double norm = Math.max(estimateKbps, 1.0);
        double error = estimateKbps - sampleKbps;
        deviationKbps = (1 - OVERUSE_ALPHA) * deviationKbps + OVERUSE_ALPHA * error * error / norm;
        deviationKbps = Math.max(MIN_DEVIATION, Math.min(MAX_DEVIATION, deviationKbps));
    }

    private double deviation() {
        return Math.sqrt(deviationKbps * estimateKbps);
    }
}
