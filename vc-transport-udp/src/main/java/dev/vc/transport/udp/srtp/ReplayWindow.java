package dev.vc.transport.udp.srtp;

import java.util.Arrays;

/**
 * The sliding replay window of one SSRC (RFC 3711 section 3.3.2), kept in a context's {@code long[]} of SSRC records
 * ({@link SsrcTable}) at an offset, so that all a packet needs of its SSRC lies in one array: the word at the offset
 * holds the highest index accepted (-1 before the first), the {@code size / 64} words after it which of the
 * {@code size} indices at and below it were accepted, as a ring of bits (bit {@code index mod size}). An index above
 * the highest is new; one {@code size} or more below it is too old to tell; one inside is new unless its bit is set.
 * {@link #check} reads, {@link #accept} writes, so a receiver checks, authenticates, and only then accepts. A sender
 * uses the same window to refuse protecting an index twice; its indices mostly rise by one, which {@link #check}
 * answers from the highest index alone.
 */
final class ReplayWindow {
    private ReplayWindow() {
    }

    /**
     * @param size the window in packets: a power of two, at least 64
     * @return how many words a window of that size takes
     */
    static int words(int size) {
        return 1 + size / Long.SIZE;
    }

    /** Makes the window at {@code at} empty: no index accepted yet. */
    static void reset(long[] words, int at, int size) {
        words[at] = -1;
        Arrays.fill(words, at + 1, at + words(size), 0L);
    }

    /** @return the highest index accepted in the window at {@code at}, or -1 before the first */
    static long highest(long[] words, int at) {
        return words[at];
    }

    /**
     * @param words the array holding the window
     * @param at    the window's offset
     * @param size  its size in packets
     * @param index a packet index, at least 0
     * @return {@code null} when the index is new, else {@link SrtpFailure#REPLAYED} or {@link SrtpFailure#TOO_OLD}
     */
    static SrtpFailure check(long[] words, int at, int size, long index) {
        long highest = words[at];
        if (index > highest) {
            return null;
        }
        if (highest - index >= size) {
            return SrtpFailure.TOO_OLD;
        }
        int bit = (int) (index & (size - 1));
        return (words[at + 1 + (bit >>> 6)] & (1L << bit)) != 0 ? SrtpFailure.REPLAYED : null;
    }

    /** Records an index that {@link #check} found new (and, receiving, that authenticated). */
    static void accept(long[] words, int at, int size, long index) {
        long highest = words[at];
        int bits = at + 1;
        if (index > highest) {
            if (highest < 0 || index - highest >= size) {
                Arrays.fill(words, bits, bits + size / Long.SIZE, 0L);
            } else {
                for (long skipped = highest + 1; skipped < index; skipped++) {
                    int bit = (int) (skipped & (size - 1));
                    words[bits + (bit >>> 6)] &= ~(1L << bit);
                }
            }
            words[at] = index;
        }
        int bit = (int) (index & (size - 1));
        words[bits + (bit >>> 6)] |= 1L << bit;
    }
}
