package dev.vc.transport.udp.internal.send;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds each packet until the {@link Pacer} lets it go, so a large frame leaves at the pacing rate rather than
 * in one burst. The sending thread sleeps for the wait.
 */
final class PacedRelease extends SendStage {
    private final Pacer pacer;

    PacedRelease(Pacer pacer) {
        this.pacer = pacer;
    }

    @Override
    public void accept(byte[] packet, int offset, int length) {
        long wait = pacer.waitNanos(length, System.nanoTime());
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        next.accept(packet, offset, length);
    }
}
