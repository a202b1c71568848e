package dev.vc.transport.udp.internal.receive;

/**
 * Drops padding-only packets (the P bit set and nothing left once the padding is removed, RFC 3550 §5.1): a
 * sender's or the relay's probe of the path, never media, whatever its SSRC or sequence number, so it opens no
 * stream and touches no sequence window. After the {@link TransportSequenceRecorder}, so its arrival is in the
 * transport-cc feedback and the probe is measured. Drops {@link ReceiveDropReason#PADDING_ONLY}, which is not an
 * error.
 */
final class PaddingFilter extends ReceiveStage {
    private final ReceiveDrops drops;

    PaddingFilter(ReceiveDrops drops) {
        this.drops = drops;
    }

    @Override
    void accept(ReceivedPacket packet) {
        if (packet.rtp.paddingOnly()) {
            drops.add(ReceiveDropReason.PADDING_ONLY);
            return;
        }
        next.accept(packet);
    }
}
