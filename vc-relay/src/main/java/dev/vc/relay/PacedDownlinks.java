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

    /** Lists {@code pacer} as holding packets, if it is not listed yet. */
    void listed(DownlinkPacer pacer) {
        if (pacer.listed) {
            return;
        }
        if (size == waiting.length) {
            waiting = Arrays.copyOf(waiting, 2 * size);
        }
        waiting[size++] = pacer;
        pacer.listed = true;
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
                pacer.listed = false;
                waiting[i] = waiting[--size];
                waiting[size] = null;
            }
        }
    }
}
