package dev.vc.relay;

/** Why the relay dropped a datagram; each reason has its own counter and metric label. */
public enum DropReason {
    /** Not RTP, RTCP or STUN, or shorter than a header. */
    MALFORMED,
    /** Larger than the relay's MTU. */
    TOO_LARGE,
    /**
     * A datagram whose handling failed inside the relay (a bug the datagram ran into): dropped and counted, so that
     * one packet never stops the media thread that serves everyone (logged at most once a minute).
     */
    INTERNAL_ERROR,
    /** From an address no participant has bound with an authenticated hello. */
    UNBOUND_ADDRESS,
    /** From a bound address but with an SSRC the relay did not assign to that participant. */
    WRONG_SSRC,
    /** A hello with a bad HMAC, an unknown participant, or a replayed counter. */
    BAD_HELLO,
    /** Over the participant's bitrate cap. */
    BITRATE_CAP,
    /** The socket would not take the datagram (send buffer full). */
    SEND_FAILED,
    /** A valid hello from an address another member's live binding holds (a spoofed source). */
    ADDRESS_IN_USE,
    /** A valid hello that would move its member's binding less than a second after the last move. */
    REBIND_LIMITED,
    /** RTCP over the member's RTCP budget (a twentieth of the bitrate cap, at least 64 kbit/s). */
    RTCP_BUDGET,
    /** A PLI or FIR for a stream that was asked for a keyframe less than 500 ms ago. */
    KEYFRAME_REQUEST_COALESCED,
    /**
     * A NACK neither answered from the relay's cache nor passed on: over the requester's retransmission budget,
     * older than the cache, or the sender was passed a NACK less than 100 ms ago.
     */
    NACK_LIMITED,
    /** Transport-cc feedback over the participant's allowance ({@code vc.relay.cc.feedback.per.second}). */
    FEEDBACK_FLOOD,
    /** Transport-cc feedback the estimator could not read (bad chunks, deltas past the end, bad padding). */
    MALFORMED_FEEDBACK,
    /**
     * Feedback (PLI, FIR, NACK) about a stream the relay forwards the requester nothing of at the moment: the
     * requester hides that tile, or one of them is not bound yet.
     */
    NOT_RECEIVING,
    /**
     * A packet of the layer a receiver gets that is older than that receiver's stream of it: from before the switch
     * onto the layer, or more than 16,384 sequence numbers behind the newest forwarded (a late duplicate, or a
     * sender whose numbers jumped back). Counted on the receiver.
     */
    OLDER_THAN_RUN,
    /** A retransmission (RTX) on a sender's RTX SSRC without an original sequence number or an RTX payload type. */
    RTX_MALFORMED,
    /**
     * A retransmission (RTX) whose original sequence number is outside its layer's retransmission cache: older
     * than it, or newer than anything the sender sent; nothing a NACK passed on can have asked for.
     */
    RTX_OUT_OF_WINDOW,
    /** A retransmission (RTX) of a packet the relay holds already (the original came late): nothing new. */
    RTX_DUPLICATE,
    /** RTP or RTCP of a member whose media is SRTP before its DTLS handshake exported keys (or a DTLS datagram before
     * its binding): never forwarded in clear. */
    NOT_KEYED,
    /** SRTP or SRTCP whose authentication tag is wrong: forged, tampered, truncated, or from another key. */
    SRTP_AUTH_FAILED,
    /** SRTP or SRTCP whose index was accepted already, or older than the replay window. */
    SRTP_REPLAYED,
    /** SRTP or SRTCP too short, not version 2, of one SSRC too many, or past its index space. */
    SRTP_INVALID,
    /**
     * A packet the relay would send a member that its sending SRTP context refused: an index it protected already
     * (never reused, as that would repeat a key stream) or none left.
     */
    SRTP_NOT_PROTECTED,
    /**
     * To an ingress's member ({@link IngressSpec}): what the relay would send a participant (PLIs, NACKs passed on,
     * reports, bit rate caps), which a plain RTP sender such as GStreamer or ffmpeg cannot read: never sent.
     */
    NOT_SENT_TO_INGRESS,
    /** At an ingress: from an address other than its sender's (the first one, or not the configured source). */
    OTHER_SOURCE,
    /** At an ingress: RTCP from its sender, whose SSRCs are the sender's own and are read by no one. */
    INGRESS_RTCP,
    /** At an ingress: RTP that came while its member was joining, beyond the packets kept for that moment. */
    INGRESS_BACKLOG_FULL,
    /** At an ingress: RTP that came while the room refused its member (full, or the relay's rooms all taken). */
    INGRESS_REFUSED,
    /**
     * To another relay's participant ({@link Member#via}): what is not feedback about its stream (reports and
     * descriptions of this relay's senders, which its relay gets over the trunk already), or anything before its
     * trunk's media is bound: never sent.
     */
    NOT_SENT_TO_REMOTE,
    /** Over a trunk: RTP with an SSRC that is none of the participants the other relay announced over it. */
    TRUNK_UNKNOWN_SSRC
}
