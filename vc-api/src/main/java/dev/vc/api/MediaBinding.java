package dev.vc.api;

/**
 * What a relay granted a participant on its control channel, which the transport needs to send media: the
 * SSRC to send with, the participant id and session key that sign the media hello proving the
 * participant's UDP address (see {@code docs/relay.md}), and, for encrypted media, the identity the transport
 * keys SRTP with and the fingerprint the relay's DTLS certificate must have.
 *
 * @param participantId the id the relay assigned
 * @param ssrc          the SSRC the relay assigned; the transport must send with it
 * @param sessionKey    the 32-byte key of the hello's HMAC
 * @param layerSsrcs    the SSRC of each simulcast layer, largest first; the first is {@code ssrc}
 * @param identity      the transport's own DTLS identity (from {@link TransportProvider#newMediaIdentity()}), whose
 *                      fingerprint the join carried; null for plain RTP
 * @param relayFingerprint the fingerprint of the relay's DTLS certificate from {@code JOIN_ACCEPTED}
 *                      ({@code sha-256 AB:CD:...}); null for plain RTP
 */
public record MediaBinding(int participantId, int ssrc, byte[] sessionKey, java.util.List<Integer> layerSsrcs,
                           MediaIdentity identity, String relayFingerprint) {
    /** Copies the key and checks the layers. */
    public MediaBinding {
        if ((identity == null) != (relayFingerprint == null)) {
            throw new IllegalArgumentException("encrypted media needs both an identity and the relay's fingerprint");
        }
        if (sessionKey == null || sessionKey.length == 0) {
            throw new IllegalArgumentException("session key required");
        }
        sessionKey = sessionKey.clone();
        layerSsrcs = java.util.List.copyOf(layerSsrcs);
        if (layerSsrcs.isEmpty() || layerSsrcs.get(0) != ssrc) {
            throw new IllegalArgumentException("layer SSRCs must start with the SSRC");
        }
    }

    /** A binding of plain RTP media. */
    public MediaBinding(int participantId, int ssrc, byte[] sessionKey, java.util.List<Integer> layerSsrcs) {
        this(participantId, ssrc, sessionKey, layerSsrcs, null, null);
    }

    /** A binding for a stream of one layer, plain RTP. */
    public MediaBinding(int participantId, int ssrc, byte[] sessionKey) {
        this(participantId, ssrc, sessionKey, java.util.List.of(ssrc));
    }

    /** @return true when the media is plain RTP (no identity) */
    public boolean insecure() {
        return identity == null;
    }

    @Override
    public byte[] sessionKey() {
        return sessionKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaBinding b && b.participantId == participantId && b.ssrc == ssrc
                && java.util.Arrays.equals(b.sessionKey, sessionKey) && b.layerSsrcs.equals(layerSsrcs)
                && java.util.Objects.equals(b.identity, identity)
                && java.util.Objects.equals(b.relayFingerprint, relayFingerprint);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * participantId + ssrc) + java.util.Arrays.hashCode(sessionKey)) + layerSsrcs.hashCode();
    }

    @Override
    public String toString() {
        return "MediaBinding[participantId=" + participantId + ", ssrc=" + Integer.toHexString(ssrc) + ", layers="
                + layerSsrcs.size() + ", media=" + (identity == null ? "plain RTP" : "SRTP") + "]";
    }
}
