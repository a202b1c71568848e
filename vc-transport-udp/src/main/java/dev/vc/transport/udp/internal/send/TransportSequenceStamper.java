package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.internal.control.CongestionControl;

/**
 * Writes the uplink's next transport-wide sequence number into the packet's extension element (the RTP writer
 * leaves 0 there; one counter for all layers and the probes) and logs the packet in the send-side estimator. After pacing, so the time logged is when the
 * packet really left; after the history, so a retransmission is stamped afresh when it is resent. Drops
 * nothing.
 */
final class TransportSequenceStamper extends SendStage {
    private final CongestionControl congestion;
    private final SendClock clock;

    /**
     * @param congestion the uplink's congestion control; null stamps nothing
     * @param clock      the time logged as the packet leaves
     */
    TransportSequenceStamper(CongestionControl congestion, SendClock clock) {
        this.congestion = congestion;
        this.clock = clock;
    }

    @Override
    public void accept(byte[] packet, int offset, int length) {
        if (congestion != null) {
            congestion.stamp(packet, offset, length, clock.nanoTime());
        }
        next.accept(packet, offset, length);
    }
}
