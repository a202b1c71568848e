package dev.vc.transport.udp.rtp;

import dev.vc.api.VideoCodec;

/**
 * Arithmetic on 32-bit RTP timestamps (RFC 3550 §5.1), which wrap, and the 90 kHz video clock.
 *
 * <p>Timestamps are carried as raw {@code int}s; compare them with {@link #isNewer}, never with {@code <}.
 *
 * <pre>{@code
 * int ts = RtpTimestamp.fromNanos(frame.captureTimeNanos(), randomOffset);
 * RtpTimestamp.isNewer(ts + 3000, ts);   // true, even across the wrap
 * }</pre>
 */
public final class RtpTimestamp {
    // 90 kHz: 9 ticks every 100 000 ns, computed in two parts so epoch nanoseconds cannot overflow.
    private static final long NANOS_PER_STEP = 100_000L;
    private static final long TICKS_PER_STEP = VideoCodec.RTP_CLOCK_RATE / (1_000_000_000L / NANOS_PER_STEP);

    private RtpTimestamp() {
    }

    /**
     * @param epochNanos a time in nanoseconds ({@link dev.vc.api.MediaClock})
     * @param offset     the stream's random timestamp offset (RFC 3550 §5.1)
     * @return the 90 kHz RTP timestamp of that time, wrapped to 32 bits
     */
    public static int fromNanos(long epochNanos, int offset) {
        long steps = Math.floorDiv(epochNanos, NANOS_PER_STEP);
        long rest = Math.floorMod(epochNanos, NANOS_PER_STEP);
        long ticks = steps * TICKS_PER_STEP + rest * TICKS_PER_STEP / NANOS_PER_STEP;
        return (int) ticks + offset;
    }

    /**
     * @param from a timestamp
     * @param to   another
     * @return the signed shortest distance in ticks from {@code from} to {@code to}
     */
    public static int distance(int from, int to) {
        return to - from;
    }

    /**
     * @param a a timestamp
     * @param b another
     * @return true if {@code a} is after {@code b} (at most 2^31 - 1 ticks ahead, about 6.6 hours at 90 kHz)
     */
    public static boolean isNewer(int a, int b) {
        return distance(b, a) > 0;
    }
}
