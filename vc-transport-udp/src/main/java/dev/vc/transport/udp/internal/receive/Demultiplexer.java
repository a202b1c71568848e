package dev.vc.transport.udp.internal.receive;

import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.internal.control.RelayBinding;
import dev.vc.transport.udp.internal.control.RtcpSession;

/**
 * The first stage: routes a datagram by its first bytes (RFC 7983). STUN goes to the relay binding, which
 * checks the relay's answers to our hellos; RTCP goes to the RTCP session; everything else goes on as RTP.
 *
 * <p>Drops {@link ReceiveDropReason#UNEXPECTED_STUN} (not a valid answer, or no relay bound) and
 * {@link ReceiveDropReason#MALFORMED_RTCP}.
 */
final class Demultiplexer extends ReceiveStage {
    private final RelayBinding binding;
    private final RtcpSession rtcp;
    private final ReceiveDrops drops;

    /**
     * @param binding checks the relay's answers to our hellos; null when not talking to a relay
     * @param rtcp    reads RTCP; null to ignore RTCP
     * @param drops   where drops are counted
     */
    Demultiplexer(RelayBinding binding, RtcpSession rtcp, ReceiveDrops drops) {
        this.binding = binding;
        this.rtcp = rtcp;
        this.drops = drops;
    }

    @Override
    void accept(ReceivedPacket packet) {
        byte[] buffer = packet.buffer;
        int length = packet.length;
        if (length > 0 && MediaHello.isStun(buffer[0])) {
            if (binding == null || !binding.onStun(buffer, length)) {
                drops.add(ReceiveDropReason.UNEXPECTED_STUN);
            }
            return;
        }
        if (RtcpReader.isRtcp(buffer, 0, length)) {
            if (rtcp != null) {
                try {
                    rtcp.onRtcp(buffer, length, packet.arrivalNanos);
                } catch (MalformedPacketException e) {
                    drops.add(ReceiveDropReason.MALFORMED_RTCP);
                }
            }
            return;
        }
        next.accept(packet);
    }
}
