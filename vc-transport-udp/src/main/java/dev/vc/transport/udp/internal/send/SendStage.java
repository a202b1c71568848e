package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.PacketSink;

/**
 * One step of the send chain, between the packetizer and the socket: takes each packet the packetizer writes
 * and passes it to {@link #next}, or, for the last stage, puts it on the wire. The packet buffer belongs to
 * the packetizer: a stage that keeps a packet copies it.
 *
 * <p>Send thread only.
 */
abstract class SendStage implements PacketSink {
    /** The stage after this one; null for the last. Set once, by {@link #chain}. */
    SendStage next;

    /**
     * Links stages in the order given.
     *
     * @param stages the stages, in the order a packet meets them
     * @return the first
     */
    static SendStage chain(SendStage... stages) {
        for (int i = 0; i + 1 < stages.length; i++) {
            stages[i].next = stages[i + 1];
        }
        return stages[0];
    }
}
