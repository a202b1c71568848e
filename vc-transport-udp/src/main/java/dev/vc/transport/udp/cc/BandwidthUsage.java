package dev.vc.transport.udp.cc;

/**
 * What the delay-based over-use detector ({@link TrendlineOveruseDetector}) concludes about the path: the
 * signal that drives {@link AimdRateController}.
 *
 * <pre>{@code
 * if (detector.state() == BandwidthUsage.OVERUSING) { ... }
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
