package dev.vc.api.session;

import dev.vc.api.RtpStreamStats;
import dev.vc.api.TransportStats;

import java.util.List;

/**
 * A snapshot of one participant's counters, cumulative since it started.
 *
 * @param name           display name
 * @param ssrc           the local stream's SSRC
 * @param framesCaptured frames read from the source
 * @param framesDropped  captured frames dropped because the send thread fell behind (ring full)
 * @param framesEncoded  captured frames encoded (in at least one simulcast layer) and handed to the transport
 * @param framesSkippedByEncoder frames the encoders skipped (no output, e.g. to hold their bitrate), all layers
 * @param keyframes      keyframes among the encoded frames (the first, periodic ones, those receivers asked for, a
 *                       layer's first after a pause), all layers
 * @param sendErrors     frames lost to scaling, encoder or transport errors, all layers
 * @param framesRendered remote frames decoded and rendered, all streams together
 * @param framesRejected remote frames dropped before decoding (no decoder, too many streams)
 * @param streams        per remote stream figures
 * @param transport      the transport's packet counters
 * @param rtp            the transport's RTP/RTCP figures per stream (NACKs, retransmissions, PLIs): the local
 *                       stream first, then each remote one; empty for transports without RTCP
 * @param framesSkippedForBandwidth captured frames skipped before encoding because the uplink's bandwidth
 *                       estimate ({@link TransportStats#uplinkEstimateBps()}) was below the floor
 * @param layers         per simulcast layer of the local stream, largest first (one for a sender without simulcast)
 */
public record ParticipantStats(String name, int ssrc, long framesCaptured, long framesDropped, long framesEncoded,
                               long framesSkippedByEncoder, long keyframes, long sendErrors, long framesRendered,
                               long framesRejected, List<StreamStats> streams, TransportStats transport,
                               List<RtpStreamStats> rtp, long framesSkippedForBandwidth, List<SendLayerStats> layers) {
    /** Copies the layers. */
    public ParticipantStats {
        layers = List.copyOf(layers);
    }

    /** Figures without per-layer ones (none). */
    public ParticipantStats(String name, int ssrc, long framesCaptured, long framesDropped, long framesEncoded,
                            long framesSkippedByEncoder, long keyframes, long sendErrors, long framesRendered,
                            long framesRejected, List<StreamStats> streams, TransportStats transport,
                            List<RtpStreamStats> rtp, long framesSkippedForBandwidth) {
        this(name, ssrc, framesCaptured, framesDropped, framesEncoded, framesSkippedByEncoder, keyframes, sendErrors,
                framesRendered, framesRejected, streams, transport, rtp, framesSkippedForBandwidth, List.of());
    }

    /** Figures without frames skipped for bandwidth (0). */
    public ParticipantStats(String name, int ssrc, long framesCaptured, long framesDropped, long framesEncoded,
                            long framesSkippedByEncoder, long keyframes, long sendErrors, long framesRendered,
                            long framesRejected, List<StreamStats> streams, TransportStats transport,
                            List<RtpStreamStats> rtp) {
        this(name, ssrc, framesCaptured, framesDropped, framesEncoded, framesSkippedByEncoder, keyframes, sendErrors,
                framesRendered, framesRejected, streams, transport, rtp, 0);
    }

    /** @return how many simulcast layers were sent at the last captured frame */
    public int layersActive() {
        int active = 0;
        for (SendLayerStats layer : layers) {
            if (layer.active()) {
                active++;
            }
        }
        return active;
    }
}
