package dev.vc.transport.udp.internal.receive;

import dev.vc.transport.udp.internal.control.CongestionControl;

/**
 * The receiving end of the downlink's congestion control: records each RTP packet's transport-wide sequence
 * number and arrival time and sends the transport-cc feedback that is due (every 50 ms), through the
 * {@link CongestionControl}. Before any filter, so the sender learns of every packet that crossed the link.
 * Drops nothing.
 */
final class TransportSequenceRecorder extends ReceiveStage {
    private final CongestionControl congestion;

    /** @param congestion the transport's congestion control; null to record nothing */
    TransportSequenceRecorder(CongestionControl congestion) {
        this.congestion = congestion;
    }

    @Override
    void accept(ReceivedPacket packet) {
        if (congestion != null) {
            congestion.onRtp(packet.buffer, packet.length, packet.rtp.ssrc(), packet.arrivalNanos);
        }
        next.accept(packet);
    }
}
