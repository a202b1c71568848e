package dev.vc.capture.internal;

/**
 * The time source and sleep primitive a {@link FramePacer} waits with; replaced by a simulated clock in
 * tests so pacing can be checked by counting frames rather than by measuring time.
 */
public interface PacingClock {
    /** @return a monotonic time in nanoseconds (only differences matter) */
    long nanoTime();

    /**
     * Sleeps for up to {@code nanos}; may return early (spuriously, or because of {@link #wake}).
     *
     * @param nanos the longest time to sleep, positive
     */
    void parkNanos(long nanos);

    /**
     * Ends a current or the next {@link #parkNanos} of {@code thread} early.
     *
     * @param thread the thread to wake
     */
    void wake(Thread thread);
}
