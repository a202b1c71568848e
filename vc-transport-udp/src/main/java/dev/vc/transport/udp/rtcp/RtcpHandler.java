package dev.vc.transport.udp.rtcp;

/**
 * Receives what {@link RtcpReader} finds in a compound RTCP packet, one callback per item, so reading
 * allocates nothing. Every method has an empty default: implement what you need.
 */
public interface RtcpHandler {
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
     * A BYE (RFC 3550 §6.6): the source is leaving.
     *
     * @param ssrc the source
     */
    default void onBye(int ssrc) {
    }
}
