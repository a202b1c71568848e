package dev.vc.api.session;

import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Follows the room's roster from the control channel: maps SSRCs to display names for the receive pipeline
 * and to participant ids for view size reports, and reports departures (so a leaver's tile goes at once, not after the stale timeout) and a lost relay.
 */
final class RosterNames implements ControlClient.Listener {
    private static final System.Logger LOG = System.getLogger(RosterNames.class.getName());

    private final Map<Integer, ControlMessage.Participant> byId = new ConcurrentHashMap<>();
    private volatile IntConsumer leftSsrc = ssrc -> { };
    private volatile Consumer<String> disconnected = reason -> { };

    /** Takes the roster the join answer carried. */
    void track(ControlClient control) {
        control.roster().forEach(this::onParticipantJoined);
    }

    void onLeft(IntConsumer handler) {
        this.leftSsrc = handler;
    }

    void onDisconnected(Consumer<String> handler) {
        this.disconnected = handler;
    }

    /** @return the display name of whoever sends {@code ssrc}, or null */
    String nameOf(int ssrc) {
        for (ControlMessage.Participant p : byId.values()) {
            if (p.ssrc() == ssrc) {
                return p.displayName();
            }
        }
        return null;
    }

    /** @return the participant id of whoever sends {@code ssrc}, or -1 */
    int participantOf(int ssrc) {
        for (ControlMessage.Participant p : byId.values()) {
            if (p.ssrc() == ssrc) {
                return p.participantId();
            }
        }
        return -1;
    }

    @Override
    public void onParticipantJoined(ControlMessage.Participant participant) {
        byId.put(participant.participantId(), participant);
    }

    @Override
    public void onParticipantLeft(int participantId, String reason) {
        ControlMessage.Participant left = byId.remove(participantId);
        if (left != null) {
            LOG.log(System.Logger.Level.INFO, "{0} left: {1}", left.displayName(), reason);
            leftSsrc.accept(left.ssrc());
        }
    }

    @Override
    public void onDisconnected(String reason) {
        disconnected.accept(reason);
    }
}
