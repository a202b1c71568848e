package dev.vc.transport.udp.rtcp;

/**
 * Receives what {@link RtcpReader} finds in a compound RTCP packet, one callback per item, so reading
 * allocates nothing. Every method has an empty default: implement what you need.
 */
public interface RtcpHandler {
    /**
     * Every packet of a compound, before its content is reported: what a router needs to check who sent it and
     * where it goes without understanding every type.
     *
     * @param type          the packet type (200..223, e.g. {@link RtcpReader#SR}, {@link RtcpReader#PSFB})
     * @param countOrFormat the five-bit field after the version: a count, or FMT for feedback
     * @param ssrc          the SSRC of the packet's first word: the sender's for SR, RR, APP and feedback, the
     *                      first chunk's or source's for SDES and BYE; 0 when the packet has no such word
     * @param mediaSsrc     for feedback ({@link RtcpReader#RTPFB}, {@link RtcpReader#PSFB}) the media source
     *                      it is about; 0 otherwise
     */
    default void onPacket(int type, int countOrFormat, int ssrc, int mediaSsrc) {
    }

    /**
     * A sender report's sender info (RFC 3550 §6.4.1).
     *
     * @param ssrc         the sender
     * @param ntpTimestamp 64-bit NTP wall-clock time of the report
     * @param rtpTimestamp the RTP timestamp corresponding to that time
     * @param packets      packets sent so far
     * @param octets       payload octets sent so far
     */
    default void onSenderReport(int ssrc, long ntpTimestamp, int rtpTimestamp, long packets, long octets) {
    }

    /**
     * One reception report block of an SR or RR (RFC 3550 §6.4.1).
     *
     * @param reporter         SSRC of the receiver that wrote the report
     * @param source           SSRC of the stream reported on
     * @param fractionLost     fraction lost since the previous report, in 1/256
     * @param cumulativeLost   packets lost since the start (24-bit signed)
     * @param extendedHighest  extended highest sequence number received
     * @param jitter           interarrival jitter in RTP timestamp units
     * @param lastSr           middle 32 bits of the NTP time of the last SR received from {@code source}, 0 if none
     * @param delaySinceLastSr delay since that SR, in 1/65536 s
     */
    default void onReportBlock(int reporter, int source, int fractionLost, int cumulativeLost, long extendedHighest,
                               long jitter, long lastSr, long delaySinceLastSr) {
    }

    /**
     * A Picture Loss Indication (RFC 4585 §6.3.1): {@code media} should send a keyframe.
     *
     * @param sender who asks
     * @param media  the stream asked for a keyframe
     */
    default void onPictureLossIndication(int sender, int media) {
    }

    /**
     * One FCI entry of a Full Intra Request (RFC 5104 §4.3.1): {@code media} should send a keyframe. Unlike a PLI,
     * a FIR names the stream in its FCI, not in the header's media source field (which is 0).
     *
     * @param sender   who asks
     * @param media    the stream asked for a keyframe
     * @param sequence the request's command sequence number, 0..255 (a repeat carries the same one)
     */
    default void onFullIntraRequest(int sender, int media, int sequence) {
    }

    /**
     * One FCI entry of a Generic NACK (RFC 4585 §6.2.1): packet {@code pid} is lost, and so is
     * {@code pid + i + 1} for every bit {@code i} set in {@code blp}.
     *
     * @param sender who asks
     * @param media  the stream whose packets are lost
     * @param pid    a lost sequence number
     * @param blp    bitmask of following lost packets
     */
    default void onNack(int sender, int media, int pid, int blp) {
    }

    /**
     * One FCI entry of a TMMBR, a Temporary Maximum Media Stream Bit Rate Request (RFC 5104 §4.2.1): {@code media}
     * should send at most {@code maxBitrateBps} until told otherwise, and answer with a TMMBN.
     *
     * @param sender        who asks (the packet's sender SSRC)
     * @param media         the stream the limit is for (the FCI's SSRC; the header's media source is 0)
     * @param maxBitrateBps the limit, bit/s ({@code mantissa << exponent}; {@link Long#MAX_VALUE} if larger)
     * @param overhead      the per-packet overhead the requester measured below RTP, bytes (0..511)
     */
    default void onTmmbr(int sender, int media, long maxBitrateBps, int overhead) {
    }

    /**
     * One FCI entry of a TMMBN, a Temporary Maximum Media Stream Bit Rate Notification (RFC 5104 §4.2.2): the
     * media sender {@code sender} tells which limits it now obeys (its bounding set); an empty TMMBN reports none.
     *
     * @param sender        the media sender that notifies (the packet's sender SSRC)
     * @param owner         the SSRC of the requester whose limit is in the bounding set (the FCI's SSRC)
     * @param maxBitrateBps the limit, bit/s
     * @param overhead      its overhead, bytes
     */
    default void onTmmbn(int sender, int owner, long maxBitrateBps, int overhead) {
    }

    /**
     * A BYE (RFC 3550 §6.6): the source is leaving.
     *
     * @param ssrc the source
     */
    default void onBye(int ssrc) {
    }

    /**
     * A transport-cc feedback message (RTPFB FMT {@value RtcpReader#TRANSPORT_CC}), handed over whole for
     * {@code dev.vc.transport.udp.cc.SendSideBandwidthEstimator#onFeedback} or
     * {@code TransportFeedbackReader}; its content is not checked here. Called after {@link #onPacket}.
     *
     * @param packet the datagram
     * @param offset where the feedback's RTCP header starts
     * @param length its length in bytes, padding included
     */
    default void onTransportFeedback(byte[] packet, int offset, int length) {
    }
}
