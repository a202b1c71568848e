package dev.vc.capture.internal;

import java.util.concurrent.locks.LockSupport;

/** The real {@link PacingClock}: {@link System#nanoTime()} and {@link LockSupport} parking (allocation-free). */
public final class SystemPacingClock implements PacingClock {
    /** Creates the clock; it holds no state. */
    public SystemPacingClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void parkNanos(long nanos) {
        LockSupport.parkNanos(this, nanos);
    }

    @Override
    public void wake(Thread thread) {
        LockSupport.unpark(thread);
    }
}
