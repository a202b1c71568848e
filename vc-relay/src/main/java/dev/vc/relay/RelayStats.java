package dev.vc.relay;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of a relay's state and counters.
 *
 * @param rooms            rooms with at least one member
 * @param connections      open control connections (joined or not)
 * @param joinsRejected    joins refused (bad secret, full, malformed, rate limited)
 * @param keyframeRequests PLIs the relay sent to senders of its own: someone joined, or a receiver's layer changed
 * @param unattributedDrops datagrams dropped before they could be tied to a participant, by reason
 * @param members          one entry per participant
 * @param retransmissions  packets the relay resent from its caches in answer to NACKs
 * @param connectionsClosed control connections the relay closed on its own, by reason: {@code max_connections},
 *                         {@code max_per_address}, {@code join_timeout}, {@code tls_handshake_timeout},
 *                         {@code tls_failed}, {@code plain_on_tls}, {@code tls_on_plain}, {@code garbage}
 * @param acceptFailures   times accepting a control connection failed (out of file descriptors), each followed
 *                         by a pause
 * @param simulcast        the per-receiver layer forwarding's counters
 * @param mediaSecurity    the media's DTLS-SRTP keying
 * @param totals           joins, departures and traffic since the relay started, departed participants included
 * @param cluster          the relay's view of its cluster, or null when it stands alone
 * @param trunks           its trunks to other relays of its rooms
 */
