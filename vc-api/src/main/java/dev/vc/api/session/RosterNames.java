package dev.vc.api.session;

import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.DisplayNames;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the room's roster from the control channel: maps SSRCs to display names for the receive pipeline
 * and to participant ids for view size reports, and tells its {@link Presence} of arrivals and departures (so a
 * leaver's tile goes at once, not after the stale timeout). Display names are cleaned ({@link DisplayNames})
 * whatever the relay sent. After a reconnection {@link #replace} turns the new session's roster into the
 * arrivals and departures that happened meanwhile.
 */
final class RosterNames implements ControlClient.Listener {
    private static final System.Logger LOG = System.getLogger(RosterNames.class.getName());

    /** Told of each change, on the thread that made it. */
    interface Presence {
        /**
         * @param member who arrived, or whose entry changed
         * @param before its previous entry when it was already known (a resumed member), else null
         */
        void joined(ControlMessage.Participant member, ControlMessage.Participant before);

        /**
         * @param member who left
         * @param reason why, for a person
         */
        void left(ControlMessage.Participant member, String reason);
    }

    private final Map<Integer, ControlMessage.Participant> byId = new ConcurrentHashMap<>();
    private volatile Presence presence = new Presence() {
        @Override
        public void joined(ControlMessage.Participant member, ControlMessage.Participant before) {
        }

        @Override
        public void left(ControlMessage.Participant member, String reason) {
        }
    };

    /** Takes the roster the join answer carried. */
    void track(ControlClient control) {
        control.roster().forEach(this::onParticipantJoined);
    }

    void presence(Presence handler) {
        this.presence = handler;
    }

    /** @return the members now, names cleaned */
    List<ControlMessage.Participant> members() {
        return List.copyOf(byId.values());
    }

    /**
     * A new session's roster replaces the old one: members missing from it left ("gone"), new ones joined.
     *
     * @param roster the roster of the new session's join answer
     */
    synchronized void replace(List<ControlMessage.Participant> roster) {
        Set<Integer> present = new HashSet<>();
        for (ControlMessage.Participant p : roster) {
            present.add(p.participantId());
        }
        for (ControlMessage.Participant old : List.copyOf(byId.values())) {
            if (!present.contains(old.participantId())) {
                onParticipantLeft(old.participantId(), "gone");
            }
        }
        roster.forEach(this::onParticipantJoined);
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
        ControlMessage.Participant cleaned = new ControlMessage.Participant(participant.participantId(),
                participant.ssrc(), DisplayNames.clean(participant.displayName()), participant.codec());
        ControlMessage.Participant before = byId.put(cleaned.participantId(), cleaned);
        if (!cleaned.equals(before)) {
            presence.joined(cleaned, before);
        }
    }

    @Override
    public void onParticipantLeft(int participantId, String reason) {
        ControlMessage.Participant left = byId.remove(participantId);
        if (left != null) {
            LOG.log(System.Logger.Level.INFO, "{0} left: {1}", left.displayName(), reason);
            presence.left(left, reason);
        }
    }
}
