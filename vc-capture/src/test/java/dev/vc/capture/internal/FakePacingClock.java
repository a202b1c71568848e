package dev.vc.capture.internal;

/** A simulated {@link PacingClock}: time moves only when someone parks or calls {@link #advance}. */
final class FakePacingClock implements PacingClock {
    private long now = 1_000_000_000L;
    private int parks;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void parkNanos(long nanos) {
        parks++;
        now += nanos;
    }

    @Override
    public void wake(Thread thread) {
        // nothing sleeps for real
    }

    void advance(long nanos) {
        now += nanos;
    }

    int parks() {
        return parks;
    }
}
