package dev.vc.relay;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.transport.udp.MediaHello;

import dev.vc.relay.layers.LayerCaps;
import dev.vc.relay.layers.LayerRates;
import dev.vc.relay.layers.LayerSelector;
import dev.vc.relay.layers.SwitchPoints;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One participant as the relay knows it: identity and credentials (fixed at join), its simulcast layers and their
 * SSRCs, the media address it proved with an authenticated hello (set by the media thread), and its counters.
 */
final class Member {
    final int id;
    /** Its primary SSRC, layer 0's: the one its room-mates see, whatever layer they get. */
    final int ssrc;
    /** The SSRC of each of its layers, layer 0 first (= {@link #ssrc}); distinct on the relay. */
    private final int[] layerSsrcs;
    /** The layers its join stated, largest first ({@code Layer.UNSTATED} for a legacy single-layer join). */
    final List<ControlMessage.Layer> layers;
    final String displayName;
    final VideoCodec codec;
    final Room room;
    final ControlPeer connection;

    /** The address its media comes from and goes to; null until its first authenticated hello. */
    volatile InetSocketAddress mediaAddress;
    /** Its own socket on the media port, connected to {@link #socketPeer}; null if none (media thread only). */
    java.nio.channels.DatagramChannel socket;
    /** The address {@link #socket} is connected to (media thread only). */
    InetSocketAddress socketPeer;
    /** Last hello counter accepted for the current binding (media thread only; see {@link HelloRules}). */
    long lastHelloCounter = -1;
    /** When a datagram of its own last came from {@link #mediaAddress}: liveness of the binding (media thread). */
    long lastSeenNanos;
    /** When its binding last moved to a new address (media thread only; see {@link HelloRules}). */
    long lastRebindNanos = Long.MIN_VALUE / 2;
    /** Whether a socket for a new binding is queued in {@link ParticipantSockets} (media thread only). */
    boolean socketQueued;
    /** When a binding of its was last logged, so a rebinding flood does not flood the log (media thread). */
    long lastBindLogNanos = Long.MIN_VALUE / 2;
    /** When its last media packet arrived (System.nanoTime), 0 if none yet. */
    volatile long lastMediaNanos;
    /** Per layer: when the relay last asked it for a keyframe of that layer itself (media thread only). */
    final long[] lastRelayPliNanos;
    /**
     * Per layer: when a keyframe the relay asked for but has not sent yet is to be asked of the sender
     * ({@code Long.MAX_VALUE}: none waits; media thread only): a second after the last, or once a cut's queue drained.
     */
    final long[] relayPliDueNanos;
    /** Per layer: when a room-mate's PLI or FIR for that layer was last passed on to it (media thread only). */
    final long[] lastForwardedPliNanos;
    /** Where a receiver may start on each of its layers, from its media packets in order (media thread only). */
    final SwitchPoints switchPoints;
    /** When a NACK was last passed on to it (media thread only). */
    long lastNackForwardNanos = Long.MIN_VALUE / 2;
    /** Per layer, its recent packets, for answering NACKs; each created at its layer's first packet (media thread). */
    private final RetransmissionCache[] caches;
    /** All the RTCP it may send: a twentieth of the bitrate cap, at least 64 kbit/s (media thread only). */
    final BitrateLimiter rtcpBudget;
    /** Retransmissions the relay sends it from caches: a share of its downlink estimate (media thread). */
    final RetransmitBudget retransmitBudget;
    /** The layers its egress forwards take, a bit per layer, part of {@link #layersWanted} (media thread, {@link Egress}). */
    int egressLayers;
    /** The stream each bound room-mate receives of it (media thread only). */
    final Fanout fanout = new Fanout();
    /** What forwarding each of its layers costs, measured (media thread only). */
    final LayerRates rates;
    /** The bit rate caps of its layers, from its receivers' budgets (media thread only, {@link LayerBitrateCaps}). */
    final LayerCaps caps;
    /** Its view of each room-mate for {@link LayerSelection}, made at its first round (media thread only). */
    LayerSelector.Candidate[] layerCandidates;
    /** The room-mates {@link #layerCandidates} describe, during a round (media thread only). */
    Member[] layerSenders;
    /** When its layers were last moved up (media thread only). */
    long lastLayerUpgradeNanos = Long.MIN_VALUE / 2;
    /** The probe cluster being sent to it, made at its first (media thread only, {@link DownlinkProbes}). */
    DownlinkProbes.Pending probe;
    /**
     * The layers of its that room-mates receive or are about to ({@code LAYERS_WANTED}'s mask): written by the
     * media thread when it changes, sent by the control thread ({@link LayersWantedNotifier}).
     */
    volatile int layersWanted;
    /** The mask it was last told, or the one it starts with: all its layers (control thread only). */
    int layersWantedSent;
    /** The sizes it shows its room-mates' video at (written by the control thread, read by any). */
    final ViewSizes viewSizes;
    /**
     * Whether it only sends: an ingress's participant ({@link IngressSpec}), a plain RTP sender that gets no stream of
     * anyone and is sent nothing ({@link SendOnlyGuard}). Set at join before it is published.
     */
    boolean sendOnly;
    /**
     * Set when it is a trunk to another relay of the room ({@link TrunkLink}): no participant but a hop, which
     * receives one stream of each of this relay's own participants and carries the other relay's. Set at creation,
     * before it is published; null for a participant.
     */
    TrunkLink trunk;
    /** On a trunk this relay opened: its participant id on the other relay, which its hellos name. */
    int remotePeerId;
    /**
     * Set when it is another relay's participant, whose media comes over this trunk member's hop and whose feedback
     * (PLIs, NACKs, bit rate caps) goes back over it. It gets no stream of anyone here (its relay does). Set at
     * creation, before it is published; null for this relay's own participants.
     */
    Member via;
    /** Its encrypted hop (DTLS-SRTP), set at join before it is published; null when its media is plain RTP. */
    MemberSrtp srtp;

