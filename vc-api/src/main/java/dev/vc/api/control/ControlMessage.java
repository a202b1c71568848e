package dev.vc.api.control;

import dev.vc.api.VideoCodec;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The messages of vc's control channel between a participant and the relay (TCP, see
 * {@code docs/relay.md}). {@link ControlCodec} turns them into bytes and back.
 */
public sealed interface ControlMessage {
    /** Largest string field, in UTF-8 bytes. */
    int MAX_STRING_BYTES = 255;

    /**
     * Client to relay: join a room.
     *
     * @param room        room name, 1..255 bytes
     * @param displayName what others see, 1..255 bytes
     * @param secret      the room secret, empty if the room has none
     * @param sends       codecs the client sends
     * @param receives    codecs the client can decode
     */
    record Join(String room, String displayName, String secret, Set<VideoCodec> sends, Set<VideoCodec> receives)
            implements ControlMessage {
        /** Copies the sets and checks the fields. */
        public Join {
            checkString("room", room, 1);
            checkString("displayName", displayName, 1);
            checkString("secret", secret, 0);
            sends = Set.copyOf(sends);
            receives = Set.copyOf(receives);
        }

        @Override
        public String toString() {
            return "Join[room=" + room + ", displayName=" + displayName + ", secret=" + (secret.isEmpty() ? "none" : "***")
                    + ", sends=" + sends + ", receives=" + receives + "]";
        }
    }

    /**
     * Relay to client: the join succeeded.
     *
     * @param participantId   the participant's id in the room
     * @param ssrc            the SSRC the client must send with; the relay drops any other
     * @param mediaPort       the relay's UDP media port
     * @param sessionKey      32 random bytes keying the media hello's HMAC
     * @param keepaliveMillis how often the client must send {@link Keepalive}
     * @param roster          the participants already in the room
     */
    record JoinAccepted(int participantId, int ssrc, int mediaPort, byte[] sessionKey, int keepaliveMillis,
                        List<Participant> roster) implements ControlMessage {
        /** Length of {@link #sessionKey()}. */
        public static final int KEY_BYTES = 32;

        /** Copies the key and roster and checks the fields. */
        public JoinAccepted {
            if (sessionKey.length != KEY_BYTES) {
                throw new IllegalArgumentException("session key must be " + KEY_BYTES + " bytes");
            }
            if (mediaPort < 1 || mediaPort > 65535) {
                throw new IllegalArgumentException("media port out of range: " + mediaPort);
            }
            if (keepaliveMillis < 1) {
                throw new IllegalArgumentException("keepalive must be positive");
            }
            sessionKey = sessionKey.clone();
            roster = List.copyOf(roster);
        }

        @Override
        public byte[] sessionKey() {
            return sessionKey.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JoinAccepted a && a.participantId == participantId && a.ssrc == ssrc
                    && a.mediaPort == mediaPort && java.util.Arrays.equals(a.sessionKey, sessionKey)
                    && a.keepaliveMillis == keepaliveMillis && a.roster.equals(roster);
        }

        @Override
        public int hashCode() {
            return Objects.hash(participantId, ssrc, mediaPort, java.util.Arrays.hashCode(sessionKey), keepaliveMillis,
                    roster);
        }

        @Override
        public String toString() {
            return "JoinAccepted[participantId=" + participantId + ", ssrc=" + Integer.toHexString(ssrc) + ", mediaPort="
                    + mediaPort + ", keepaliveMillis=" + keepaliveMillis + ", roster=" + roster + "]";
        }
    }

    /**
     * Relay to client: the join failed; the relay closes the connection after sending this.
     *
     * @param reason why
     * @param detail for a person
     */
    record JoinRejected(RejectReason reason, String detail) implements ControlMessage {
        /** Checks the fields. */
        public JoinRejected {
            Objects.requireNonNull(reason, "reason");
            checkString("detail", detail, 0);
        }
    }

    /**
     * Relay to client: someone joined the room.
     *
     * @param participant who
     */
    record ParticipantJoined(Participant participant) implements ControlMessage {
        /** Checks the field. */
        public ParticipantJoined {
            Objects.requireNonNull(participant, "participant");
        }
    }

    /**
     * Relay to client: someone left (or was dropped after missing keepalives).
     *
     * @param participantId who
     * @param reason        for a person, e.g. "left", "timed out"
     */
    record ParticipantLeft(int participantId, String reason) implements ControlMessage {
        /** Checks the field. */
        public ParticipantLeft {
            checkString("reason", reason, 0);
        }
    }

    /**
     * Relay to client: a participant's stream went silent for the stale timeout, or resumed.
     *
     * @param participantId whose stream
     * @param stale         true when it went silent, false when it resumed
     */
    record StreamState(int participantId, boolean stale) implements ControlMessage {
    }

    /** Client to relay: leaving; the relay tells the room and closes the connection. */
    record Leave() implements ControlMessage {
    }

    /** Either way: still here. A client that sends none for three keepalive periods is removed. */
    record Keepalive() implements ControlMessage {
    }

    /**
     * A room member as the roster shows it.
     *
     * @param participantId the id the relay assigned
     * @param ssrc          the SSRC of their video stream
     * @param displayName   their display name
     * @param codec         the codec they send
     */
    record Participant(int participantId, int ssrc, String displayName, VideoCodec codec) {
        /** Checks the fields. */
        public Participant {
            checkString("displayName", displayName, 1);
            Objects.requireNonNull(codec, "codec");
        }
    }

    /** Why a join was refused. */
    enum RejectReason {
        /** The room has a secret and the join's did not match. */
        BAD_SECRET,
        /** The room has its maximum number of participants. */
        ROOM_FULL,
        /** The relay has its maximum number of rooms. */
        SERVER_FULL,
        /** The join was malformed or asked for something the relay cannot do. */
        BAD_REQUEST,
        /** The client speaks a protocol version the relay does not. */
        UNSUPPORTED_VERSION,
        /** Too many join attempts from this address; try later. */
        RATE_LIMITED
    }

    private static void checkString(String name, String value, int minBytes) {
        Objects.requireNonNull(value, name);
        int bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes < minBytes || bytes > MAX_STRING_BYTES) {
            throw new IllegalArgumentException(name + " must be " + minBytes + ".." + MAX_STRING_BYTES
                    + " UTF-8 bytes, got " + bytes);
        }
    }
}
