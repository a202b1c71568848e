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
 * @param framesEncoded  frames encoded and handed to the transport
 * @param framesSkippedByEncoder captured frames the encoder skipped (no output, e.g. to hold its bitrate)
 * @param keyframes      keyframes among the encoded frames (the first, periodic ones and those receivers asked for)
 * @param sendErrors     frames lost to encoder or transport errors
 * @param framesRendered remote frames decoded and rendered, all streams together
 * @param framesRejected remote frames dropped before decoding (no decoder, too many streams)
 * @param streams        per remote stream figures
 * @param transport      the transport's packet counters
 * @param rtp            the transport's RTP/RTCP figures per stream (NACKs, retransmissions, PLIs): the local
 *                       stream first, then each remote one; empty for transports without RTCP
 * @param framesSkippedForBandwidth captured frames skipped before encoding because the uplink's bandwidth
 *                       estimate ({@link TransportStats#uplinkEstimateBps()}) was below the floor
 */
public record ParticipantStats(String name, int ssrc, long framesCaptured, long framesDropped, long framesEncoded,
                               long framesSkippedByEncoder, long keyframes, long sendErrors, long framesRendered,
                               long framesRejected, List<StreamStats> streams, TransportStats transport,
                               List<RtpStreamStats> rtp, long framesSkippedForBandwidth) {
    /** Figures without frames skipped for bandwidth (0). */
    public ParticipantStats(String name, int ssrc, long framesCaptured, long framesDropped, long framesEncoded,
                            long framesSkippedByEncoder, long keyframes, long sendErrors, long framesRendered,
                            long framesRejected, List<StreamStats> streams, TransportStats transport,
                            List<RtpStreamStats> rtp) {
        this(name, ssrc, framesCaptured, framesDropped, framesEncoded, framesSkippedByEncoder, keyframes, sendErrors,
                framesRendered, framesRejected, streams, transport, rtp, 0);
    }
}
