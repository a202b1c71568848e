package dev.vc.relay;

/**
 * Logs the failures a relay thread survives (a bug that one datagram or one round of work ran into), at most once
 * per {@link #INTERVAL_NANOS} with the number left out since the last, so a failure that repeats with every
 * packet cannot flood the log or slow the thread. Each record names what failed and carries the exception; vc's
 * exceptions never hold a key, secret or packet payload. One thread only.
 */
final class FailureLog {
    /** The least time between two records. */
    static final long INTERVAL_NANOS = 60_000_000_000L;

    private final System.Logger log;
    private final String what;
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    /**
     * @param log  where records go
     * @param what what failed, e.g. "media datagram"
     */
    FailureLog(System.Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /**
     * Notes one failure; logs it unless another was logged within the interval.
     *
     * @param failure  what was thrown
     * @param nowNanos {@link System#nanoTime()}
     */
    void failed(RuntimeException failure, long nowNanos) {
        if (logged && nowNanos - lastNanos < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        log.log(System.Logger.Level.ERROR, what + " failed, dropped and going on (" + suppressed
                + " more such failures since the last record)", failure);
        logged = true;
        lastNanos = nowNanos;
        suppressed = 0;
    }
}
