package dev.vc.transport.udp.rtp;

/**
 * Arithmetic on 16-bit RTP sequence numbers (RFC 3550 §5.1), which wrap from 65535 to 0.
 *
 * <p>Sequence numbers are carried as {@code int}s in {@code [0, 65535]}. Two numbers are compared by their
 * shortest distance on the circle, so 2 is newer than 65534:
 *
 * <pre>{@code
 * RtpSequence.next(65535);             // 0
 * RtpSequence.distance(65534, 2);      // 4
 * RtpSequence.isNewer(2, 65534);       // true
 * }</pre>
 */
public final class RtpSequence {
    /** Number of distinct sequence numbers. */
    public static final int MODULUS = 1 << 16;
    /** Largest sequence number. */
    public static final int MAX = MODULUS - 1;

    private RtpSequence() {
    }

    /**
     * @param sequence a sequence number
     * @return the one after it, wrapping at 65535
     */
    public static int next(int sequence) {
        return (sequence + 1) & MAX;
    }

    /**
     * @param sequence a sequence number
     * @param delta    how far to move, may be negative
     * @return {@code sequence + delta} modulo 65536
     */
    public static int add(int sequence, int delta) {
        return (sequence + delta) & MAX;
    }

    /**
     * @param from a sequence number
     * @param to   another
     * @return the signed shortest distance from {@code from} to {@code to}, in {@code [-32768, 32767]}
     */
    public static int distance(int from, int to) {
        return (short) (to - from);
    }

    /**
     * @param a a sequence number
     * @param b another
     * @return true if {@code a} comes after {@code b} (at most 32767 steps ahead)
     */
    public static boolean isNewer(int a, int b) {
        return distance(b, a) > 0;
    }
}
