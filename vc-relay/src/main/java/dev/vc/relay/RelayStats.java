package dev.vc.relay;

/**
 * A snapshot of a relay's counters since it started.
 *
 * @param participants   participants currently known
 * @param packetsIn      datagrams accepted for forwarding
 * @param bytesIn        bytes accepted
 * @param packetsOut     datagrams sent
 * @param bytesOut       bytes sent
 * @param droppedInvalid datagrams dropped because they are not RTP/RTCP or too large
 * @param droppedFull    datagrams dropped because they came from a new address while the relay was full
 * @param sendFailures   datagrams the socket refused to send
 */
public record RelayStats(int participants, long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                         long droppedInvalid, long droppedFull, long sendFailures) {
}
