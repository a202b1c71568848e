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
    /** Most simulcast layers a participant sends. */
    int MAX_LAYERS = 3;

    /**
     * Client to relay: join a room.
     *
     * @param room        room name, 1..255 bytes
     * @param displayName what others see, 1..255 bytes
     * @param secret      the room secret, empty if the room has none
     * @param sends       codecs the client sends
     * @param receives    codecs the client can decode
     * @param layers      the simulcast layers the client sends, largest first: 1..{@link #MAX_LAYERS}
     * @param mediaFingerprint the SHA-256 fingerprint of the client's DTLS certificate in SDP form
     *                    ({@code sha-256 AB:CD:...}, RFC 8122), the one its media handshake will present; empty for
     *                    plain RTP (insecure media)
     */
    record Join(String room, String displayName, String secret, Set<VideoCodec> sends, Set<VideoCodec> receives,
                List<Layer> layers, String mediaFingerprint) implements ControlMessage {
        /** Copies the sets and checks the fields. */
        public Join {
            checkFingerprint(mediaFingerprint);
            checkString("room", room, 1);
            checkString("displayName", displayName, 1);
            checkString("secret", secret, 0);
            sends = Set.copyOf(sends);
            receives = Set.copyOf(receives);
            layers = List.copyOf(layers);
            if (layers.isEmpty() || layers.size() > MAX_LAYERS) {
                throw new IllegalArgumentException("a join names 1.." + MAX_LAYERS + " layers, got " + layers.size());
            }
        }

        /** A join of a client that sends plain RTP (no media fingerprint). */
        public Join(String room, String displayName, String secret, Set<VideoCodec> sends, Set<VideoCodec> receives,
                    List<Layer> layers) {
            this(room, displayName, secret, sends, receives, layers, "");
        }

        /** A join of a client that sends one stream of a size it does not state, in plain RTP. */
        public Join(String room, String displayName, String secret, Set<VideoCodec> sends, Set<VideoCodec> receives) {
            this(room, displayName, secret, sends, receives, List.of(Layer.UNSTATED));
        }

        /** @return true when the client asked for plain RTP (no fingerprint) */
        public boolean insecureMedia() {
            return mediaFingerprint.isEmpty();
        }

        @Override
        public String toString() {
            return "Join[room=" + room + ", displayName=" + displayName + ", secret=" + (secret.isEmpty() ? "none" : "***")
                    + ", sends=" + sends + ", receives=" + receives + ", layers=" + layers + ", media="
                    + (mediaFingerprint.isEmpty() ? "plain RTP" : mediaFingerprint) + "]";
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
     * @param layerSsrcs      the SSRC of each layer the join named, in its order; the first is {@code ssrc}
     * @param rtxSsrcs        the SSRC each layer's retransmissions (RTX, RFC 4588) travel on, in the same order:
     *                        {@link dev.vc.api.RtxSsrc#of} of the layer's SSRC
     * @param mediaFingerprint the SHA-256 fingerprint of the relay's DTLS certificate in SDP form
     *                        ({@code sha-256 AB:CD:...}), what the client's media handshake must see; empty when the
     *                        media is plain RTP (the join asked for it and the relay allows it)
     */
    record JoinAccepted(int participantId, int ssrc, int mediaPort, byte[] sessionKey, int keepaliveMillis,
                        List<Participant> roster, List<Integer> layerSsrcs, List<Integer> rtxSsrcs,
                        String mediaFingerprint)
            implements ControlMessage {
        /** Length of {@link #sessionKey()}. */
        public static final int KEY_BYTES = 32;

        /** Copies the key and roster and checks the fields. */
        public JoinAccepted {
            checkFingerprint(mediaFingerprint);
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
            layerSsrcs = List.copyOf(layerSsrcs);
            if (layerSsrcs.isEmpty() || layerSsrcs.size() > MAX_LAYERS || layerSsrcs.get(0) != ssrc
                    || Set.copyOf(layerSsrcs).size() != layerSsrcs.size()) {
                throw new IllegalArgumentException("layer SSRCs must be 1.." + MAX_LAYERS
                        + " distinct values starting with the SSRC");
            }
            rtxSsrcs = List.copyOf(rtxSsrcs);
            if (rtxSsrcs.size() != layerSsrcs.size()) {
                throw new IllegalArgumentException("one RTX SSRC per layer SSRC");
            }
            for (int i = 0; i < rtxSsrcs.size(); i++) {
                if (rtxSsrcs.get(i) != dev.vc.api.RtxSsrc.of(layerSsrcs.get(i))) {
                    throw new IllegalArgumentException("RTX SSRCs must pair with the layer SSRCs (RtxSsrc.of)");
                }
            }
        }

        /** An acceptance whose RTX SSRCs follow {@link dev.vc.api.RtxSsrc#of} from the layer SSRCs. */
        public JoinAccepted(int participantId, int ssrc, int mediaPort, byte[] sessionKey, int keepaliveMillis,
                            List<Participant> roster, List<Integer> layerSsrcs, String mediaFingerprint) {
            this(participantId, ssrc, mediaPort, sessionKey, keepaliveMillis, roster, layerSsrcs,
                    layerSsrcs.stream().map(dev.vc.api.RtxSsrc::of).toList(), mediaFingerprint);
        }

        /** An acceptance with plain RTP media whose RTX SSRCs follow {@link dev.vc.api.RtxSsrc#of}. */
        public JoinAccepted(int participantId, int ssrc, int mediaPort, byte[] sessionKey, int keepaliveMillis,
                            List<Participant> roster, List<Integer> layerSsrcs) {
            this(participantId, ssrc, mediaPort, sessionKey, keepaliveMillis, roster, layerSsrcs, "");
        }

        /** An acceptance of a single-layer join, with plain RTP media. */
        public JoinAccepted(int participantId, int ssrc, int mediaPort, byte[] sessionKey, int keepaliveMillis,
                            List<Participant> roster) {
            this(participantId, ssrc, mediaPort, sessionKey, keepaliveMillis, roster, List.of(ssrc));
        }

        @Override
        public byte[] sessionKey() {
            return sessionKey.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JoinAccepted a && a.participantId == participantId && a.ssrc == ssrc
                    && a.mediaPort == mediaPort && java.util.Arrays.equals(a.sessionKey, sessionKey)
                    && a.keepaliveMillis == keepaliveMillis && a.roster.equals(roster) && a.layerSsrcs.equals(layerSsrcs)
                    && a.rtxSsrcs.equals(rtxSsrcs) && a.mediaFingerprint.equals(mediaFingerprint);
        }

        @Override
        public int hashCode() {
            return Objects.hash(participantId, ssrc, mediaPort, java.util.Arrays.hashCode(sessionKey), keepaliveMillis,
                    roster, layerSsrcs, rtxSsrcs, mediaFingerprint);
        }

        @Override
        public String toString() {
            return "JoinAccepted[participantId=" + participantId + ", ssrc=" + Integer.toHexString(ssrc) + ", mediaPort="
                    + mediaPort + ", keepaliveMillis=" + keepaliveMillis + ", roster=" + roster + ", layers="
                    + layerSsrcs.size() + ", media=" + (mediaFingerprint.isEmpty() ? "plain RTP" : mediaFingerprint) + "]";
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

    /**
     * Relay to client: which of its simulcast layers anyone receives. The client encodes only those; a layer
     * that comes back starts with a keyframe. Sent when the set changes.
     *
     * @param mask bit {@code k} set when layer {@code k} is wanted
     */
    record LayersWanted(int mask) implements ControlMessage {
        /** Checks the field. */
        public LayersWanted {
            if (mask < 0 || mask >= 1 << MAX_LAYERS) {
                throw new IllegalArgumentException("layer mask out of range: " + mask);
            }
        }

        /**
         * @param layer a layer index
         * @return whether it is wanted
         */
        public boolean wants(int layer) {
            return (mask & 1 << layer) != 0;
        }
    }

    /**
     * Client to relay: the size at which the client shows a participant's video, so the relay forwards the
     * smallest layer that fills it. 0 x 0: not shown (nothing is forwarded). Sent when a tile's size changes.
     *
     * @param participantId whose video
     * @param width         the tile's width in pixels, 0..65535
     * @param height        the tile's height in pixels, 0..65535
     */
    record ViewSize(int participantId, int width, int height) implements ControlMessage {
        /** Checks the fields. */
        public ViewSize {
            if (width < 0 || width > 0xFFFF || height < 0 || height > 0xFFFF) {
                throw new IllegalArgumentException("view size out of range: " + width + "x" + height);
            }
        }
    }

    /**
     * Client to relay, before {@link Join} on a new connection: asks that the join resume the participant this
     * token was issued to (same participant id and SSRCs) if the relay still knows it; otherwise the join is an
     * ordinary one. A token of zeros ({@link #NO_SESSION}) names no one: the client has no earlier session and says
     * it understands {@link ResumeToken}, which the relay sends only to clients that sent this. The token is a
     * secret: it is never logged.
     *
     * @param token the token of the last {@link ResumeToken}, {@link #RESUME_TOKEN_BYTES} bytes
     */
    record Resume(byte[] token) implements ControlMessage {
        /** The resume of a client with no earlier session: a token of zeros, which no participant has. */
        public static final Resume NO_SESSION = new Resume(new byte[RESUME_TOKEN_BYTES]);

        /** Copies the token and checks its length. */
        public Resume {
            token = checkToken(token);
        }

        @Override
        public byte[] token() {
            return token.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Resume r && java.util.Arrays.equals(r.token, token);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(token);
        }

        @Override
        public String toString() {
            return "Resume[token=***]";
        }
    }

    /**
     * Relay to client, right after {@link JoinAccepted}: the token with which a later connection may resume this
     * participant ({@link Resume}). A secret: never logged.
     *
     * @param token {@link #RESUME_TOKEN_BYTES} bytes
     */
    record ResumeToken(byte[] token) implements ControlMessage {
        /** Copies the token and checks its length. */
        public ResumeToken {
            token = checkToken(token);
        }

        @Override
        public byte[] token() {
            return token.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ResumeToken r && java.util.Arrays.equals(r.token, token);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(token);
        }

        @Override
        public String toString() {
            return "ResumeToken[token=***]";
        }
    }

    /**
     * Relay to client, in answer to {@link Join} instead of {@link JoinAccepted}: the room is served by another relay
     * of the relay's cluster, which the client joins instead (the same join, its {@link Resume} token included),
     * verifying that relay's certificate under the same trust. Then the connection closes. A relay without a cluster
     * never sends it.
     *
     * @param host        the other relay's control host, as its certificate names it (1..255 UTF-8 bytes)
     * @param controlPort its control port, 1..65535
     */
    record Redirect(String host, int controlPort) implements ControlMessage {
        /** Checks the host and port. */
        public Redirect {
            checkString("host", host, 1);
            if (controlPort < 1 || controlPort > 0xFFFF) {
                throw new IllegalArgumentException("redirect port out of range 1..65535: " + controlPort);
            }
        }
    }

    /**
     * Relay to relay, instead of {@link Join}: a relay that serves {@code room} too opens a trunk to this one (one per
     * pair of relays and room). The answer is {@link JoinAccepted}, whose roster lists this relay's own participants
     * only; from then on each side tells the other of its own participants' arrivals and departures with
     * {@link ParticipantJoined} and {@link ParticipantLeft} on this connection, and the media hop carries each side's
     * participants' streams once. A relay checks {@code proof} against the cluster's trunk secret before anything else.
     *
     * @param room             the room, 1..255 UTF-8 bytes
     * @param relayId          the opening relay's id, for logs, 1..255 UTF-8 bytes
     * @param proof            HMAC-SHA256 of the room and relay id under the cluster's trunk secret, {@value #PROOF_BYTES}
     *                         bytes
     * @param mediaFingerprint the opening relay's DTLS certificate fingerprint in SDP form; empty for plain RTP
     */
    record Trunk(String room, String relayId, byte[] proof, String mediaFingerprint) implements ControlMessage {
        /** Length of {@link #proof()}. */
        public static final int PROOF_BYTES = 32;

        /** Copies the proof and checks the fields. */
        public Trunk {
            checkString("room", room, 1);
            checkString("relayId", relayId, 1);
            checkFingerprint(mediaFingerprint);
            Objects.requireNonNull(proof, "proof");
            if (proof.length != PROOF_BYTES) {
                throw new IllegalArgumentException("a trunk proof is " + PROOF_BYTES + " bytes, got " + proof.length);
            }
            proof = proof.clone();
        }

        @Override
        public byte[] proof() {
            return proof.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Trunk t && t.room.equals(room) && t.relayId.equals(relayId)
                    && java.util.Arrays.equals(t.proof, proof) && t.mediaFingerprint.equals(mediaFingerprint);
        }

        @Override
        public int hashCode() {
            return Objects.hash(room, relayId, java.util.Arrays.hashCode(proof), mediaFingerprint);
        }

        @Override
        public String toString() {
            return "Trunk[room=" + room + ", relayId=" + relayId + ", proof=***]";
        }
    }

    /** Length of a resume token: the participant id (4 bytes) and 16 random bytes. */
    int RESUME_TOKEN_BYTES = 20;

    private static byte[] checkToken(byte[] token) {
        Objects.requireNonNull(token, "token");
        if (token.length != RESUME_TOKEN_BYTES) {
            throw new IllegalArgumentException("a resume token is " + RESUME_TOKEN_BYTES + " bytes, got " + token.length);
        }
        return token.clone();
    }

    /**
     * One simulcast layer a client sends.
     *
     * @param width      picture width in pixels, 0..65535 (0: not stated)
     * @param height     picture height in pixels, 0..65535 (0: not stated)
     * @param bitrateBps the most it sends, bit/s (0: not stated)
     */
    record Layer(int width, int height, int bitrateBps) {
        /** A layer whose size and rate are not stated. */
        public static final Layer UNSTATED = new Layer(0, 0, 0);

        /** Checks the fields. */
        public Layer {
            if (width < 0 || width > 0xFFFF || height < 0 || height > 0xFFFF || bitrateBps < 0) {
                throw new IllegalArgumentException("layer out of range: " + width + "x" + height + " " + bitrateBps);
            }
        }
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
        RATE_LIMITED,
        /** The client asked for plain RTP media and the relay speaks only SRTP, or the other way round. */
        MEDIA_SECURITY_MISMATCH,
        /**
         * The relay is part of a cluster whose directory (Redis) it cannot reach, and the room is not served here: it
         * cannot tell where the room is. Try again shortly; rooms the relay serves keep taking joins meanwhile.
         */
        CLUSTER_UNAVAILABLE
    }

    /** The SDP form of a SHA-256 fingerprint (RFC 8122): the hash function, a space, 32 upper-case hex pairs. */
    java.util.regex.Pattern MEDIA_FINGERPRINT = java.util.regex.Pattern.compile("sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}");

    private static void checkFingerprint(String fingerprint) {
        Objects.requireNonNull(fingerprint, "mediaFingerprint");
        if (!fingerprint.isEmpty() && !MEDIA_FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("a media fingerprint is empty or 'sha-256 AB:CD:...' (32 upper-case hex"
                    + " pairs), got '" + fingerprint + "'");
        }
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
