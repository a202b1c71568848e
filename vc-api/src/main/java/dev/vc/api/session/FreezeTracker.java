package dev.vc.api.session;

import java.util.concurrent.TimeUnit;

/**
 * Measures {@link FreezeStats} of one stream from the times its frames are rendered and its decoding starts
 * waiting for a keyframe. Times are {@link System#nanoTime()} values passed in, so tests need no clock.
 *
 * <pre>{@code
 * tracker.onKeyframeWait(lossNanos);          // decode thread: a lost frame broke the reference chain
 * tracker.onRendered(System.nanoTime());      // decode thread: after each frame handed to the renderer
 * FreezeStats stats = tracker.stats();        // any thread
 * }</pre>
 *
 * <p>Allocates nothing when recording; thread-safe (an uncontended lock: one writer, occasional readers).
 */
final class FreezeTracker {
    static final long STUTTER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long FREEZE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private boolean renderedAny;
    private long lastRenderNanos;
    private long longestGapNanos;
    private long stutters;
    private long freezes;
    private boolean recovering;
    private long recoveryStartNanos;
    private long recoveries;
    private long maxRecoveryNanos;
    private long totalRecoveryNanos;

    /**
     * A frame was handed to the renderer.
     *
     * @param nowNanos when
     */
    synchronized void onRendered(long nowNanos) {
        if (renderedAny) {
            long gap = nowNanos - lastRenderNanos;
            longestGapNanos = Math.max(longestGapNanos, gap);
            stutters += gap > STUTTER_NANOS ? 1 : 0;
            freezes += gap > FREEZE_NANOS ? 1 : 0;
        }
        renderedAny = true;
        lastRenderNanos = nowNanos;
        if (recovering) {
            recovering = false;
            long recovery = Math.max(0, nowNanos - recoveryStartNanos);
            recoveries++;
            maxRecoveryNanos = Math.max(maxRecoveryNanos, recovery);
            totalRecoveryNanos += recovery;
        }
    }

    /**
     * Decoding must wait for a keyframe because a frame was lost. Ignored before the first rendered frame (the
     * stream is still starting) and while a recovery is already running (it started at the earlier loss).
     *
     * @param lossNanos when the loss became known
     */
    synchronized void onKeyframeWait(long lossNanos) {
        if (renderedAny && !recovering) {
            recovering = true;
            recoveryStartNanos = lossNanos;
        }
    }

    /** @return the figures so far */
    synchronized FreezeStats stats() {
        return new FreezeStats(longestGapNanos / 1e6, stutters, freezes, recoveries, maxRecoveryNanos / 1e6,
                totalRecoveryNanos / 1e6);
    }
}
