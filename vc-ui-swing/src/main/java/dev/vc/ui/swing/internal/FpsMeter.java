package dev.vc.ui.swing.internal;

/**
 * Frames per second of one tile, measured from a running frame count over windows of about one second (the
 * first one half a second, so a new tile shows a rate soon). Used on the event dispatch thread only.
 */
public final class FpsMeter {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final long FIRST_WINDOW_NANOS = WINDOW_NANOS / 2;

    private long windowStartNanos;
    private long windowStartFrames;
    private boolean started;
    private double fps = Double.NaN;

    /**
     * Feeds the current count; closes a window when a second has passed.
     *
     * @param frames   frames received so far
     * @param nowNanos the time now
     */
    public void sample(long frames, long nowNanos) {
        if (!started) {
            started = true;
            windowStartNanos = nowNanos;
            windowStartFrames = frames;
            return;
        }
        long elapsed = nowNanos - windowStartNanos;
        if (elapsed >= (Double.isNaN(fps) ? FIRST_WINDOW_NANOS : WINDOW_NANOS)) {
            fps = (frames - windowStartFrames) * 1e9 / elapsed;
            windowStartNanos = nowNanos;
            windowStartFrames = frames;
        }
    }

    /** @return the rate over the last closed window, NaN before the first one closes */
    public double fps() {
        return fps;
    }
}
