package dev.vc.api;

/**
 * A snapshot of a transport's counters.
 *
 * @param packetsSent      RTP packets sent
 * @param bytesSent        UDP payload bytes sent
 * @param framesSent       frames sent
 * @param packetsReceived  RTP packets received and accepted
 * @param bytesReceived    UDP payload bytes received
 * @param framesReceived   complete frames handed to the listener
 * @param packetsDropped   packets dropped: malformed, unknown payload, duplicate, too late, buffers full
 * @param framesIncomplete frames discarded because a packet of theirs never arrived
 */
public record TransportStats(long packetsSent, long bytesSent, long framesSent, long packetsReceived,
                             long bytesReceived, long framesReceived, long packetsDropped, long framesIncomplete) {
}
