package dev.vc.relay;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of a relay's state and counters.
 *
 * @param rooms            rooms with at least one member
 * @param connections      open control connections (joined or not)
 * @param joinsRejected    joins refused (bad secret, full, malformed, rate limited)
 * @param keyframeRequests PLIs the relay sent to senders because someone joined
 * @param unattributedDrops datagrams dropped before they could be tied to a participant, by reason
 * @param members          one entry per participant
 * @param retransmissions  packets the relay resent from its caches in answer to NACKs
 * @param connectionsClosed control connections the relay closed on its own, by reason: {@code max_connections},
 *                         {@code max_per_address}, {@code join_timeout}
 * @param acceptFailures   times accepting a control connection failed (out of file descriptors), each followed
 *                         by a pause
 */
public record RelayStats(int rooms, int connections, long joinsRejected, long keyframeRequests,
                         Map<DropReason, Long> unattributedDrops, List<MemberStats> members, long retransmissions,
                         Map<String, Long> connectionsClosed, long acceptFailures) {
    /** @return datagrams forwarded to participants, all together */
    public long packetsOut() {
        return members.stream().mapToLong(MemberStats::packetsOut).sum();
    }

    /** @return datagrams accepted from participants, all together */
    public long packetsIn() {
        return members.stream().mapToLong(MemberStats::packetsIn).sum();
    }

    /**
     * @param reason a drop reason
     * @return datagrams dropped for that reason, attributed or not
     */
    public long dropped(DropReason reason) {
        return unattributedDrops.getOrDefault(reason, 0L)
                + members.stream().mapToLong(m -> m.drops().getOrDefault(reason, 0L)).sum();
    }

    /**
     * One participant's figures.
     *
     * @param room        room name
     * @param id          participant id
     * @param displayName display name
     * @param ssrc        assigned SSRC
     * @param bound       whether its media address is proven
     * @param stale       whether its stream is currently reported stale
     * @param packetsIn   datagrams it sent that were accepted
     * @param bytesIn     bytes it sent that were accepted
     * @param packetsOut  datagrams forwarded to it
     * @param bytesOut    bytes forwarded to it
     * @param bitrateIn   its accepted send rate over the last second, bits per second
     * @param drops       its datagrams dropped (or not delivered to it), by reason
     * @param downlinkEstimateBps the relay's bandwidth estimate of its link to the participant (transport-cc
     *                    feedback from it), bits per second; -1 until its first feedback
     * @param uplinkFeedbackSent  transport-cc feedback messages the relay sent it about its uplink
     * @param downlinkFeedbackTaken transport-cc feedback messages taken from it about its downlink
     */
    public record MemberStats(String room, int id, String displayName, int ssrc, boolean bound, boolean stale,
                              long packetsIn, long bytesIn, long packetsOut, long bytesOut, long bitrateIn,
                              Map<DropReason, Long> drops, long downlinkEstimateBps, long uplinkFeedbackSent,
                              long downlinkFeedbackTaken) {
    }

    /**
     * The participants' downlink estimates, sorted, for a bounded summary (no series per participant).
     *
     * @return the known estimates ({@code downlinkEstimateBps >= 0}), lowest first
     */
    public long[] downlinkEstimates() {
        return members.stream().mapToLong(MemberStats::downlinkEstimateBps).filter(v -> v >= 0).sorted().toArray();
    }
}
