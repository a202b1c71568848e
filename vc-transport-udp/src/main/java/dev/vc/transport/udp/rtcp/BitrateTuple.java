package dev.vc.transport.udp.rtcp;

/**
 * The second word of a TMMBR or TMMBN FCI entry (RFC 5104 §4.2.1.1): a bit rate as a 6-bit exponent and a 17-bit
 * mantissa ({@code bitrate = mantissa << exponent}), then 9 bits of measured per-packet overhead in bytes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * | MxTBR Exp |             MxTBR Mantissa          | Measured Overhead |
 * </pre>
 *
 * The encoding takes the smallest exponent whose mantissa fits 17 bits, dropping the low bits: the rate written is
 * never above the one asked for (a limit rounded up would not be one), and is exact below 2^17 bit/s. Pure
 * arithmetic, nothing allocated.
 */
public final class BitrateTuple {
    /** The largest mantissa, 2^17 - 1. */
    public static final int MAX_MANTISSA = (1 << 17) - 1;
    /** The largest exponent, 2^6 - 1. */
    public static final int MAX_EXPONENT = (1 << 6) - 1;
    /** The largest overhead, 2^9 - 1 bytes. */
    public static final int MAX_OVERHEAD = (1 << 9) - 1;

    private BitrateTuple() {
    }

    /**
     * @param bitrateBps the rate, 0 or more
     * @param overhead   the overhead, bytes, 0..{@value #MAX_OVERHEAD}
     * @return the 32-bit word
     * @throws IllegalArgumentException for a negative rate or an overhead out of range
     */
    public static int encode(long bitrateBps, int overhead) {
        if (bitrateBps < 0 || overhead < 0 || overhead > MAX_OVERHEAD) {
            throw new IllegalArgumentException("bitrate " + bitrateBps + " or overhead " + overhead + " out of range");
        }
        int exponent = 0;
        long mantissa = bitrateBps;
        while (mantissa > MAX_MANTISSA) {
            mantissa >>>= 1;
            exponent++;
        }
        return exponent << 26 | (int) mantissa << 9 | overhead;
    }

    /**
     * @param word the FCI entry's second word
     * @return {@code mantissa << exponent}, bit/s; {@link Long#MAX_VALUE} when that does not fit a long
     */
    public static long bitrate(int word) {
        int exponent = word >>> 26;
        long mantissa = (word >>> 9) & MAX_MANTISSA;
        if (mantissa != 0 && Long.numberOfLeadingZeros(mantissa) <= exponent) {
            return Long.MAX_VALUE;
        }
        return mantissa << exponent;
    }

    /**
     * @param word the FCI entry's second word
     * @return the measured overhead, bytes
     */
    public static int overhead(int word) {
        return word & MAX_OVERHEAD;
    }
}
