package dev.vc.relay;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * An open ingress as {@link RelayServer#ingresses()} reports it.
 *
 * @param spec          what it was opened with
 * @param address       the UDP address it listens on (its actual port when opened with port 0)
 * @param state         where its participant is
 * @param sender        the address its participant is bound to, or null while it has none
 * @param participantId its participant's id in the room, or -1 while it has none
 * @param packets       RTP packets it accepted from its sender (forwarded as its participant's)
 * @param drops         datagrams it dropped, by reason: {@link DropReason#OTHER_SOURCE}, {@link DropReason#WRONG_SSRC},
 *                      {@link DropReason#MALFORMED}, {@link DropReason#INGRESS_RTCP}, ... (only those counted)
 */
public record IngressStatus(IngressSpec spec, InetSocketAddress address, State state, InetSocketAddress sender,
                            int participantId, long packets, Map<DropReason, Long> drops) {
    /** Where an ingress's participant is. */
    public enum State {
        /** No participant: nothing sent yet, or silent for the stale timeout (the next packet joins again). */
        IDLE,
        /** The first packet came; its participant is being admitted to the room. */
        JOINING,
        /** Its participant is in the room, and its sender's packets are forwarded. */
        JOINED,
        /** The room refused its participant (full, or the relay has all the rooms it may); it tries again later. */
        REFUSED
    }

    /** Copies the drops. */
    public IngressStatus {
        drops = Map.copyOf(drops);
    }

    /**
     * @param reason a drop reason
     * @return datagrams dropped for it
     */
    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }
}
