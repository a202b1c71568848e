package dev.vc.transport.udp.internal.receive;

/**
 * One step of the receive chain, one job, named by its role. A stage takes a {@link ReceivedPacket} and
 * either passes it to {@link #next} or ends its way here: handed elsewhere (the demultiplexer routes STUN and
 * RTCP away), consumed (the last stage), or dropped, counted under the stage's {@link ReceiveDropReason}. A
 * stage that drops nothing says so in its Javadoc.
 *
 * <p>Each stage calls {@code next.accept(packet)} from its own code: every such call site sees one class only,
 * so the JIT inlines the whole chain, as if it were one method. Receive thread only; no stage allocates per
 * packet.
 */
abstract class ReceiveStage {
    /** The stage after this one; null for the last. Set once, by {@link #chain}. */
    ReceiveStage next;

    /** @param packet the datagram, with what earlier stages learned of it */
    abstract void accept(ReceivedPacket packet);

    /**
     * Links stages in the order given.
     *
     * @param stages the stages, in the order a datagram meets them
     * @return the first
     */
    static ReceiveStage chain(ReceiveStage... stages) {
        for (int i = 0; i + 1 < stages.length; i++) {
            stages[i].next = stages[i + 1];
        }
        return stages[0];
    }
}
