package dev.vc.transport.udp.internal.send;

/** A send clock for tests: waiting advances it, nothing sleeps. */
final class SteppingClock implements SendClock {
    long now;

    SteppingClock(long start) {
        this.now = start;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleepNanos(long nanos) {
        now += nanos;
    }
}
