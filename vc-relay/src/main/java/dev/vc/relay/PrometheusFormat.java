package dev.vc.relay;

import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Renders {@link RelayStats} in the Prometheus text exposition format (version 0.0.4). Every label set is bounded:
 * reasons and layers are the relay's own, a participant's series carry its room and numeric id (never the display
 * name a client chose), and rooms are at most {@code vc.relay.max.rooms}; a participant's series end when it leaves,
 * and the {@code vc_relay_in_*}, {@code vc_relay_out_*} and {@code vc_relay_drops_total} totals keep its figures.
 */
final class PrometheusFormat {
    private PrometheusFormat() {
    }

    static String render(RelayStats stats) {
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "vc_relay_rooms", "Rooms with at least one participant.", stats.rooms());
        gauge(out, "vc_relay_connections", "Open control connections.", stats.connections());
        gauge(out, "vc_relay_participants", "Participants joined to this relay (other relays' not counted).",
                stats.members().stream().filter(m -> m.role() == RelayStats.Role.PARTICIPANT).count());
        RelayStats.Totals totals = stats.totals();
        counter(out, "vc_relay_joins_total", "Joins accepted.", totals.joins());
        labelled(out, "vc_relay_joins_rejected_total", "Joins refused, by reason.", "reason", totals.joinsRejected());
        labelled(out, "vc_relay_leaves_total", "Participants gone, by reason.", "reason", totals.leaves());
        counter(out, "vc_relay_in_packets_total",
                "Datagrams accepted from participants, all of them, departed ones included.", totals.packetsIn());
        counter(out, "vc_relay_in_bytes_total", "Bytes accepted from participants, departed ones included.",
                totals.bytesIn());
        counter(out, "vc_relay_out_packets_total", "Datagrams forwarded to participants, departed ones included.",
                totals.packetsOut());
        counter(out, "vc_relay_out_bytes_total", "Bytes forwarded to participants, departed ones included.",
                totals.bytesOut());
        drops(out, "vc_relay_drops_total",
                "Participants' datagrams dropped, by reason, departed participants included.", totals.drops());
        counter(out, "vc_relay_keyframe_requests_total",
                "PLIs the relay sent to senders of its own: someone joined, or a receiver's layer changed.",
                stats.keyframeRequests());
        simulcast(out, stats.simulcast());
        mediaSecurity(out, stats.mediaSecurity());
        if (stats.cluster() != null) {
            cluster(out, stats.cluster());
        }
        trunks(out, stats.trunks());

