package dev.vc.bench.conference;

import dev.vc.api.session.ParticipantStats;
import dev.vc.api.session.StreamStats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What was lost between capture and render over a window, by where and why. Frames unless the name says
 * packets; the two packet counts are not frames and are not in {@link #frames()}.
 *
 * @param captureRingFull    captured frames dropped because the send thread was still busy (ring full)
 * @param encoderSkipped     frames the encoder took without producing output (rate control)
 * @param sendErrors         frames lost to encoder or transport errors on the send side
 * @param transportIncomplete remote frames the transport discarded because a packet never arrived
 * @param transportPackets   packets the transport dropped (malformed, duplicate, too late, buffers full, own)
 * @param receiveRejected    remote frames dropped before decoding (no decoder, too many streams)
 * @param decodeBehind       remote frames replaced by a newer one before decoding (decoding fell behind)
 * @param awaitingKeyframe   remote frames discarded while their stream waited for a keyframe
 * @param noPicture          remote frames the decoder took without returning a picture
 * @param decodeErrors       remote frames the decoder rejected
 * @param relayPackets       datagrams the relay dropped, from or to this participant (or all, for a room)
 */
record FrameDrops(long captureRingFull, long encoderSkipped, long sendErrors, long transportIncomplete,
                  long transportPackets, long receiveRejected, long decodeBehind, long awaitingKeyframe,
                  long noPicture, long decodeErrors, long relayPackets) {
    /** Nothing dropped. */
    static final FrameDrops NONE = new FrameDrops(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Column names, in component order, for tables. */
    static final List<String> COLUMNS = List.of("drop_capture_ring_full", "drop_encoder_skipped", "drop_send_errors",
            "drop_transport_incomplete", "drop_transport_packets", "drop_receive_rejected", "drop_decode_behind",
            "drop_awaiting_keyframe", "drop_no_picture", "drop_decode_errors", "drop_relay_packets");

    /**
     * @param before       the participant's counters when the window opened
     * @param after        its counters when the window closed
     * @param relayPackets what the relay dropped of its datagrams in the window
     * @return the drops in the window
     */
    static FrameDrops between(ParticipantStats before, ParticipantStats after, long relayPackets) {
        return new FrameDrops(after.framesDropped() - before.framesDropped(),
                after.framesSkippedByEncoder() - before.framesSkippedByEncoder(),
                after.sendErrors() - before.sendErrors(),
                after.transport().framesIncomplete() - before.transport().framesIncomplete(),
                after.transport().packetsDropped() - before.transport().packetsDropped(),
                after.framesRejected() - before.framesRejected(),
                streamDelta(before, after, StreamStats::framesSkipped),
                streamDelta(before, after, StreamStats::framesAwaitingKeyframe),
                streamDelta(before, after, StreamStats::framesNoPicture),
                streamDelta(before, after, StreamStats::decodeErrors),
                relayPackets);
    }

    /**
     * @param before  counters when the window opened
     * @param after   counters when it closed
     * @param counter one per-stream counter
     * @return its growth over all remote streams; a stream that appeared in the window counts from 0
     */
    static long streamDelta(ParticipantStats before, ParticipantStats after, ToLongFunction<StreamStats> counter) {
        Map<Integer, Long> start = new HashMap<>();
        before.streams().forEach(s -> start.put(s.stream().ssrc(), counter.applyAsLong(s)));
        long sum = 0;
        for (StreamStats s : after.streams()) {
            sum += counter.applyAsLong(s) - start.getOrDefault(s.stream().ssrc(), 0L);
        }
        return sum;
    }

    /**
     * @param other more drops
     * @return the sum of both
     */
    FrameDrops plus(FrameDrops other) {
        return new FrameDrops(captureRingFull + other.captureRingFull, encoderSkipped + other.encoderSkipped,
                sendErrors + other.sendErrors, transportIncomplete + other.transportIncomplete,
                transportPackets + other.transportPackets, receiveRejected + other.receiveRejected,
                decodeBehind + other.decodeBehind, awaitingKeyframe + other.awaitingKeyframe,
                noPicture + other.noPicture, decodeErrors + other.decodeErrors, relayPackets + other.relayPackets);
    }

    /**
     * @param relayPackets the relay's count to use instead (for a room: including drops tied to no participant)
     * @return these drops with that relay count
     */
    FrameDrops withRelayPackets(long relayPackets) {
        return new FrameDrops(captureRingFull, encoderSkipped, sendErrors, transportIncomplete, transportPackets,
                receiveRejected, decodeBehind, awaitingKeyframe, noPicture, decodeErrors, relayPackets);
    }

    /** @return the counts in {@link #COLUMNS} order */
    List<Long> values() {
        return List.of(captureRingFull, encoderSkipped, sendErrors, transportIncomplete, transportPackets,
                receiveRejected, decodeBehind, awaitingKeyframe, noPicture, decodeErrors, relayPackets);
    }

    /** @return frames lost on the way, every reason together (the two packet counts left out) */
    long frames() {
        return captureRingFull + encoderSkipped + sendErrors + transportIncomplete + receiveRejected + decodeBehind
                + awaitingKeyframe + noPicture + decodeErrors;
    }
}
