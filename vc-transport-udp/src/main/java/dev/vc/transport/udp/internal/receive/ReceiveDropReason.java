package dev.vc.transport.udp.internal.receive;

/**
 * Why the receive chain dropped a datagram: each reason belongs to one stage and has its own counter
 * ({@link ReceiveDrops}); the sum of the {@link #error() errors} is the transport's {@code packetsDropped}. In
 * chain order.
 */
public enum ReceiveDropReason {
    /** Demultiplexer: a STUN datagram that is not the relay's valid answer to our hello, or no relay is bound. */
    UNEXPECTED_STUN,
    /** Demultiplexer: a DTLS datagram (first byte 20..63) while no media handshake runs (plain RTP, or too early). */
    UNEXPECTED_DTLS,
    /**
     * Demultiplexer, SrtpUnprotect: RTCP of an encrypted hop before its DTLS handshake exported keys, and RTP then
     * beyond what {@link EarlySrtp} keeps (or with no handshake under way).
     */
    NOT_KEYED,
    /** Demultiplexer, SrtpUnprotect: SRTP or SRTCP whose authentication tag is wrong (forged, tampered, truncated). */
    SRTP_AUTH_FAILED,
    /** Demultiplexer, SrtpUnprotect: SRTP or SRTCP whose index was accepted already (a replay). */
    SRTP_REPLAYED,
    /** Demultiplexer, SrtpUnprotect: SRTP or SRTCP older than the replay window. */
    SRTP_TOO_OLD,
    /** Demultiplexer, SrtpUnprotect: SRTP or SRTCP too short, not version 2, of one SSRC too many, or past its index. */
    SRTP_INVALID,
    /** Demultiplexer: RTCP that {@code RtcpReader} cannot read. */
    MALFORMED_RTCP,
    /** RtpParser: not a valid RTP packet (version, length, padding, CSRC list or extension). */
    MALFORMED_RTP,
    /**
     * PaddingFilter: a padding-only packet (a probe of the path, RFC 3550 §5.1), recorded for transport-cc
     * feedback and then dropped, whatever its SSRC. Expected, not an error: not part of {@code packetsDropped}.
     */
    PADDING_ONLY(false),
    /** ReflectionFilter: our own SSRC, a packet of ours reflected back to us. */
    REFLECTED_OWN_SSRC,
    /**
     * RtxUnwrapper: a retransmission (RTX payload type) whose SSRC pairs with no remote stream received so far
     * ({@link dev.vc.api.RtxSsrc#mediaOf}).
     */
    RTX_UNKNOWN_SSRC,
    /**
     * RtxUnwrapper: a retransmission without an original sequence number, or whose original sequence number is
     * ahead of its stream's newest or more than the reorder window behind it: nothing a NACK asked for.
     */
    RTX_BAD_OSN,
    /** PayloadTypeMapper: a payload type that maps to no codec. */
    UNKNOWN_PAYLOAD_TYPE,
    /** FrameAssembly: a payload malformed on its own (a bad JPEG or H.264 payload header). */
    MALFORMED_PAYLOAD,
    /** FrameAssembly: a sequence number that arrived already. */
    DUPLICATE,
    /** FrameAssembly: a sequence number too far behind the newest to matter. */
    TOO_OLD,
    /** FrameAssembly: a packet of a frame already delivered or discarded. */
    FRAME_ALREADY_CLOSED,
    /** FrameAssembly: a packet of a new frame older than every pending one, with no slot free. */
    NO_FRAME_SLOT,
    /** FrameAssembly: a payload its frame holds already (the same fragment under another sequence number). */
    NOTHING_NEW,
    /** FrameAssembly: a payload that cannot belong to its frame, which is discarded with it. */
    NOT_OF_FRAME,
    /**
     * FrameAssembly: a complete frame whose packets do not make a valid frame after all. Counts the frame once;
     * its packets were accepted one by one before.
     */
    FRAME_UNWRITABLE;

    private final boolean error;

    ReceiveDropReason() {
        this(true);
    }

    ReceiveDropReason(boolean error) {
        this.error = error;
    }

    /** @return whether the drop means something went wrong (bad input, loss, limits), so it counts as a drop */
    public boolean error() {
        return error;
    }
}
