package dev.vc.transport.udp.internal.receive;

import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.internal.PayloadTypes;

/**
 * Maps the packet's payload type to the codec it carries ({@link PayloadTypes}), which picks the frame
 * assembler. Drops {@link ReceiveDropReason#UNKNOWN_PAYLOAD_TYPE}.
 */
final class PayloadTypeMapper extends ReceiveStage {
    private final PayloadTypes payloadTypes;
    private final ReceiveDrops drops;

    /**
     * @param payloadTypes the payload types accepted, and the codec each carries
     * @param drops        where drops are counted
     */
    PayloadTypeMapper(PayloadTypes payloadTypes, ReceiveDrops drops) {
        this.payloadTypes = payloadTypes;
        this.drops = drops;
    }

    @Override
    void accept(ReceivedPacket packet) {
        VideoCodec codec = payloadTypes.codecOf(packet.rtp.payloadType());
        if (codec == null) {
            drops.add(ReceiveDropReason.UNKNOWN_PAYLOAD_TYPE);
            return;
        }
        packet.codec = codec;
        next.accept(packet);
    }
}