    /**
     * @return whether media sent to it now reaches it: its hop is plain RTP, or its SRTP has its keys (before them the
     *         relay's output drops what it is sent, as {@link DropReason#NOT_KEYED})
     */
    boolean receivesMedia() {
        MemberSrtp hop = srtp;
        return hop == null || hop.keyed();
    }
    /** Checks its hellos and signs the answers (media thread only). */
    final MediaHello hello;
    /** Whether the room was told its stream is stale (control thread only). */
    boolean reportedStale;
    /** When its last control message arrived (control thread only). */
    long lastControlNanos;

    /** Accepted send rate over the last second, bits/s (written by the control thread each second). */
    volatile long bitrateIn;
    /** bytesIn when {@link #bitrateIn} was last computed (control thread only). */
    long bytesInAtLastSample;

    /**
     * Congestion control of its uplink (the relay records and sends feedback) and downlink (the relay stamps,
     * logs and estimates): media thread only, but {@link MemberCongestion#downlinkEstimateBps()} on any.
     */
    final MemberCongestion congestion;

    /**
     * Paces the media forwarded to it at a multiple of its downlink estimate, while its downlink has shown a limit
     * (media thread).
     */
    final DownlinkPacer pacer;

    final BitrateLimiter limiter;
    final LongAdder packetsIn = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder packetsOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final DropCounters drops = new DropCounters();

