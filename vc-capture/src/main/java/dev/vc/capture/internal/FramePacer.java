package dev.vc.capture.internal;

/**
 * Releases one frame per slot of a fixed frame rate, measured from the first request.
 *
 * <p>Slot {@code k} is due at {@code start + k * period}. {@link #awaitNextSlot()} sleeps until the next
 * slot's deadline; if the caller is late by a whole period or more it skips to the latest slot already due
 * (counting the skipped ones) instead of delivering the missed frames in a burst. {@link #close()} from any
 * thread wakes a waiting caller at once. One thread calls {@link #awaitNextSlot()}.
 */
public final class FramePacer {
    private final PacingClock clock;
    private final double periodNanos;
    private long startNanos;
    private boolean started;
    private long nextSlot;
    private long delivered;
    private long skipped;
    private volatile boolean closed;
    private volatile Thread waiter;

    /**
     * @param frameRate frames per second, positive
     * @param clock     time source and sleep primitive
     */
    public FramePacer(double frameRate, PacingClock clock) {
        if (!(frameRate > 0)) {
            throw new IllegalArgumentException("frame rate must be positive: " + frameRate);
        }
        this.clock = clock;
        this.periodNanos = 1e9 / frameRate;
    }

    /**
     * Waits until the next frame slot is due.
     *
     * @return the slot number (0 for the first call, then increasing, with gaps where slots were skipped),
     *         or -1 once the pacer is closed
     */
    public long awaitNextSlot() {
        if (closed) {
            return -1;
        }
        long now = clock.nanoTime();
        if (!started) {
            started = true;
            startNanos = now;
            nextSlot = 1;
            delivered++;
            return 0;
        }
        long slot = nextSlot;
        long deadline = deadline(slot);
        if (now < deadline) {
            waiter = Thread.currentThread();
            while (now < deadline) {
                if (closed) {
                    return -1;
                }
                clock.parkNanos(deadline - now);
                now = clock.nanoTime();
            }
        } else {
            long latest = slotDueAt(now);
            if (latest > slot) {
                skipped += latest - slot;
                slot = latest;
            }
        }
        if (closed) {
            return -1;
        }
        nextSlot = slot + 1;
        delivered++;
        return slot;
    }

    private long deadline(long slot) {
        return startNanos + (long) (slot * periodNanos);
    }

    private long slotDueAt(long now) {
        long slot = (long) ((now - startNanos) / periodNanos);
        while (deadline(slot) > now) {
            slot--;
        }
        return slot;
    }

    /** Makes every current and later {@link #awaitNextSlot()} return -1 promptly. Idempotent, any thread. */
    public void close() {
        closed = true;
        Thread thread = waiter;
        if (thread != null) {
            clock.wake(thread);
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** @return the number of slots handed out */
    public long delivered() {
        return delivered;
    }

    /** @return the number of slots skipped because the caller was late */
    public long skipped() {
        return skipped;
    }
}
