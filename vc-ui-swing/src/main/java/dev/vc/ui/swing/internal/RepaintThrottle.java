package dev.vc.ui.swing.internal;

import java.awt.EventQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javax.swing.Timer;

/**
 * Coalesces repaint requests from any thread into at most one pending repaint, at most {@code maxFps} per
 * second.
 *
 * <p>{@link #request()} is a compare-and-set on one flag: only the request that raises it posts an event to
 * the event dispatch thread, so however many frames arrive, one repaint is queued. On the EDT the repaint
 * runs at once, or, if the last one was less than {@code 1 / maxFps} ago, after the remainder (one-shot
 * Swing timer). The flag drops just before the repaint, so a frame that arrives during painting schedules
 * the next one: none is lost.
 */
public final class RepaintThrottle {
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Runnable repaint;
    private final long minIntervalNanos;
    private final LongSupplier clock;
    private final Timer delay;
    private long lastRepaintNanos;
    private boolean repainted;

    /**
     * @param repaint what to run on the EDT, typically {@code component::repaint}
     * @param maxFps  most repaints per second
     * @param clock   time source in nanoseconds
     */
    public RepaintThrottle(Runnable repaint, int maxFps, LongSupplier clock) {
        this.repaint = repaint;
        this.minIntervalNanos = TimeUnit.SECONDS.toNanos(1) / maxFps;
        this.clock = clock;
        this.delay = new Timer(0, e -> fire());
        this.delay.setRepeats(false);
    }

    /** Asks for a repaint; cheap and non-blocking, callable from any thread. */
    public void request() {
        if (pending.compareAndSet(false, true)) {
            EventQueue.invokeLater(this::fire);
        }
    }

    /** @return whether a repaint has been asked for and not yet run */
    public boolean pending() {
        return pending.get();
    }

    private void fire() {
        long now = clock.getAsLong();
        long wait = repainted ? lastRepaintNanos + minIntervalNanos - now : 0;
        if (wait > 0) {
            delay.setInitialDelay((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)));
            delay.restart();
            return;
        }
        repainted = true;
        lastRepaintNanos = now;
        pending.set(false);
        repaint.run();
    }

    /** Cancels a delayed repaint; later requests still work. */
    public void cancel() {
        delay.stop();
        pending.set(false);
    }
}
