package dev.vc.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of a transport's counters.
 *
 * @param packetsSent      RTP packets sent
 * @param bytesSent        UDP payload bytes sent (media; not the padding that probes the path)
 * @param framesSent       frames sent
 * @param packetsReceived  RTP packets received and accepted
 * @param bytesReceived    UDP payload bytes received
 * @param framesReceived   complete frames handed to the listener
 * @param packetsDropped   packets dropped: malformed, unknown payload, duplicate, too late, buffers full (not
 *                         the padding-only packets that probe the path, listed in {@code dropsByReason} alone)
 * @param framesIncomplete frames discarded because a packet of theirs never arrived
 * @param dropsByReason    the non-zero parts of {@code packetsDropped}, by the transport's name for the reason
 *                         (the {@code udp} transport's: {@code MALFORMED_RTP}, {@code REFLECTED_OWN_SSRC}, ...,
 *                         and {@code PADDING_ONLY}, which is not in {@code packetsDropped}),
 *                         in the order its receive path meets them; empty if the transport does not say
 * @param helloUnansweredMillis how long the relay has left our hellos unanswered (0 when it answers, or without
 *                         a relay): a client says "relay not answering hellos" once this passes a few seconds
 * @param feedbackRefused  feedback from receivers the transport did not act on, by reason (the {@code udp}
 *                         transport's: {@code RETRANSMISSION_BUDGET}, {@code KEYFRAME_INTERVAL}); non-zero only
 * @param uplinkEstimateBps the send-side bandwidth estimate of the path to the remote end (transport-cc), bit/s;
 *                         -1 while there is none (no feedback yet, or a transport without congestion control)
 * @param sendDropsByReason what the transport did not send, by reason (the {@code udp} transport's:
 *                         {@code FRAME_BEFORE_KEYS}, frames held back before an encrypted hop has its keys;
 *                         {@code FRAME_WITHOUT_LAYER}; {@code MEDIA_NOT_PROTECTED} and {@code CONTROL_NOT_PROTECTED},
 *                         RTP and RTCP or retransmissions SRTP refused); non-zero only, empty if the transport does
 *                         not say
 */
public record TransportStats(long packetsSent, long bytesSent, long framesSent, long packetsReceived,
                             long bytesReceived, long framesReceived, long packetsDropped, long framesIncomplete,
                             Map<String, Long> dropsByReason, long helloUnansweredMillis,
                             Map<String, Long> feedbackRefused, long uplinkEstimateBps,
                             Map<String, Long> sendDropsByReason) {
    /** Keeps unmodifiable copies of the maps, in their order. */
    public TransportStats {
        dropsByReason = Collections.unmodifiableMap(new LinkedHashMap<>(dropsByReason));
        feedbackRefused = Collections.unmodifiableMap(new LinkedHashMap<>(feedbackRefused));
        sendDropsByReason = Collections.unmodifiableMap(new LinkedHashMap<>(sendDropsByReason));
    }

    /**
     * Counters with drops by reason, from a transport that sends no hellos, polices no feedback and estimates no
     * bandwidth.
     *
     * @param packetsSent      RTP packets sent
     * @param bytesSent        UDP payload bytes sent
     * @param framesSent       frames sent
     * @param packetsReceived  RTP packets received and accepted
     * @param bytesReceived    UDP payload bytes received
     * @param framesReceived   complete frames handed to the listener
     * @param packetsDropped   packets dropped
     * @param framesIncomplete frames discarded because a packet of theirs never arrived
     * @param dropsByReason    the non-zero parts of {@code packetsDropped}, by reason
     */
    public TransportStats(long packetsSent, long bytesSent, long framesSent, long packetsReceived, long bytesReceived,
                          long framesReceived, long packetsDropped, long framesIncomplete,
                          Map<String, Long> dropsByReason) {
        this(packetsSent, bytesSent, framesSent, packetsReceived, bytesReceived, framesReceived, packetsDropped,
                framesIncomplete, dropsByReason, 0, Map.of(), -1, Map.of());
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
                framesIncomplete, Map.of(), 0, Map.of(), -1, Map.of());
    }
}
