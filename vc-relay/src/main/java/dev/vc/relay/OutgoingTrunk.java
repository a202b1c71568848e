package dev.vc.relay;

import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.RelayTrust;

import java.net.InetSocketAddress;

/**
 * A control connection this relay opens to another relay to ask for a trunk ({@link ControlMessage.Trunk}): where
 * to, what to send first, how the other relay is verified, and who hears the answer and the end. The control thread
 * connects it without blocking and drives it with the connections it accepted ({@link ControlServer#openTrunk}); once
 * accepted it is a trunk member's connection like the accepting relay's end, kept alive and timed out the same way.
 *
 * @param peer     the other relay's control address
 * @param trust    how it is verified (the cluster's shared certificate pinned, or plain TCP when insecure)
 * @param request  the {@code TRUNK} message
 * @param listener told of the answer and the end, on the control thread
 */
record OutgoingTrunk(InetSocketAddress peer, RelayTrust trust, ControlMessage.Trunk request, Listener listener) {
    /** Hears what becomes of the connection; control thread. */
    interface Listener {
        /**
         * The other relay accepted the trunk.
         *
         * @param connection the trunk's connection
         * @param accepted   the answer
         * @return the trunk member now served by the connection, or null to close it
         */
        Member accepted(ControlPeer connection, ControlMessage.JoinAccepted accepted);

        /**
         * The connection ended, was refused, or never opened; called once.
         *
         * @param reason  why, for the log
         * @param refused the other relay answered with a refusal (not worth asking again at once)
         */
        void ended(String reason, boolean refused);
    }
}
