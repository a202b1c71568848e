package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.internal.control.CongestionControl;

/**
 * Keeps the {@link Pacer}'s rate at the congestion controller's pacing rate (2.5 x the uplink's target), so a
 * frame leaves no faster than the path is estimated to carry. Drops nothing.
 */
final class PacingRateFollower extends SendStage {
    private final Pacer pacer;
    private final CongestionControl congestion;
    private long rate = -1;

    /** @param congestion the uplink's congestion control; null keeps the configured rate */
    PacingRateFollower(Pacer pacer, CongestionControl congestion) {
        this.pacer = pacer;
        this.congestion = congestion;
    }

    @Override
    public void accept(byte[] packet, int offset, int length) {
        if (congestion != null) {
            long wanted = congestion.pacingBps();
            if (wanted != rate) {
                rate = wanted;
                pacer.setRate(wanted);
            }
        }
        next.accept(packet, offset, length);
    }
}
