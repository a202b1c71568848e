package dev.vc.relay;

import java.util.Arrays;

/**
 * The sizes at which one receiver shows its room-mates' video, from its {@code VIEW_SIZE} messages: what layer
 * selection reads to forward the smallest layer that fills a tile. Written by the control thread, which keeps only
 * current room-mates (unknown ids are refused by the caller and a member's entry goes when it leaves), so it holds
 * at most a room's worth of entries; read by any thread (the media thread's layer selection) without locking and
 * without allocating: each change publishes a new immutable array.
 *
 * <pre>{@code
 * long size = receiver.viewSizes.get(sender.id);    // UNKNOWN until the receiver said
 * if (size != ViewSizes.UNKNOWN && ViewSizes.width(size) == 0) ...   // not shown
 * }</pre>
 */
final class ViewSizes {
    /** No size was stated for that participant. */
    static final long UNKNOWN = -1;

    private final int capacity;
    /** Entries {@code id << 32 | width << 16 | height}, published whole. */
    private volatile long[] entries = new long[0];

    /** @param capacity the most entries held (a room's size): further ids are refused */
    ViewSizes(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Control thread: records the size the receiver shows {@code participantId} at.
     *
     * @return false if it is a new id and {@link #capacity} entries are held already
     */
    boolean put(int participantId, int width, int height) {
        long[] current = entries;
        long entry = (long) participantId << 32 | (long) width << 16 | height;
        for (int i = 0; i < current.length; i++) {
            if ((int) (current[i] >>> 32) == participantId) {
                long[] next = current.clone();
                next[i] = entry;
                entries = next;
                return true;
            }
        }
        if (current.length >= capacity) {
            return false;
        }
        long[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = entry;
        entries = next;
        return true;
    }

    /** Control thread: forgets {@code participantId} (it left). */
    void forget(int participantId) {
        long[] current = entries;
        for (int i = 0; i < current.length; i++) {
            if ((int) (current[i] >>> 32) == participantId) {
                long[] next = new long[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, next.length - i);
                entries = next;
                return;
            }
        }
    }

    /**
     * Any thread.
     *
     * @return {@code width << 16 | height} as last stated for {@code participantId} (0 x 0: not shown), or
     *         {@link #UNKNOWN}
     */
    long get(int participantId) {
        for (long entry : entries) {
            if ((int) (entry >>> 32) == participantId) {
                return entry & 0xFFFF_FFFFL;
            }
        }
        return UNKNOWN;
    }

    /** @return entries held */
    int size() {
        return entries.length;
    }

    /** @return the width of a size {@link #get} returned */
    static int width(long size) {
        return (int) (size >>> 16) & 0xFFFF;
    }

    /** @return the height of a size {@link #get} returned */
    static int height(long size) {
        return (int) size & 0xFFFF;
    }
}
