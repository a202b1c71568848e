package dev.vc.transport.udp.internal.receive;

/**
 * Drops our own packets coming back to us (a relay or a loop that reflects them), recognised by our SSRC:
 * {@link ReceiveDropReason#REFLECTED_OWN_SSRC}.
 */
final class ReflectionFilter extends ReceiveStage {
    private final int ownSsrc;
    private final ReceiveDrops drops;

    /**
     * @param ownSsrc the local stream's SSRC
     * @param drops   where drops are counted
     */
    ReflectionFilter(int ownSsrc, ReceiveDrops drops) {
        this.ownSsrc = ownSsrc;
        this.drops = drops;
    }

    @Override
    void accept(ReceivedPacket packet) {
        if (packet.rtp.ssrc() == ownSsrc) {
            drops.add(ReceiveDropReason.REFLECTED_OWN_SSRC);
            return;
        }
        next.accept(packet);
    }
}
