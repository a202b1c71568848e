package dev.vc.transport.udp.internal.receive;

/**
 * Drops our own packets coming back to us (a relay or a loop that reflects them), recognised by the SSRC of any
 * of our layers: {@link ReceiveDropReason#REFLECTED_OWN_SSRC}.
 */
final class ReflectionFilter extends ReceiveStage {
    private final int[] ownSsrcs;
    private final ReceiveDrops drops;

    /**
     * @param ownSsrcs the local layers' SSRCs
     * @param drops    where drops are counted
     */
    ReflectionFilter(int[] ownSsrcs, ReceiveDrops drops) {
        this.ownSsrcs = ownSsrcs.clone();
        this.drops = drops;
    }

    @Override
    void accept(ReceivedPacket packet) {
        int ssrc = packet.rtp.ssrc();
        for (int own : ownSsrcs) {
            if (ssrc == own) {
                drops.add(ReceiveDropReason.REFLECTED_OWN_SSRC);
                return;
            }
        }
        next.accept(packet);
    }
}