public record RelayStats(int rooms, int connections, long joinsRejected, long keyframeRequests,
                         Map<DropReason, Long> unattributedDrops, List<MemberStats> members, long retransmissions,
                         Map<String, Long> connectionsClosed, long acceptFailures, SimulcastStats simulcast,
                         MediaSecurityStats mediaSecurity, Totals totals,
                         dev.vc.relay.placement.ClusterStats cluster, TrunkStats trunks) {
    /**
     * The relay's trunks to other relays that serve its rooms too ({@code docs/cluster.md}): those open now, and what
     * every trunk carried since the relay started, closed ones included.
     *
     * @param open                 trunks open now, opened here or accepted
     * @param remoteStreams        other relays' participants they carry now (remote members)
     * @param packetsIn            datagrams that came over trunks
     * @param bytesIn              their bytes
     * @param packetsOut           datagrams sent over trunks
     * @param bytesOut             their bytes
     * @param announcementsRefused messages from a trunk's other relay refused: a participant announced twice, an
     *                             SSRC taken here, more participants than a relay's room holds, an unexpected message
     * @param reopened             trunks this relay opened again after one was lost
     * @param givenUp              trunks it gave up after its attempts in a row failed
     */
    public record TrunkStats(int open, int remoteStreams, long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                             long announcementsRefused, long reopened, long givenUp) {
        /** No trunk, ever. */
        public static final TrunkStats NONE = new TrunkStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

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
     * @param role        a participant of this relay's own, a trunk to another relay of the room, or another relay's
     *                    participant (its media over a trunk)
     */
    public record MemberStats(String room, int id, String displayName, int ssrc, boolean bound, boolean stale,
                              long packetsIn, long bytesIn, long packetsOut, long bytesOut, long bitrateIn,
                              Map<DropReason, Long> drops, long downlinkEstimateBps, long uplinkFeedbackSent,
                              long downlinkFeedbackTaken, Role role) {
    }

    /** What a member of a room is on this relay ({@code docs/cluster.md}, rooms that span relays). */
    public enum Role {
        /** A participant joined to this relay. */
        PARTICIPANT,
        /** A trunk to another relay that serves the room too: no participant, in no roster. */
        TRUNK,
        /** A participant of another relay of the room, whose media comes over a trunk. */
        REMOTE
    }

    /**
     * What simulcast forwarding did, all participants together (no series per participant).
     *
     * @param layerSwitches      times a receiver's stream of a sender started on a layer or changed layer (at a
     *                           keyframe)
     * @param forwardedByLayer   RTP packets forwarded of each layer, index = layer
     * @param paddingPackets     padding-only RTP packets (bandwidth probes) taken for transport-cc and not forwarded
     * @param layersWantedSent   {@code LAYERS_WANTED} messages sent to senders
     * @param nackTranslated     NACKed sequence numbers translated to a layer's own
     * @param nackUnanswerable   NACKed sequence numbers the relay's caches could not answer (untranslatable, of a
     *                           layer no longer forwarded, outside a cache's window, or lost before the relay)
     * @param viewSizesIgnored   {@code VIEW_SIZE} messages naming no room-mate of their sender
     * @param layerUpgrades      times layer selection moved a receiver to a larger layer of a sender (or brought
     *                           a left-out sender back)
     * @param layerDowngrades    times it moved a receiver to a smaller layer (or left a sender out)
     * @param layerCuts          times a receiver's larger layer of a sender was stopped at once, its downlink's
     *                           queue full, rather than flowing until the smaller layer's keyframe
     * @param probeClusters      probe clusters sent to receivers' downlinks
     * @param probePackets       padding packets those clusters took
     * @param capRequests        TMMBRs sent to senders: layer caps and their lifting
     * @param capNotifications   TMMBNs senders answered them with
     * @param pacedPackets       forwarded packets that waited in a receiver's pacer
     * @param pacedEarly         of those, packets that left before the budget allowed (the wait or count limit)
     */
    public record SimulcastStats(long layerSwitches, long[] forwardedByLayer, long paddingPackets,
                                 long layersWantedSent, long nackTranslated, long nackUnanswerable,
                                 long viewSizesIgnored, long layerUpgrades, long layerDowngrades, long layerCuts,
                                 long probeClusters, long probePackets, long capRequests, long capNotifications,
                                 long pacedPackets, long pacedEarly) {
        /** Copies the array. */
        public SimulcastStats {
            forwardedByLayer = forwardedByLayer.clone();
        }

        @Override
        public long[] forwardedByLayer() {
            return forwardedByLayer.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SimulcastStats s && s.layerSwitches == layerSwitches
                    && java.util.Arrays.equals(s.forwardedByLayer, forwardedByLayer) && s.paddingPackets == paddingPackets
                    && s.layersWantedSent == layersWantedSent && s.nackTranslated == nackTranslated
                    && s.nackUnanswerable == nackUnanswerable && s.viewSizesIgnored == viewSizesIgnored
                    && s.layerUpgrades == layerUpgrades && s.layerDowngrades == layerDowngrades && s.layerCuts == layerCuts
                    && s.probeClusters == probeClusters && s.probePackets == probePackets
                    && s.capRequests == capRequests && s.capNotifications == capNotifications
                    && s.pacedPackets == pacedPackets && s.pacedEarly == pacedEarly;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(layerSwitches, java.util.Arrays.hashCode(forwardedByLayer), paddingPackets,
                    layersWantedSent, nackTranslated, nackUnanswerable, viewSizesIgnored, layerUpgrades, layerDowngrades,
                    layerCuts, probeClusters, probePackets, capRequests, capNotifications, pacedPackets, pacedEarly);
        }

        @Override
        public String toString() {
            return "SimulcastStats[layerSwitches=" + layerSwitches + ", forwardedByLayer="
                    + java.util.Arrays.toString(forwardedByLayer) + ", paddingPackets=" + paddingPackets
                    + ", layersWantedSent=" + layersWantedSent + ", nackTranslated=" + nackTranslated
                    + ", nackUnanswerable=" + nackUnanswerable + ", viewSizesIgnored=" + viewSizesIgnored + "]";
        }
    }

    /**
     * The relay's totals since it started; none of them ever goes down (a participant's own figures are added in
     * as it leaves).
     *
     * @param joins         joins accepted (resumptions included)
     * @param joinsRejected joins refused, by the protocol's reason ({@code bad_secret}, {@code room_full}, ...,
     *                      lower case)
     * @param leaves        departures, by reason: {@code left}, {@code connection_lost}, {@code timed_out},
     *                      {@code media_handshake_failed}, {@code kicked}, {@code resumed} (the member came back on
     *                      another connection: its old one ended), {@code other}
     * @param packetsIn     datagrams accepted from participants
     * @param bytesIn       bytes accepted from participants
     * @param packetsOut    datagrams forwarded to participants
     * @param bytesOut      bytes forwarded to participants
     * @param drops         participants' datagrams dropped, by reason (those dropped before they could be tied to
     *                      a participant are {@link #unattributedDrops})
     */
    public record Totals(long joins, Map<String, Long> joinsRejected, Map<String, Long> leaves, long packetsIn,
                         long bytesIn, long packetsOut, long bytesOut, Map<DropReason, Long> drops) {
        /** Copies the maps, keeping their order. */
        public Totals {
            joinsRejected = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(joinsRejected));
            leaves = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(leaves));
            java.util.Map<DropReason, Long> byReason = new java.util.EnumMap<>(DropReason.class);
            byReason.putAll(drops);
            drops = java.util.Collections.unmodifiableMap(byReason);
        }
    }

    /**
     * How the relay keys its members' media.
     *
     * @param srtp                whether media is SRTP keyed by DTLS-SRTP (false: the relay was started with plain
     *                            RTP media, {@code vc.relay.media.security=insecure})
     * @param handshakesCompleted DTLS handshakes that exported SRTP keys
     * @param handshakesFailed    DTLS handshakes that failed or timed out: a certificate other than the one the
     *                            member's join named, a datagram DTLS refused, silence
     * @param handshakesRefused   handshakes refused because the bounded handshake queue was full
     * @param membersRemoved      members the relay removed because their handshake failed
     */
    public record MediaSecurityStats(boolean srtp, long handshakesCompleted, long handshakesFailed,
                                     long handshakesRefused, long membersRemoved) {
        /** The figures of a relay whose media is plain RTP. */
        public static final MediaSecurityStats PLAIN = new MediaSecurityStats(false, 0, 0, 0, 0);
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
