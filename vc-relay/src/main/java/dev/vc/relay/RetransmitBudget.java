package dev.vc.relay;

/**
 * What the relay may resend to one receiver from its caches in answer to that receiver's NACKs: a share of the
 * relay's estimate of the receiver's downlink ({@link MemberCongestion#downlinkEstimateBps()}), never less than a
 * floor, so that answering a lossy receiver cannot crowd out its media on the link that loses them, and a hostile
 * receiver gets no more than its own link's worth. Before the receiver's first estimate, the estimator's start value
 * ({@link MemberCongestion#DOWNLINK_LIMITS}) counts. A token bucket with half a second of burst at the current rate;
 * media thread only, allocates nothing.
 *
 * <pre>{@code
 * if (receiver.retransmitBudget.tryConsume(length, receiver.congestion.downlinkEstimateBps(), now)) send(...);
 * }</pre>
 */
final class RetransmitBudget {
    private final int sharePercent;
    private final long floorBps;
    private final BitrateLimiter limiter;

    /**
     * @param sharePercent share of the downlink estimate, 1..100
     * @param floorBps     the least rate, bit/s
     * @param nowNanos     {@link System#nanoTime()} now
     */
    RetransmitBudget(int sharePercent, long floorBps, long nowNanos) {
        this.sharePercent = sharePercent;
        this.floorBps = floorBps;
        this.limiter = new BitrateLimiter(rateFor(-1), nowNanos);
    }

    /**
     * @param downlinkEstimateBps the receiver's downlink estimate, or -1 if none yet
     * @return the rate the receiver may be resent at
     */
    long rateFor(long downlinkEstimateBps) {
        long base = downlinkEstimateBps < 0 ? MemberCongestion.DOWNLINK_LIMITS.startBps() : downlinkEstimateBps;
        return Math.max(floorBps, base / 100 * sharePercent);
    }

    /**
     * Spends the budget on one retransmission if it fits, after following the estimate.
     *
     * @return true if {@code bytes} may be resent now
     */
    boolean tryConsume(int bytes, long downlinkEstimateBps, long nowNanos) {
        long rate = rateFor(downlinkEstimateBps);
        if (rate != limiter.rate()) {
            limiter.rate(rate, nowNanos);
        }
        return limiter.tryConsume(bytes, nowNanos);
    }

    /** @return the rate in force, bit/s */
    long rateBps() {
        return limiter.rate();
    }
}
