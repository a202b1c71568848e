package dev.vc.api;

/**
 * The clock that stamps capture and render times: wall-clock nanoseconds since the Unix epoch that advance
 * with {@link System#nanoTime()}.
 *
 * <p>{@code System.currentTimeMillis()} has millisecond resolution and can step; {@code nanoTime} has no
 * epoch. Anchoring one to the other once per JVM gives timestamps that are precise, monotonic within a
 * process, and comparable across machines whose clocks are synchronised (NTP), which is what
 * capture-to-render latency needs.
 */
public final class MediaClock {
    private static final long EPOCH_AT_ANCHOR = System.currentTimeMillis() * 1_000_000L;
    private static final long NANO_AT_ANCHOR = System.nanoTime();

    private MediaClock() {
    }

    /** @return now, in nanoseconds since the Unix epoch */
    public static long nowNanos() {
        return EPOCH_AT_ANCHOR + (System.nanoTime() - NANO_AT_ANCHOR);
    }
}
