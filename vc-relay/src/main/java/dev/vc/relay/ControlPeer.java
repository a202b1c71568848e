package dev.vc.relay;

import dev.vc.api.control.ControlMessage;

import java.net.InetSocketAddress;

/** The control-channel end of one participant, as the room directory sees it: somewhere to send messages. */
interface ControlPeer {
    /** Queues a message for the participant; never blocks. */
    void send(ControlMessage message);

    /** @return the participant's control-connection address, for logs */
    InetSocketAddress remote();

    /** Ends the connection once what is queued is sent (a trunk no longer needed); nothing for other peers. */
    default void end() {
    }
}
