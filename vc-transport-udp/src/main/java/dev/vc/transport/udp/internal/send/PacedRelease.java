package dev.vc.transport.udp.internal.send;

/**
 * Holds each packet until the {@link Pacer} lets it go, so a large frame leaves at the pacing rate rather than
 * in one burst. The sending thread sleeps for the wait ({@link SendClock}). Drops nothing.
 */
final class PacedRelease extends SendStage {
    private final Pacer pacer;
    private final SendClock clock;

    PacedRelease(Pacer pacer, SendClock clock) {
        this.pacer = pacer;
        this.clock = clock;
    }

    @Override
    public void accept(byte[] packet, int offset, int length) {
        long wait = pacer.waitNanos(length, clock.nanoTime());
        if (wait > 0) {
            clock.sleepNanos(wait);
        }
        next.accept(packet, offset, length);
    }
}
