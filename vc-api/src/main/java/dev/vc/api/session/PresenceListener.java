package dev.vc.api.session;

import dev.vc.api.control.ControlMessage;

/**
 * Who is in the room, and whether this participant is connected: for a participant list, "X joined" notices and a
 * "reconnecting" status. Register with {@link Participant#addPresenceListener}. Called on the participant's control
 * or reconnect thread: quick, and never blocking (hand work to the user interface's thread).
 */
public interface PresenceListener {
    /**
     * Someone entered the room (with video or not). Also called after a reconnection for each member that came
     * in meanwhile.
     *
     * @param member who, its display name already cleaned ({@link dev.vc.api.control.DisplayNames})
     */
    default void memberJoined(ControlMessage.Participant member) {
    }

    /**
     * Someone left the room.
     *
     * @param member who
     * @param reason for a person: {@code left}, {@code timed out}, {@code connection lost}, or {@code gone} when it
     *               left while this participant was reconnecting
     */
    default void memberLeft(ControlMessage.Participant member, String reason) {
    }

    /**
     * The connection to the relay changed state.
     *
     * @param state  the new state
     * @param detail for a person: why it was lost, the attempt being made, or why it gave up
     */
    default void connectionChanged(ConnectionState state, String detail) {
    }
}