        counter(out, "vc_relay_retransmissions_total", "Packets the relay resent from its caches in answer to NACKs.",
                stats.retransmissions());
        counter(out, "vc_relay_accept_failures_total",
                "Times accepting a control connection failed (out of file descriptors), each followed by a pause.",
                stats.acceptFailures());
        header(out, "vc_relay_connections_closed_total", "counter",
                "Control connections the relay closed on its own, by reason.");
        for (Map.Entry<String, Long> e : stats.connectionsClosed().entrySet()) {
            out.append("vc_relay_connections_closed_total{reason=\"").append(e.getKey()).append("\"} ")
                    .append(e.getValue()).append('\n');
        }
        drops(out, "vc_relay_unattributed_dropped_total",
                "Datagrams dropped before they could be tied to a participant.", stats.unattributedDrops());
        member(out, stats, "vc_relay_packets_in_total", "counter", "RTP/RTCP datagrams accepted from a participant.",
                RelayStats.MemberStats::packetsIn);
        member(out, stats, "vc_relay_bytes_in_total", "counter", "Bytes accepted from a participant.",
                RelayStats.MemberStats::bytesIn);
        member(out, stats, "vc_relay_packets_out_total", "counter", "Datagrams forwarded to a participant.",
                RelayStats.MemberStats::packetsOut);
        member(out, stats, "vc_relay_bytes_out_total", "counter", "Bytes forwarded to a participant.",
                RelayStats.MemberStats::bytesOut);
        member(out, stats, "vc_relay_bitrate_in_bps", "gauge", "A participant's accepted send rate over the last second.",
                RelayStats.MemberStats::bitrateIn);
        member(out, stats, "vc_relay_stream_stale", "gauge", "1 while a participant's stream is stale.",
                m -> m.stale() ? 1 : 0);
        DownlinkEstimateMetrics.render(out, stats);
        header(out, "vc_relay_dropped_total", "counter", "A participant's datagrams dropped, by reason.");
        for (RelayStats.MemberStats m : stats.members()) {
            for (Map.Entry<DropReason, Long> e : m.drops().entrySet()) {
                out.append("vc_relay_dropped_total{").append(labels(m)).append(",reason=\"").append(reason(e.getKey()))
                        .append("\"} ").append(e.getValue()).append('\n');
            }
        }
        ProcessMetrics.render(out);
        return out.toString();
    }

    private static void drops(StringBuilder out, String name, String help, Map<DropReason, Long> byReason) {
        header(out, name, "counter", help);
        for (Map.Entry<DropReason, Long> e : byReason.entrySet()) {
            out.append(name).append("{reason=\"").append(reason(e.getKey())).append("\"} ").append(e.getValue())
                    .append('\n');
        }
    }

    private static void labelled(StringBuilder out, String name, String help, String label, Map<String, Long> values) {
        header(out, name, "counter", help);
        for (Map.Entry<String, Long> e : values.entrySet()) {
            out.append(name).append('{').append(label).append("=\"").append(e.getKey()).append("\"} ")
                    .append(e.getValue()).append('\n');
        }
    }

    private static void mediaSecurity(StringBuilder out, RelayStats.MediaSecurityStats s) {
        gauge(out, "vc_relay_media_srtp", "1 when media is SRTP keyed by DTLS-SRTP, 0 when it is plain RTP.",
                s.srtp() ? 1 : 0);
        header(out, "vc_relay_dtls_handshakes_total", "counter", "DTLS-SRTP handshakes with members, by result.");
        out.append("vc_relay_dtls_handshakes_total{result=\"completed\"} ").append(s.handshakesCompleted()).append('\n');
        out.append("vc_relay_dtls_handshakes_total{result=\"failed\"} ").append(s.handshakesFailed()).append('\n');
        out.append("vc_relay_dtls_handshakes_total{result=\"refused\"} ").append(s.handshakesRefused()).append('\n');
        counter(out, "vc_relay_media_handshake_removals_total",
                "Members removed because their media handshake failed or timed out.", s.membersRemoved());
    }

    private static void simulcast(StringBuilder out, RelayStats.SimulcastStats s) {
        counter(out, "vc_relay_layer_switches_total",
                "Times a receiver's stream of a sender started on a simulcast layer or changed layer.", s.layerSwitches());
        header(out, "vc_relay_forwarded_packets_total", "counter", "RTP packets forwarded, by simulcast layer.");
        long[] byLayer = s.forwardedByLayer();
        for (int layer = 0; layer < byLayer.length; layer++) {
            out.append("vc_relay_forwarded_packets_total{layer=\"").append(layer).append("\"} ").append(byLayer[layer])
                    .append('\n');
        }
        counter(out, "vc_relay_padding_packets_total",
                "Padding-only RTP packets (probes) measured for transport-cc and not forwarded.", s.paddingPackets());
        counter(out, "vc_relay_layers_wanted_sent_total", "LAYERS_WANTED messages sent to senders.",
                s.layersWantedSent());
        counter(out, "vc_relay_nack_translated_total", "NACKed sequence numbers translated to a layer's own.",
                s.nackTranslated());
        counter(out, "vc_relay_nack_unanswerable_total", "NACKed sequence numbers the relay's caches could not answer.",
                s.nackUnanswerable());
        counter(out, "vc_relay_view_sizes_ignored_total", "VIEW_SIZE messages naming no room-mate of their sender.",
                s.viewSizesIgnored());
        counter(out, "vc_relay_layer_upgrades_total",
                "Times layer selection moved a receiver to a larger layer of a sender, or brought a sender back.",
                s.layerUpgrades());
        counter(out, "vc_relay_layer_downgrades_total",
                "Times layer selection moved a receiver to a smaller layer of a sender, or left a sender out.",
                s.layerDowngrades());
        counter(out, "vc_relay_layer_cuts_total",
                "Times a receiver's larger layer of a sender was stopped at once, its downlink's queue full.",
                s.layerCuts());
        counter(out, "vc_relay_probe_clusters_total", "Probe clusters of padding sent to receivers' downlinks.",
                s.probeClusters());
        counter(out, "vc_relay_probe_packets_total", "Padding packets sent to probe receivers' downlinks.",
                s.probePackets());
        counter(out, "vc_relay_layer_cap_requests_total",
                "TMMBRs sent to senders: a layer capped to what its receivers can take, or the cap lifted.",
                s.capRequests());
        counter(out, "vc_relay_layer_cap_notifications_total", "TMMBNs senders answered the relay's TMMBRs with.",
                s.capNotifications());
        counter(out, "vc_relay_paced_packets_total",
                "Forwarded packets that waited in a receiver's pacer (a burst above its downlink estimate).",
                s.pacedPackets());
        counter(out, "vc_relay_paced_early_total",
                "Of those, packets that left before the pacing budget allowed: they waited 200 ms, or 128 waited.",
                s.pacedEarly());
    }

    private static void member(StringBuilder out, RelayStats stats, String name, String type, String help,
                               ToLongFunction<RelayStats.MemberStats> value) {
        header(out, name, type, help);
        for (RelayStats.MemberStats m : stats.members()) {
            out.append(name).append('{').append(labels(m)).append("} ").append(value.applyAsLong(m)).append('\n');
        }
    }

    /** A participant's series are named by room and id: display names are the client's to choose. */
    private static String labels(RelayStats.MemberStats m) {
        return "room=\"" + escape(m.room()) + "\",id=\"" + m.id() + "\"";
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        header(out, name, "gauge", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, "counter", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String reason(DropReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    /** Label values escape backslash, double quote and line feed (exposition format spec). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** The trunks to other relays of the rooms: open, streams carried, traffic each way; no room or relay named. */
    private static void trunks(StringBuilder out, RelayStats.TrunkStats trunks) {
        gauge(out, "vc_relay_trunks_open", "Trunks to other relays serving a room too, open now.", trunks.open());
        gauge(out, "vc_relay_remote_streams", "Other relays' participants carried over trunks now (remote members).",
                trunks.remoteStreams());
        header(out, "vc_relay_trunk_packets_total", "counter",
                "Datagrams over trunks, by direction (in: from other relays, out: to them), closed trunks included.");
        out.append("vc_relay_trunk_packets_total{direction=\"in\"} ").append(trunks.packetsIn()).append('\n');
        out.append("vc_relay_trunk_packets_total{direction=\"out\"} ").append(trunks.packetsOut()).append('\n');
        header(out, "vc_relay_trunk_bytes_total", "counter", "Bytes over trunks, by direction, closed trunks included.");
        out.append("vc_relay_trunk_bytes_total{direction=\"in\"} ").append(trunks.bytesIn()).append('\n');
        out.append("vc_relay_trunk_bytes_total{direction=\"out\"} ").append(trunks.bytesOut()).append('\n');
        counter(out, "vc_relay_trunk_announcements_refused_total", "Messages from a trunk's other relay refused: a "
                + "participant announced twice, an SSRC taken here, too many participants, an unexpected message.",
                trunks.announcementsRefused());
        counter(out, "vc_relay_trunks_reopened_total", "Trunks this relay opened again after one was lost.",
                trunks.reopened());
        counter(out, "vc_relay_trunks_given_up_total", "Trunks this relay gave up after its attempts in a row failed.",
                trunks.givenUp());
    }

    /** The cluster's state: the directory reachable or not, relays, placements; counts only, never an address. */
    private static void cluster(StringBuilder out, dev.vc.relay.placement.ClusterStats cluster) {
        gauge(out, "vc_cluster_redis_up", "1 while the cluster's directory (Redis) answers, else 0.",
                cluster.directoryUp() ? 1 : 0);
        gauge(out, "vc_cluster_relays", "Live relays in the cluster's registry at the last look, this one included.",
                cluster.relays());
        gauge(out, "vc_cluster_rooms", "Rooms this relay holds in the cluster's directory.", cluster.rooms());
        counter(out, "vc_cluster_placed_here_total", "Joins of a new room placed on this relay.", cluster.placedHere());
        counter(out, "vc_cluster_served_too_total", "Joins of a room other relays serve, taken here too (the room spans "
                + "relays over trunks).", cluster.servedToo());
        counter(out, "vc_cluster_redirects_total", "Joins redirected to another relay of the cluster.",
                cluster.redirected());
        counter(out, "vc_cluster_refused_total",
                "Joins refused: the directory unreachable (CLUSTER_UNAVAILABLE) or every relay full.", cluster.refused());
        counter(out, "vc_cluster_redis_errors_total", "Requests to the directory that failed.",
                cluster.directoryErrors());
        counter(out, "vc_cluster_reregistrations_total",
                "Times this relay registered again after its lease lapsed (Redis restarted or unreachable).",
                cluster.reRegistrations());
        gauge(out, "vc_cluster_room_conflicts",
                "Rooms served here that the directory gives to another relay (a gauge).", cluster.roomConflicts());
    }
}
