package dev.vc.relay;

/**
 * The last packets of one sender's stream, by RTP sequence number, so the relay answers its receivers' NACKs
 * itself and the sender never sees them: a ring of {@code slots} MTU-sized slots in one array, allocated once
 * (at the sender's first packet) and never grown. Media thread only.
 *
 * <pre>{@code
 * cache.store(packet, length, rtp.sequence());          // every accepted RTP packet
 * switch (cache.find(sequence)) { ... }                 // HIT, MISSING (within the window), TOO_OLD, NEWER
 * int n = cache.copy(sequence, out);
 * }</pre>
 */
final class RetransmissionCache {
    /** Where a sequence number stands against the cache. */
    enum Lookup {
        /** Held: {@link #copy} returns it. */
        HIT,
        /** Within the window but never stored: the relay did not receive it either. */
        MISSING,
        /** Older than the window. */
        TOO_OLD,
        /** Newer than anything stored (or nothing stored yet): no honest receiver can have seen a later one. */
        NEWER
    }

    private final byte[] data;
    private final int[] sequences;
    private final int[] lengths;
    private final int slots;
    private final int mtu;
    private int highest = -1;
    private int first = -1;
    /** Sequence numbers from the first stored to the highest, at most {@link #slots}: older ones were never here. */
    private int span;

    /**
     * @param slots packets held, a power of two
     * @param mtu   the largest packet
     */
    RetransmissionCache(int slots, int mtu) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.slots = slots;
        this.mtu = mtu;
        this.data = new byte[slots * mtu];
        this.sequences = new int[slots];
        this.lengths = new int[slots];
        java.util.Arrays.fill(sequences, -1);
    }

    /** Keeps a copy of {@code packet[0, length)}, RTP sequence number {@code sequence}. */
    void store(byte[] packet, int length, int sequence) {
        if (length > mtu) {
            return;
        }
        int slot = sequence & (slots - 1);
        System.arraycopy(packet, 0, data, slot * mtu, length);
        sequences[slot] = sequence;
        lengths[slot] = length;
        if (highest < 0 || ((sequence - highest) & 0xFFFF) < 0x8000) {
            highest = sequence;
        }
        if (first < 0) {
            first = sequence;
        }
        if (span < slots) {
            span = Math.min(slots, ((highest - first) & 0xFFFF) + 1);
        }
    }

    Lookup find(int sequence) {
        if (highest < 0) {
            return Lookup.NEWER;
        }
        int behind = (highest - sequence) & 0xFFFF;
        if (behind >= 0x8000) {
            return Lookup.NEWER;
        }
        if (behind >= span) {
            return Lookup.TOO_OLD;
        }
        return sequences[sequence & (slots - 1)] == sequence ? Lookup.HIT : Lookup.MISSING;
    }

    /** @return the length copied into {@code out} (at least the MTU long), 0 if not held */
    int copy(int sequence, byte[] out) {
        int slot = sequence & (slots - 1);
        if (find(sequence) != Lookup.HIT) {
            return 0;
        }
        System.arraycopy(data, slot * mtu, out, 0, lengths[slot]);
        return lengths[slot];
    }
}
