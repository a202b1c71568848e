package dev.vc.transport.udp.srtp;

/**
 * The per-SSRC state of one {@link SrtpContext}, at most {@code max} SSRCs, as records in one {@code long[]}: an
 * open-addressing table with linear probing whose slots are the records themselves, so finding an SSRC and reading
 * its index touch the same few cache lines of one array (in the relay every receiver's sending context is cold by
 * its turn, and each dependent load of a chain of objects would be a miss). A record is the SSRC (marked used), the
 * SRTP {@link ReplayWindow}, then a receiving context's SRTCP window or a sending context's last SRTCP index sent.
 * The table starts small and doubles while more than half its slots would be used, up to twice the cap: it allocates
 * only when a new SSRC arrives, never per packet. SSRCs are never removed: forgetting one would let its indices (and
 * so key streams and nonces) be used again; the context lives as long as its hop's keys.
 */
final class SsrcTable {
    private static final int FIRST_SLOTS = 8;
    private static final long USED = 1L << 32;
    private static final int SSRC = 0;
    private static final int RTP = 1;

    private final int max;
    private final int maxSlots;
    private final int window;
    private final int rtcp;
    private final int stride;
    private final boolean rtcpWindow;
    private long[] records;
    private int slots;
    private int size;

    /**
     * @param max        the most SSRCs held, at least 1
     * @param window     the replay windows' size in packets, a power of two, at least 64
     * @param rtcpWindow whether a record holds an SRTCP replay window (receiving) rather than the last SRTCP index
     *                   sent (sending)
     */
    SsrcTable(int max, int window, boolean rtcpWindow) {
        this.max = max;
        this.maxSlots = Integer.highestOneBit(Math.max(2, max) * 2 - 1) << 1;
        this.window = window;
        this.rtcpWindow = rtcpWindow;
        this.rtcp = RTP + ReplayWindow.words(window);
        this.stride = rtcp + (rtcpWindow ? ReplayWindow.words(window) : 1);
        this.slots = Math.min(FIRST_SLOTS, maxSlots);
        this.records = new long[slots * stride];
    }

    /** @return the array of records; a new one after {@link #add} (read it again after adding) */
    long[] records() {
        return records;
    }

    /** @return the offset of the SSRC's record in {@link #records()}, or -1 when it has none */
    int find(int ssrc) {
        long key = USED | ssrc & 0xFFFF_FFFFL;
        long[] words = records;
        int mask = slots - 1;
        for (int slot = slot(ssrc, mask); ; slot = (slot + 1) & mask) {
            int at = slot * stride;
            long held = words[at + SSRC];
            if (held == key) {
                return at;
            }
            if (held == 0) {
                return -1;
            }
        }
    }

    /** @return whether the table holds its cap */
    boolean full() {
        return size >= max;
    }

    /**
     * Adds an SSRC that has no record, when the table is not {@link #full()}: its windows empty, its SRTCP index 0.
     *
     * @return the offset of its record in the (maybe new) {@link #records()}
     */
    int add(int ssrc) {
        if (2 * (size + 1) > slots && slots < maxSlots) {
            grow();
        }
        int at = place(records, slots, ssrc);
        ReplayWindow.reset(records, at + RTP, window);
        if (rtcpWindow) {
            ReplayWindow.reset(records, at + rtcp, window);
        }
        size++;
        return at;
    }

    /** @return the offset of the SRTP window in a record at {@code at} */
    static int rtpWindow(int at) {
        return at + RTP;
    }

    /** @return the offset of the SRTCP window (receiving) or the last SRTCP index sent (sending) in a record */
    int rtcp(int at) {
        return at + rtcp;
    }

    /** @return the SSRCs held */
    int size() {
        return size;
    }

    private void grow() {
        long[] old = records;
        int oldSlots = slots;
        slots = Math.min(oldSlots * 2, maxSlots);
        records = new long[slots * stride];
        for (int at = 0; at < oldSlots * stride; at += stride) {
            if (old[at + SSRC] != 0) {
                int to = place(records, slots, (int) old[at + SSRC]);
                System.arraycopy(old, at + RTP, records, to + RTP, stride - RTP);
            }
        }
    }

    /** Marks the first free slot of the SSRC's probe sequence as its own; @return that record's offset */
    private int place(long[] words, int slotCount, int ssrc) {
        int mask = slotCount - 1;
        int slot = slot(ssrc, mask);
        while (words[slot * stride + SSRC] != 0) {
            slot = (slot + 1) & mask;
        }
        int at = slot * stride;
        words[at + SSRC] = USED | ssrc & 0xFFFF_FFFFL;
        return at;
    }

    private static int slot(int ssrc, int mask) {
        int h = ssrc * 0x9E37_79B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
