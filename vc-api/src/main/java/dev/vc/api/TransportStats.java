package dev.vc.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * @param dropsByReason    the non-zero parts of {@code packetsDropped}, by the transport's name for the reason
 *                         (the {@code udp} transport's: {@code MALFORMED_RTP}, {@code REFLECTED_OWN_SSRC}, ...),
 *                         in the order its receive path meets them; empty if the transport does not say
 * @param uplinkEstimateBps the send-side bandwidth estimate of the path to the remote end (transport-cc), bit/s;
 *                         -1 while there is none (no feedback yet, or a transport without congestion control)
 */
public record TransportStats(long packetsSent, long bytesSent, long framesSent, long packetsReceived,
                             long bytesReceived, long framesReceived, long packetsDropped, long framesIncomplete,
                             Map<String, Long> dropsByReason, long uplinkEstimateBps) {
    /** Keeps an unmodifiable copy of the drops by reason, in their order. */
    public TransportStats {
        dropsByReason = Collections.unmodifiableMap(new LinkedHashMap<>(dropsByReason));
    }

    /**
     * Counters without a bandwidth estimate.
     *
     * @see #TransportStats(long, long, long, long, long, long, long, long, Map, long)
     */
    public TransportStats(long packetsSent, long bytesSent, long framesSent, long packetsReceived, long bytesReceived,
                          long framesReceived, long packetsDropped, long framesIncomplete,
                          Map<String, Long> dropsByReason) {
        this(packetsSent, bytesSent, framesSent, packetsReceived, bytesReceived, framesReceived, packetsDropped,
                framesIncomplete, dropsByReason, -1);
    }

    /**
     * Counters without drops by reason.
     *
     * @param packetsSent      RTP packets sent
     * @param bytesSent        UDP payload bytes sent
     * @param framesSent       frames sent
     * @param packetsReceived  RTP packets received and accepted
     * @param bytesReceived    UDP payload bytes received
     * @param framesReceived   complete frames handed to the listener
     * @param packetsDropped   packets dropped
     * @param framesIncomplete frames discarded because a packet of theirs never arrived
     */
    public TransportStats(long packetsSent, long bytesSent, long framesSent, long packetsReceived, long bytesReceived,
                          long framesReceived, long packetsDropped, long framesIncomplete) {
        this(packetsSent, bytesSent, framesSent, packetsReceived, bytesReceived, framesReceived, packetsDropped,
                framesIncomplete, Map.of());
    }
}
