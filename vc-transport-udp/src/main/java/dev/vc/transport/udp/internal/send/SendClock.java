package dev.vc.transport.udp.internal.send;

import java.util.concurrent.locks.LockSupport;

/**
 * The send path's time: when a packet leaves (logged for the congestion control) and the waits the pacer and
 * the probe clusters impose. {@link #SYSTEM} in a transport; a test passes one that advances when asked to
 * wait, so paced and probed sending runs without sleeping.
 */
interface SendClock {
    /** {@link System#nanoTime()}, and parking the sending thread. */
    SendClock SYSTEM = new SendClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };

    /** @return the current time, ns, of a monotonic clock */
    long nanoTime();

    /** @param nanos how long the sending thread waits */
    void sleepNanos(long nanos);
}
