package dev.vc.transport.udp.cc;

/**
 * The bounds a send-side estimator works within: it starts at {@code startBps} and never leaves
 * {@code [minBps, maxBps]}.
 *
 * <pre>{@code
 * var estimator = new SendSideBandwidthEstimator(new BitrateLimits(50_000, 600_000, 5_000_000));
 * var defaults = BitrateLimits.DEFAULT;     // 30 kbit/s, 300 kbit/s, 20 Mbit/s
 * }</pre>
 *
 * @param minBps   lowest target, bit/s (above 0)
 * @param startBps first target, before any feedback, bit/s
 * @param maxBps   highest target, bit/s
 */
public record BitrateLimits(long minBps, long startBps, long maxBps) {
    /** libwebrtc's usual start (300 kbit/s) between a 30 kbit/s floor and a 20 Mbit/s ceiling. */
    public static final BitrateLimits DEFAULT = new BitrateLimits(30_000, 300_000, 20_000_000);

    /**
     * @param minBps   lowest target, bit/s
     * @param startBps first target, bit/s
     * @param maxBps   highest target, bit/s
     * @throws IllegalArgumentException unless {@code 0 < minBps <= startBps <= maxBps}
     */
    public BitrateLimits {
        if (minBps <= 0 || minBps > startBps || startBps > maxBps) {
            throw new IllegalArgumentException("need 0 < min <= start <= max: " + minBps + ", " + startBps + ", "
                    + maxBps);
        }
    }
}
