package dev.vc.transport.udp.srtp;

/**
 * Why an {@link SrtpContext} refused a packet: each reason has its own counter
 * ({@link SrtpContext#failures(SrtpFailure)}) and its own {@link SrtpException}. Receiving, every reason but
 * {@link #REPEATED_INDEX} is a packet from the network, dropped and counted; sending, a refusal is a packet of
 * ours that must not leave.
 */
public enum SrtpFailure {
    /** Shorter than its header plus the authentication tag (and, for SRTCP, the index), or a header that overruns it. */
    TOO_SHORT("shorter than its header and tag"),
    /** Not RTP/RTCP version 2. */
    NOT_VERSION_2("not version 2"),
    /** The authentication tag does not match: tampered, truncated, or protected with another key. */
    AUTHENTICATION_FAILED("authentication failed"),
    /** An index that was accepted already (RFC 3711 section 3.3.2). */
    REPLAYED("replayed"),
    /** An index too far behind the newest accepted to be checked against the replay window: dropped. */
    TOO_OLD("older than the replay window"),
    /** A new SSRC while the context holds as many SSRCs as it may ({@code maxSsrcs}). */
    UNKNOWN_SSRC_LIMIT("too many SSRCs"),
    /**
     * Sending: an index (SSRC, rollover counter, sequence number) protected once already. Protecting it again would
     * reuse a key stream (AES-CM) or a nonce (AES-GCM); retransmissions need sequence numbers of their own.
     */
    REPEATED_INDEX("index protected already"),
    /** The SRTP index (2^48) or, sending, the SRTCP index (2^31) is used up; the hop must be keyed again. */
    KEY_EXHAUSTED("index space used up");

    private final String description;

    SrtpFailure(String description) {
        this.description = description;
    }

    /** @return what went wrong, for a person (never names a key) */
    public String description() {
        return description;
    }
}
