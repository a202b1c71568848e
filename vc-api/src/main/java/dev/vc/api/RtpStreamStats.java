package dev.vc.api;

/**
 * RTP/RTCP figures of one stream a transport sends or receives (RFC 3550 §6.4 reception statistics,
 * RFC 4585 feedback).
 *
 * @param ssrc             the stream
 * @param sending          true for the local stream, false for a remote one
 * @param packets          RTP packets sent (local) or received (remote)
 * @param bytes            UDP payload bytes sent or received
 * @param packetsLost      local: the highest cumulative loss a receiver reported; remote: packets never received
 * @param fractionLost     local: the highest fraction a receiver reported for its last interval; remote: our
 *                         fraction for the last report interval (0..1)
 * @param jitterMillis     interarrival jitter (local: as reported by receivers), milliseconds
 * @param roundTripMillis  local: round-trip time from the last receiver report's LSR/DLSR; NaN when unknown
 * @param nacks            local: lost packets receivers asked for; remote: lost packets we asked for (a packet
 *                         asked for again while it stays missing counts again)
 * @param retransmissions  local: packets sent again (as RTX) in answer to NACKs; remote: retransmissions (RTX)
 *                         received and put back into the stream
 * @param keyframeRequests local: PLIs received; remote: PLIs sent
 */
public record RtpStreamStats(int ssrc, boolean sending, long packets, long bytes, long packetsLost,
                             double fractionLost, double jitterMillis, double roundTripMillis, long nacks,
                             long retransmissions, long keyframeRequests) {
}