    /**
     * @param layerSsrcs one SSRC per layer, layer 0's first
     * @param layers     the layers its join stated, as many as {@code layerSsrcs}
     * @param settings   the relay's limits (bitrate cap, retransmission budget, room size)
     */
    Member(int id, int[] layerSsrcs, List<ControlMessage.Layer> layers, String displayName, VideoCodec codec,
           Room room, ControlPeer connection, byte[] sessionKey, RelaySettings settings, long nowNanos,
           MemberCongestion congestion) {
        if (layerSsrcs.length != layers.size() || layerSsrcs.length < 1) {
            throw new IllegalArgumentException(layerSsrcs.length + " SSRCs for " + layers.size() + " layers");
        }
        long maxBitrate = settings.maxBitrate();
        this.congestion = congestion;
        this.pacer = new DownlinkPacer(this, congestion::pacingEstimateBps, settings.pacingPercent() / 100.0);
        this.id = id;
        this.layerSsrcs = layerSsrcs.clone();
        this.ssrc = layerSsrcs[0];
        this.layers = List.copyOf(layers);
        this.rates = LayerRates.of(this.layers);
        this.caps = LayerCaps.of(this.layers);
        this.caches = new RetransmissionCache[layerSsrcs.length];
        this.lastRelayPliNanos = new long[layerSsrcs.length];
        this.relayPliDueNanos = new long[layerSsrcs.length];
        this.lastForwardedPliNanos = new long[layerSsrcs.length];
        this.switchPoints = new SwitchPoints(layerSsrcs.length);
        Arrays.fill(lastRelayPliNanos, Long.MIN_VALUE / 2);
        Arrays.fill(relayPliDueNanos, Long.MAX_VALUE);
        Arrays.fill(lastForwardedPliNanos, Long.MIN_VALUE / 2);
        this.layersWanted = (1 << layerSsrcs.length) - 1;
        this.layersWantedSent = layersWanted;
        this.viewSizes = new ViewSizes(settings.maxParticipantsPerRoom());
        this.displayName = displayName;
        this.codec = codec;
        this.room = room;
        this.connection = connection;
        this.hello = new MediaHello(sessionKey);
        this.limiter = new BitrateLimiter(maxBitrate, nowNanos);
        this.rtcpBudget = new BitrateLimiter(Math.max(64_000, maxBitrate / 20), nowNanos);
        this.retransmitBudget = new RetransmitBudget(settings.retransmitSharePercent(), settings.retransmitFloorBps(),
                nowNanos);
        this.lastControlNanos = nowNanos;
    }

    /** @return how many layers it sends (1 for a legacy join) */
    int layerCount() {
        return layerSsrcs.length;
    }

    /** @return the SSRC of {@code layer} */
    int layerSsrc(int layer) {
        return layerSsrcs[layer];
    }

    /** @return the layer {@code ssrc} belongs to, or -1 if it is none of its SSRCs */
    int layerOf(int ssrc) {
        for (int layer = 0; layer < layerSsrcs.length; layer++) {
            if (layerSsrcs[layer] == ssrc) {
                return layer;
            }
        }
        return -1;
    }

    /**
     * @return the layer whose RTX SSRC ({@link dev.vc.api.RtxSsrc#of} of the layer's SSRC) is {@code ssrc}, or -1
     *         if it is none of its RTX SSRCs
     */
    int rtxLayerOf(int ssrc) {
        return layerOf(dev.vc.api.RtxSsrc.mediaOf(ssrc));
    }

    /** @return its SSRCs, layer 0 first (a copy) */
    int[] layerSsrcs() {
        return layerSsrcs.clone();
    }

    /** Media thread: the retransmission cache of {@code layer}, created (once) when first asked for. */
    RetransmissionCache cache(int layer, int slots, int mtu) {
        RetransmissionCache cache = caches[layer];
        if (cache == null) {
            cache = new RetransmissionCache(slots, mtu);
            caches[layer] = cache;
        }
        return cache;
    }

    /** Media thread: the retransmission cache of {@code layer}, or null before the layer's first packet. */
    RetransmissionCache cacheOrNull(int layer) {
        return caches[layer];
    }

    /** @return true for this relay's own participants: neither a trunk nor another relay's participant */
    boolean local() {
        return trunk == null && via == null;
    }

    ControlMessage.Participant asRosterEntry() {
        return new ControlMessage.Participant(id, ssrc, displayName, codec);
    }

    @Override
    public String toString() {
        return "'" + displayName + "' #" + id + " in '" + room.name + "'";
    }
}
