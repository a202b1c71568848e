package dev.vc.transport.udp.rtp;

/**
 * Converts between epoch nanoseconds ({@link dev.vc.api.MediaClock}) and 64-bit NTP timestamps: 32 bits of
 * seconds since 1900-01-01 and 32 bits of fraction (RFC 5905 §6; RTP uses them in RFC 3550 §4).
 *
 * <p>Conversions round-trip exactly for times in [1968, 2104): the fraction has a resolution of 0.23 ns and
 * the seconds field is read in the era that RFC 4330 §3 prescribes (a clear top bit means after 2036).
 *
 * <pre>{@code
 * long ntp = NtpTime.fromEpochNanos(MediaClock.nowNanos());
 * long back = NtpTime.toEpochNanos(ntp);
 * }</pre>
 */
public final class NtpTime {
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long ERA_SECONDS = 1L << 32;

    private NtpTime() {
    }

    /**
     * @param epochNanos nanoseconds since 1970-01-01T00:00Z
     * @return the NTP timestamp of that instant
     */
    public static long fromEpochNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND) + UNIX_EPOCH_OFFSET_SECONDS;
        long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        long fraction = (nanos << 32) / NANOS_PER_SECOND;
        return (seconds << 32) | fraction;
    }

    /**
     * @param ntp an NTP timestamp
     * @return nanoseconds since 1970-01-01T00:00Z
     */
    public static long toEpochNanos(long ntp) {
        long seconds = ntp >>> 32;
        if (seconds < (ERA_SECONDS >>> 1)) {
            seconds += ERA_SECONDS; // era 1: from 2036-02-07 on
        }
        long fraction = ntp & 0xFFFF_FFFFL;
        long nanos = (fraction * NANOS_PER_SECOND + (1L << 31)) >>> 32;
        return (seconds - UNIX_EPOCH_OFFSET_SECONDS) * NANOS_PER_SECOND + nanos;
    }
}
