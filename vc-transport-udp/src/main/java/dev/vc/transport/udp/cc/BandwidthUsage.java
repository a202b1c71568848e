package dev.vc.transport.udp.cc;

/**
 * What the delay-based over-use detector (the package's trendline detector) concludes about the path: the
 * signal that drives the AIMD rate control, reported by {@link SendSideBandwidthEstimator#usage()} for
 * diagnostics.
 *
 * <pre>{@code
 * if (bwe.usage() == BandwidthUsage.OVERUSING) { overuseEvents.increment(); }
 * }</pre>
 */
public enum BandwidthUsage {
    /** Queueing delay is steady: the rate may grow. */
    NORMAL,
    /** Queueing delay is falling (a queue drains): hold the rate. */
    UNDERUSING,
    /** Queueing delay is growing: the rate exceeds the path's capacity and must come down. */
    OVERUSING
}
