package dev.vc.transport.udp.internal.receive;

import dev.vc.transport.udp.internal.control.RtcpSession;

/**
 * Loss and NACK: records the packet in its stream's RTCP reception statistics (loss and jitter for the
 * receiver reports) and asks at once for the packets a gap shows missing (Generic NACK), through the
 * {@link RtcpSession}. Drops nothing.
 */
final class ReceptionRecorder extends ReceiveStage {
    private final RtcpSession rtcp;

    /** @param rtcp the RTCP session; null to record nothing */
    ReceptionRecorder(RtcpSession rtcp) {
        this.rtcp = rtcp;
    }

    @Override
    void accept(ReceivedPacket packet) {
        ReceiveStream stream = packet.stream;
        if (rtcp != null) {
            if (stream.rtcp == null) {
                stream.rtcp = rtcp.remote(packet.rtp.ssrc(), packet.arrivalNanos);
            }
            if (stream.rtcp != null) {
                rtcp.onRtp(stream.rtcp, packet.rtp, packet.length, packet.arrivalNanos);
            }
        }
        next.accept(packet);
    }
}
