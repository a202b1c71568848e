package dev.vc.transport.udp.internal.receive;

import dev.vc.transport.udp.MalformedPacketException;

/**
 * Parses the RTP header (RFC 3550 §5.1) into the packet's reused {@link dev.vc.transport.udp.rtp.RtpHeader}.
 * Drops {@link ReceiveDropReason#MALFORMED_RTP}.
 */
final class RtpParser extends ReceiveStage {
    private final ReceiveDrops drops;

    RtpParser(ReceiveDrops drops) {
        this.drops = drops;
    }

    @Override
    void accept(ReceivedPacket packet) {
        try {
            packet.rtp.parse(packet.buffer, 0, packet.length);
        } catch (MalformedPacketException e) {
            drops.add(ReceiveDropReason.MALFORMED_RTP);
            return;
        }
        next.accept(packet);
    }
}
