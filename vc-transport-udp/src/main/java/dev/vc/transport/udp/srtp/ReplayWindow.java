package dev.vc.transport.udp.srtp;

import java.util.Arrays;

/**
 * The sliding replay window of one SSRC (RFC 3711 section 3.3.2): the highest index accepted and which of the
 * {@code size} indices at and below it were accepted, as a ring of bits (bit {@code index mod size}). An index
 * above the highest is new; one {@code size} or more below it is too old to tell; one inside is new unless its
 * bit is set. {@link #check(long)} reads, {@link #accept(long)} writes, so a receiver checks, authenticates, and
 * only then accepts. A sender uses the same window to refuse protecting an index twice.
 */
final class ReplayWindow {
    private final long[] bits;
    private final int size;
    private long highest = -1;

    /** @param size the window in packets: a power of two, at least 64 */
    ReplayWindow(int size) {
        this.size = size;
        this.bits = new long[size / Long.SIZE];
    }

    /** @return the highest index accepted, or -1 before the first */
    long highest() {
        return highest;
    }

    /**
     * @param index a packet index, at least 0
     * @return {@code null} when the index is new, else {@link SrtpFailure#REPLAYED} or {@link SrtpFailure#TOO_OLD}
     */
    SrtpFailure check(long index) {
        if (index > highest) {
            return null;
        }
        if (highest - index >= size) {
            return SrtpFailure.TOO_OLD;
        }
        return isSet(index) ? SrtpFailure.REPLAYED : null;
    }

    /** Records an index that {@link #check(long)} found new (and, receiving, that authenticated). */
    void accept(long index) {
        if (index > highest) {
            if (highest < 0 || index - highest >= size) {
                Arrays.fill(bits, 0L);
            } else {
                for (long skipped = highest + 1; skipped < index; skipped++) {
                    clear(skipped);
                }
            }
            highest = index;
        }
        set(index);
    }

    private boolean isSet(long index) {
        int bit = (int) (index & (size - 1));
        return (bits[bit >>> 6] & (1L << bit)) != 0;
    }

    private void set(long index) {
        int bit = (int) (index & (size - 1));
        bits[bit >>> 6] |= 1L << bit;
    }

    private void clear(long index) {
        int bit = (int) (index & (size - 1));
        bits[bit >>> 6] &= ~(1L << bit);
    }
}
