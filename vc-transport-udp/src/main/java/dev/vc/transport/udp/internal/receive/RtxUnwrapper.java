package dev.vc.transport.udp.internal.receive;

import dev.vc.api.RtxSsrc;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.internal.PayloadTypes;
import dev.vc.transport.udp.rtp.RtxPacket;

/**
 * Puts retransmissions back into their streams: a packet with an RTX payload type (RFC 4588;
 * {@link PayloadTypes#isRtx}) is unwrapped in place into the original (its OSN as sequence number, the associated
 * payload type, the media SSRC paired with its own by {@link RtxSsrc#mediaOf}) and goes on through the rest of the
 * chain as that original would: the NACK list forgets it, frame assembly takes it, a copy that arrived already is a
 * duplicate. Counted per stream ({@code RtpStreamStats.retransmissions} of the remote stream). Other packets pass
 * untouched.
 *
 * <p>Drops {@link ReceiveDropReason#RTX_UNKNOWN_SSRC} (no stream received so far pairs with its SSRC: a
 * retransmission is only ever of something whose stream we know) and {@link ReceiveDropReason#RTX_BAD_OSN} (no
 * OSN, or one that no NACK can have asked for: ahead of the stream's newest, or beyond its reorder window).
 */
final class RtxUnwrapper extends ReceiveStage {
    private final PayloadTypes payloadTypes;
    private final StreamTable streams;
    private final ReceiveDrops drops;

    RtxUnwrapper(PayloadTypes payloadTypes, StreamTable streams, ReceiveDrops drops) {
        this.payloadTypes = payloadTypes;
        this.streams = streams;
        this.drops = drops;
    }

    @Override
    void accept(ReceivedPacket packet) {
        int payloadType = packet.rtp.payloadType();
        if (!payloadTypes.isRtx(payloadType)) {
            next.accept(packet);
            return;
        }
        int mediaSsrc = RtxSsrc.mediaOf(packet.rtp.ssrc());
        ReceiveStream stream = streams.find(mediaSsrc);
        if (stream == null) {
            drops.add(ReceiveDropReason.RTX_UNKNOWN_SSRC);
            return;
        }
        int osn = RtxPacket.originalSequence(packet.rtp);
        if (osn < 0 || !stream.assembler.retransmittable(osn)) {
            drops.add(ReceiveDropReason.RTX_BAD_OSN);
            return;
        }
        packet.length = RtxPacket.unwrap(packet.rtp, 0, packet.length, RtxPacket.associatedPayloadType(payloadType),
                mediaSsrc);
        try {
            packet.rtp.parse(packet.buffer, 0, packet.length);
        } catch (MalformedPacketException e) {
            // Cannot happen: the RTX packet parsed, and the original is its header and its payload less the OSN.
            throw new IllegalStateException("unwrapped RTX does not parse", e);
        }
        if (stream.rtcp != null) {
            stream.rtcp.retransmissionReceived();
        }
        next.accept(packet);
    }
}
