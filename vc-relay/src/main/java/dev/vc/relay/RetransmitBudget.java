package dev.vc.relay;

/**
 * What the relay may resend to one receiver from its caches in answer to that receiver's NACKs: a share of the
 * relay's estimate of the receiver's downlink ({@link MemberCongestion#downlinkBudgetBps()}: the estimator's start
 * value before the receiver's first feedback), never less than a floor, so that answering a lossy receiver cannot
 * crowd out its media on the link that loses them, and a hostile receiver gets no more than its own link's worth.
 * A token bucket with half a second of burst at the current rate; media thread only, allocates nothing.
 *
 * <pre>{@code
 * if (receiver.retransmitBudget.tryConsume(length, receiver.congestion.downlinkBudgetBps(), now)) send(...);
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
        this.limiter = new BitrateLimiter(rateFor(MemberCongestion.DOWNLINK_LIMITS.startBps()), nowNanos);
    }

    /**
     * @param downlinkBps what the receiver's downlink is taken to carry, bit/s
     * @return the rate the receiver may be resent at
     */
    long rateFor(long downlinkBps) {
        return Math.max(floorBps, downlinkBps / 100 * sharePercent);
    }

    /**
     * Spends the budget on one retransmission if it fits, after following the estimate.
     *
     * @return true if {@code bytes} may be resent now
     */
    boolean tryConsume(int bytes, long downlinkBps, long nowNanos) {
        long rate = rateFor(downlinkBps);
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
