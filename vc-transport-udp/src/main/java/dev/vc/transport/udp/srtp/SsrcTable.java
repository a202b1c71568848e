package dev.vc.transport.udp.srtp;

/**
 * The SSRCs of one {@link SrtpContext}, at most {@code max}: open addressing with linear probing on an array twice
 * the cap, so a lookup allocates nothing. SSRCs are never removed: forgetting one would let its indices (and so
 * key streams and nonces) be used again; the context lives as long as its hop's keys.
 */
final class SsrcTable {
    private final int[] ssrcs;
    private final SsrcState[] states;
    private final int mask;
    private final int max;
    private int size;

    /** @param max the most SSRCs held */
    SsrcTable(int max) {
        this.max = max;
        int capacity = Integer.highestOneBit(Math.max(2, max) * 2 - 1) << 1;
        ssrcs = new int[capacity];
        states = new SsrcState[capacity];
        mask = capacity - 1;
    }

    /** @return the SSRC's state, or {@code null} when it has none */
    SsrcState get(int ssrc) {
        for (int i = slot(ssrc); states[i] != null; i = (i + 1) & mask) {
            if (ssrcs[i] == ssrc) {
                return states[i];
            }
        }
        return null;
    }

    /** @return whether the table holds its cap */
    boolean full() {
        return size >= max;
    }

    /** Adds a state for an SSRC that has none, when the table is not {@link #full()}. */
    void put(int ssrc, SsrcState state) {
        int i = slot(ssrc);
        while (states[i] != null) {
            i = (i + 1) & mask;
        }
        ssrcs[i] = ssrc;
        states[i] = state;
        size++;
    }

    /** @return the SSRCs held */
    int size() {
        return size;
    }

    private int slot(int ssrc) {
        int h = ssrc * 0x9E37_79B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
