package dev.vc.relay;

import java.util.Arrays;

/**
 * The members whose {@link DownlinkPacer} holds packets, so the media thread pumps only those, and selects with a
 * short timeout only while there are any. Media thread only; the list grows (rarely: at most to the members with
 * packets waiting at once) and never allocates otherwise.
 */
final class PacedDownlinks {
    private DownlinkPacer[] waiting = new DownlinkPacer[16];
    private int size;

    /** Lists {@code pacer}, which has just begun to hold packets ({@link DownlinkPacer#hold} said so). */
    void add(DownlinkPacer pacer) {
        if (size == waiting.length) {
            waiting = Arrays.copyOf(waiting, 2 * size);
        }
        waiting[size++] = pacer;
    }

    /** @return true while some pacer holds packets */
    boolean any() {
        return size > 0;
    }

    /** Releases what is due of every listed pacer, and delists those left empty. */
    void pump(long nowNanos, DownlinkPacer.Release release) {
        for (int i = size - 1; i >= 0; i--) {
            DownlinkPacer pacer = waiting[i];
            if (!pacer.pump(nowNanos, release)) {
                waiting[i] = waiting[--size];
                waiting[size] = null;
            }
        }
    }
}
