package dev.vc.relay;

import dev.vc.relay.layers.ForwardedStream;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.dtls.DatagramOut;
import dev.vc.transport.udp.dtls.DtlsAssociation;
import dev.vc.transport.udp.dtls.DtlsDemux;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtp.RtpHeader;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides where each media datagram goes, without a socket: bytes and source address in, (datagram,
 * destination) pairs out through an {@link Output}. {@link MediaRelay} drives it from its socket; tests drive
 * it directly. Each datagram goes through a chain of stages, each counting what it drops:
 *
 * <ul>
 *   <li>A STUN hello ({@link MediaHello}) with a valid HMAC and a fresh counter binds its source address to
 *       the participant it names, and is answered; the member and its bound room-mates get streams of each other
 *       ({@link LayerForwarding#onBound}), and a fresh binding asks every sending room-mate for a keyframe of the
 *       layer the newcomer awaits: at once for plain RTP, and for SRTP once the newcomer's DTLS handshake exported
 *       its keys ({@link #applyKeyed}), since what is forwarded to it before is dropped.</li>
 *   <li>RTP from a bound address with one of the SSRCs assigned to it (one per simulcast layer; its layer is the
 *       SSRC's index) is held to the sender's bitrate cap. Padding-only packets (bandwidth probes) are recorded
 *       for the sender's transport-cc feedback and counted, nothing more. Media is kept in that layer's {@link
 *       RetransmissionCache} and goes to every other bound member of its room whose {@link ForwardedStream} of
 *       the sender takes that layer, its header rewritten in place for each ({@link LayerForwarding#forward}). RTP
 *       on one of its RTX SSRCs (a retransmission, RFC 4588) goes to {@link RtxForwarding}.</li>
 *   <li>RTCP is read whole with {@link RtcpReader}: a compound that is malformed, or any of whose packets
 *       names an SSRC not the sender's, is dropped. One that carries feedback (RTPFB, PSFB: NACK, PLI) is about
 *       the member whose primary SSRC it names, and is translated and policed by the {@link FeedbackPolicer}. A
 *       compound with sender reports reaches each receiver as {@link SenderReportRewriter} makes it; a TMMBN (the
 *       sender's answer to the relay's layer caps, {@link LayerBitrateCaps}) ends at the relay; other RTCP
 *       (RR, SDES, BYE) goes to the rest of the room unchanged.</li>
 *   <li>Transport-cc ({@link TransportCcRouting}): each accepted RTP packet's transport-wide sequence number
 *       is recorded for its sender's uplink feedback and rewritten in place for each receiver's downlink;
 *       transport-cc feedback from a member ends at the relay, in that member's downlink estimate.</li>
 *   <li>Everything else is dropped and counted by {@link DropReason}.</li>
 * </ul>
 *
 * Which layer each receiver gets of each sender is set through {@link #target} (layer 0 until then). Media thread
 * only; allocates nothing per datagram.
 */
final class MediaRouter {
    /** The SSRC the relay puts in the RTCP it originates (PLIs). */
    static final int RELAY_SSRC = 0x76632d72;  // "vc-r"

    /** Where routed datagrams go. */
    interface Output {
        /**
         * Sends {@code data[0, length)} to {@code to}, which belongs to {@code receiver}; the bytes are only
         * valid during the call.
         */
        void send(byte[] data, int length, InetSocketAddress to, Member receiver);
    }

    /** An output that also sends from a buffer: the relay's socket, which {@link SrtpOutput} protects into. */
    interface BufferOutput extends Output {
        /**
         * Sends {@code datagram[position, limit)} to {@code to}, which belongs to {@code receiver} (a direct buffer
         * reaches the kernel without the JDK's copy); the bytes are only valid during the call.
         */
        void send(ByteBuffer datagram, InetSocketAddress to, Member receiver);
    }

    private final RoomDirectory directory;
    private final int mtu;
    private final Output output;
    private final MediaKeying keying;
    private final DtlsOut dtlsOut;
    /** Addresses named by hellos of keyed members, waiting for an authenticated packet to move there (media thread). */
    private final java.util.HashMap<InetSocketAddress, Member> candidates = new java.util.HashMap<>();
    /** Members whose handshake exported keys, for the media thread ({@link #applyKeyed}). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Member> keyed =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile Runnable wakeup = () -> { };
    /** Packets the relay keeps per sender layer for answering NACKs: about half a second of 2 Mbit/s video. */
    static final int CACHE_PACKETS = 128;

    private final byte[] reply;
    private final byte[] report;
    private final FeedbackPolicer feedback;
    private final RtpHeader rtp = new RtpHeader();
    private final RtcpRoute rtcpRoute = new RtcpRoute();
    private final DropCounters unattributedDrops = new DropCounters();
    private final FailureLog datagramFailures =
            new FailureLog(System.getLogger(MediaRouter.class.getName()), "a media datagram's handling");
    private final LongAdder paddingPackets = new LongAdder();
    private final TransportCcRouting transportCc;
    private final LayerForwarding layers;
    private final RtxForwarding rtx;
    private final DownlinkProbes probes;
    private final LayerBitrateCaps caps;
    private final LayerSelection selection;
    private final Egress egress;
    private boolean selectingLayers = true;

    /** Sends a DTLS handshake datagram; called from handshake threads as well as the media thread. */
    interface DtlsOut {
        /** Sends {@code data[offset, offset + length)} to {@code to}. */
        void send(byte[] data, int offset, int length, InetSocketAddress to) throws java.io.IOException;
    }

    MediaRouter(RoomDirectory directory, int mtu, Output output) {
        this(directory, mtu, output, RelaySettings.MAX_PARTICIPANTS.defaultValue(), null, null);
    }

    /**
     * @param output      where datagrams go: with SRTP media an {@link SrtpOutput}, which protects each for its receiver
     * @param maxRoomSize the most members a room holds ({@link RelaySettings#maxParticipantsPerRoom()})
     * @param keying      the relay's DTLS-SRTP side; null when media is plain RTP
     * @param dtlsOut     sends handshake datagrams; null when media is plain RTP
     */
    MediaRouter(RoomDirectory directory, int mtu, Output output, int maxRoomSize, MediaKeying keying,
                DtlsOut dtlsOut) {
        this.directory = directory;
        this.mtu = mtu;
        this.keying = keying;
        this.dtlsOut = dtlsOut;
        output = new SendOnlyGuard(output);                               // nothing to an ingress's sender
        output = new TrunkOutput(output, mtu);                            // feedback for remote senders over trunks
        this.output = output;
        this.reply = new byte[Math.max(128, mtu)];
        this.report = new byte[mtu];
        this.transportCc = new TransportCcRouting(mtu, output);
        this.feedback = new FeedbackPolicer(output, transportCc, mtu);
        this.layers = new LayerForwarding(output, transportCc);
        this.rtx = new RtxForwarding(output, transportCc, mtu);
        this.probes = new DownlinkProbes(output);
        this.caps = new LayerBitrateCaps(output, directory.settings().maxBitrate());
        this.selection = new LayerSelection(layers, probes, caps, maxRoomSize);
        this.egress = new Egress(directory, layers, directory.settings().maxEgressForwards(), () -> wakeup.run());
    }

    /** @return the egress forwards: started by the operator API, run by the media thread */
    Egress egress() {
        return egress;
    }

    /**
     * The policy hook for layer selection: {@code receiver} is to get {@code layer} of {@code sender}'s layers
     * from the next keyframe of it on. See {@link LayerForwarding#target}. Media thread only.
     *
     * @param layer    a layer index from 0 (beyond the sender's last: its last), or {@link ForwardedStream#NO_LAYER}
     *                 to forward nothing
     * @param nowNanos {@link System#nanoTime()} now (the keyframe request it may cause is rate-limited)
     * @return false if {@code receiver} has no stream of {@code sender} (they are not both bound in one room)
     */
    boolean target(Member receiver, Member sender, int layer, long nowNanos) {
        return layers.target(receiver, sender, layer, nowNanos);
    }

    /**
     * Whether the relay chooses each receiver's layers itself ({@link LayerSelection}, the default) or leaves them
     * to {@link #target} calls alone (layer 0 until told otherwise), so tests of the forwarding can set each
     * receiver's layers themselves. Media thread (or before it starts).
     *
     * @param automatic false to stop choosing
     */
    void selectLayers(boolean automatic) {
        this.selectingLayers = automatic;
    }

    /**
     * Media thread.
     *
     * @return {@code receiver}'s stream of {@code sender} (its target and current layer), or null if it has none
     */
    ForwardedStream stream(Member receiver, Member sender) {
        return receiver == sender ? null : sender.fanout.stream(receiver);
    }

    /** @return packets the relay resent itself in answer to NACKs */
    long retransmissions() {
        return feedback.retransmissions();
    }

    /** Drops that could not be attributed to a member (unknown address, bad hello). */
    DropCounters unattributedDrops() {
        return unattributedDrops;
    }

    /** @return PLIs the relay sent of its own: for newcomers and for layer changes */
    long keyframeRequests() {
        return layers.keyframeRequests();
    }

    /** @return the simulcast counters */
    RelayStats.SimulcastStats simulcastStats(long layersWantedSent, long viewSizesIgnored) {
        return new RelayStats.SimulcastStats(layers.layerSwitches(), layers.forwardedByLayer(), paddingPackets.sum(),
                layersWantedSent, feedback.nackTranslated(), feedback.nackUnanswerable(), viewSizesIgnored,
                selection.upgrades(), selection.downgrades(), layers.cuts(), probes.clusters(), probes.packets(), caps.requests(),
                caps.notifications(), layers.pacedPackets(), layers.pacedEarly());
    }

    /**
     * Routes one datagram.
     *
     * @param packet   the datagram, from offset 0
     * @param length   its length (may exceed the MTU, which drops it)
     * @param from     its source address
     * @param nowNanos {@link System#nanoTime()} at arrival
     */
    void onDatagram(byte[] packet, int length, InetSocketAddress from, long nowNanos) {
        try {
            if (length > mtu) {
                unattributedDrops.add(DropReason.TOO_LARGE);
            } else if (length >= 1 && MediaHello.isStun(packet[0])) {
                onHello(packet, length, from, nowNanos);
            } else {
                onMedia(packet, length, from, nowNanos);
            }
        } catch (RuntimeException bug) {                // one datagram must never stop the thread serving everyone
            unattributedDrops.add(DropReason.INTERNAL_ERROR);
            datagramFailures.failed(bug, nowNanos);
        }
    }

    private void onHello(byte[] packet, int length, InetSocketAddress from, long nowNanos) {
        Member opened = directory.byAddress(from);
        if (opened != null && opened.trunk != null && opened.trunk.opened) {
            onTrunkHelloAnswer(opened, packet, length, nowNanos);
            return;
        }
        MediaHello.Request request;
        try {
            request = MediaHello.parseRequest(packet, 0, length);
        } catch (MalformedPacketException e) {
            unattributedDrops.add(DropReason.BAD_HELLO);
            return;
        }
        Member member = directory.byId(request.participantId());
        if (member == null || !member.hello.verify(packet, 0, length)) {
            unattributedDrops.add(DropReason.BAD_HELLO);
            return;
        }
        DropReason refused = HelloRules.check(member, directory.byAddress(from), from, request.counter(), nowNanos);
        if (refused != null) {
            member.drops.add(refused);
            return;
        }
        boolean fresh = !from.equals(member.mediaAddress);
        MemberSrtp srtp = member.srtp;
        if (fresh && srtp != null && srtp.association != null && member.mediaAddress != null) {
            // Its handshake started: a hello (which anyone who sniffed one can replay) no longer moves the binding
            // by itself. The new address becomes a candidate; an SRTP or SRTCP packet from it that authenticates
            // with the member's key moves the binding.
            propose(member, srtp, from);
            output.send(reply, member.hello.writeSuccess(reply, 0, request, from), from, member);
            return;
        }
        member.lastHelloCounter = request.counter();
        member.lastSeenNanos = nowNanos;
        if (fresh && member.mediaAddress != null) {
            member.lastRebindNanos = nowNanos;
        }
        directory.bind(member, from);
        if (srtp != null && srtp.association == null && directory.byId(member.id) == member) {
            startHandshake(member, srtp, false);  // before the answer: the client's ClientHello follows it
        }
        output.send(reply, member.hello.writeSuccess(reply, 0, request, from), from, member);
        if (fresh && directory.byId(member.id) == member) {
            layers.onBound(member);
            if (srtp == null || srtp.keyed()) {
                layers.requestKeyframesFor(member, nowNanos);
            }  // else once it is keyed (applyKeyed): a keyframe forwarded before its keys would be dropped
        }
    }

    /**
     * Starts the DTLS-SRTP handshake of {@code member}'s hop: this relay the server for a member (and for a trunk
     * another relay opened), the client on a trunk it opened itself.
     */
    private void startHandshake(Member member, MemberSrtp srtp, boolean asClient) {
        DatagramOut out = (data, offset, length) -> {
            InetSocketAddress to = member.mediaAddress;
            if (to != null) {
                dtlsOut.send(data, offset, length, to);
            }
        };
        srtp.association = asClient ? keying.startClient(srtp.fingerprint, out) : keying.start(srtp.fingerprint, out);
        srtp.association.keys().whenComplete((keys, error) -> {
            srtp.onHandshake(keys, error);
            if (error == null) {
                keyed.add(member);
                wakeup.run();
            }
        });
    }

    /**
     * Sets how a handshake thread that just keyed a member wakes the media thread, which then calls
     * {@link #applyKeyed}. Before the media thread starts.
     *
     * @param wakeup wakes the media thread (its selector)
     */
    void wakeOnKeys(Runnable wakeup) {
        this.wakeup = java.util.Objects.requireNonNull(wakeup, "wakeup");
    }

    /**
     * Media thread: asks the sending room-mates of each member whose SRTP got its keys since the last call for a
     * keyframe of the layer it awaits (not at its binding, when the keyframe would reach it before its keys and be
     * dropped, and the relay's one-a-second limit would then hold back the request that matters).
     *
     * @param nowNanos {@link System#nanoTime()} now
     */
    void applyKeyed(long nowNanos) {
        for (Member member = keyed.poll(); member != null; member = keyed.poll()) {
            MemberSrtp srtp = member.srtp;
            InetSocketAddress address = member.mediaAddress;
            if (directory.byId(member.id) == member && address != null) {
                layers.requestKeyframesFor(member, nowNanos);
                if (srtp != null) {
                    srtp.replayEarly((packet, length) -> onMedia(packet, length, address, nowNanos));
                }
            } else if (srtp != null) {
                srtp.replayEarly((packet, length) -> { });
            }
        }
    }

    /**
     * Media thread: while a downlink probe cluster is in flight, or a receiver's {@link DownlinkPacer} holds packets,
     * the media thread wakes at least every millisecond and calls {@link #pumpPaced}, so both keep their pace between
     * the datagrams that come.
     *
     * @return true while a cluster is in flight or packets wait in a pacer
     */
    boolean pacing() {
        return probes.probing() || layers.pacing();
    }

    /**
     * Media thread: sends the probe padding and the paced media due by now.
     *
     * @param nowNanos {@link System#nanoTime()} now
     */
    void pumpPaced(long nowNanos) {
        probes.pump(nowNanos);
        layers.pumpPacers(nowNanos);
    }

    /** Records {@code from} as the only candidate address of a keyed member. */
    private void propose(Member member, MemberSrtp srtp, InetSocketAddress from) {
        if (srtp.candidate != null) {
            candidates.remove(srtp.candidate, member);
        }
        if (candidates.size() >= 2 * Math.max(16, directory.members().size())) {
            candidates.values().removeIf(m -> directory.byId(m.id) != m);  // departed members' entries
        }
        srtp.candidate = from;
        candidates.put(from, member);
    }

    /**
     * A datagram from an address no one is bound to: if it is a keyed member's candidate and it authenticates as
     * that member's SRTP or SRTCP, the binding moves there and the (now plain) packet is routed; else dropped.
     *
     * @return the packet's plain length, or -1 if dropped (counted)
     */
    private int proveCandidate(byte[] packet, int length, InetSocketAddress from, long now) {
        Member member = candidates.get(from);
        MemberSrtp srtp = member == null ? null : member.srtp;
        if (srtp == null || directory.byId(member.id) != member || !from.equals(srtp.candidate)
                || length < 8 || (packet[0] & 0xC0) != 0x80) {
            unattributedDrops.add(DropReason.UNBOUND_ADDRESS);
            return -1;
        }
        int plain = unprotect(member, srtp, packet, length);
        if (plain < 0) {
            return -1;
        }
        candidates.remove(from, member);
        srtp.candidate = null;
        member.lastRebindNanos = now;
        member.lastSeenNanos = now;
        directory.bind(member, from);
        if (directory.byId(member.id) == member) {
            layers.onBound(member);
            layers.requestKeyframesFor(member, now);
        }
        return plain;
    }

    /**
     * Unprotects SRTP or SRTCP of {@code member} in place: the plain length, or -1 if dropped (counted) or held until
     * its keys are in ({@link MemberSrtp#holdEarly}).
     */
    private static int unprotect(Member member, MemberSrtp srtp, byte[] packet, int length) {
        dev.vc.transport.udp.srtp.SrtpContext context = srtp.receiving;
        if (context == null) {
            if (!srtp.holdEarly(packet, length)) {
                member.drops.add(DropReason.NOT_KEYED);
            }
            return -1;
        }
        try {
            return RtcpReader.isRtcp(packet, 0, length) ? context.unprotectRtcp(packet, 0, length)
                    : context.unprotectRtp(packet, 0, length);
        } catch (dev.vc.transport.udp.srtp.SrtpException e) {
            member.drops.add(switch (e.reason()) {
                case AUTHENTICATION_FAILED -> DropReason.SRTP_AUTH_FAILED;
                case REPLAYED, TOO_OLD -> DropReason.SRTP_REPLAYED;
                default -> DropReason.SRTP_INVALID;
            });
            return -1;
        }
    }

    private void onMedia(byte[] packet, int length, InetSocketAddress from, long now) {
        Member sender = directory.byAddress(from);
        if (sender == null) {
            if (candidates.isEmpty() || (length = proveCandidate(packet, length, from, now)) < 0) {
                if (candidates.isEmpty()) {
                    unattributedDrops.add(DropReason.UNBOUND_ADDRESS);
                }
                return;
            }
            sender = directory.byAddress(from);
            if (sender == null) {
                return;  // it left as it moved
            }
        } else if (sender.srtp != null) {
            if (length >= 1 && DtlsDemux.isDtls(packet[0])) {
                DtlsAssociation association = sender.srtp.association;
                if (association == null) {
                    sender.drops.add(DropReason.NOT_KEYED);
                } else {
                    association.receive(packet, 0, length);  // it counts what it drops
                }
                return;
            }
            if (length < 8 || (packet[0] & 0xC0) != 0x80) {
                sender.drops.add(DropReason.MALFORMED);
                return;
            }
            if (sender.srtp.earlyCount() > 0 && sender.srtp.receiving != null) {
                // keyed meanwhile: what was held goes first, so the first frame is not overtaken by later ones
                InetSocketAddress address = from;
                sender.srtp.replayEarly((early, earlyLength) -> onMedia(early, earlyLength, address, now));
            }
            if ((length = unprotect(sender, sender.srtp, packet, length)) < 0) {
                return;   // decrypted once here, for every receiver; protected per receiver by SrtpOutput
            }
        } else if (length < 8 || (packet[0] & 0xC0) != 0x80) {  // plain RTP (SRTP was checked before unprotecting)
            sender.drops.add(DropReason.MALFORMED);
            return;
        }
        if (sender.trunk != null) {
            onTrunk(packet, sender, length, now);
            return;
        }
        layers.reconcile(sender);
        if (RtcpReader.isRtcp(packet, 0, length)) {
            onRtcp(packet, sender, length, now);
            return;
        }
        onRtp(packet, sender, sender, length, now);
    }

    /**
     * A datagram over a trunk, plain by now: RTP is a remote member's (by its SSRC), routed as that member's with the
     * trunk's transport-cc; RTCP whose sender SSRC is a remote member's is that member's (its sender reports), any
     * other (feedback from the other relay's receivers, transport-cc feedback about the trunk) the trunk's own.
     */
    private void onTrunk(byte[] packet, Member trunk, int length, long now) {
        trunk.lastSeenNanos = now;
        boolean rtcp = RtcpReader.isRtcp(packet, 0, length);
        if (length < 12 && !rtcp) {
            trunk.drops.add(DropReason.MALFORMED);
            return;
        }
        int ssrc = (packet[rtcp ? 4 : 8] & 0xFF) << 24 | (packet[rtcp ? 5 : 9] & 0xFF) << 16
                | (packet[rtcp ? 6 : 10] & 0xFF) << 8 | (packet[rtcp ? 7 : 11] & 0xFF);
        Member remote = trunk.trunk.bySsrc(ssrc);
        trunk.trunk.packetsIn.increment();
        trunk.trunk.bytesIn.add(length);
        if (rtcp) {
            Member from = remote != null && remote.ssrc == ssrc ? remote : trunk;
            layers.reconcile(from);
            onRtcp(packet, from, length, now);
        } else if (remote == null) {
            trunk.drops.add(DropReason.TRUNK_UNKNOWN_SSRC);
        } else {
            layers.reconcile(remote);
            onRtp(packet, remote, trunk, length, now);
        }
    }

    /**
     * Binds another relay's participant, announced over its trunk: this relay's receivers get a stream of it, as at a
     * hello's binding. Its address is its trunk's (or, before the trunk's media is bound, the other relay's control
     * address), never the directory's: its packets come over the trunk. Media thread.
     */
    void bindRemote(Member remote, long now) {
        if (directory.byId(remote.id) != remote) {
            return;   // gone already
        }
        InetSocketAddress hop = remote.via.mediaAddress;
        remote.mediaAddress = hop != null ? hop : remote.via.connection.remote();
        remote.lastSeenNanos = now;
        layers.onBound(remote);
        if (remote.via.mediaAddress != null) {
            for (Member receiver : remote.room.snapshot()) {
                if (receiver.local() && receiver.mediaAddress != null) {
                    layers.requestKeyframesFor(receiver, now);
                    break;
                }
            }
        }
    }

    /** Trunks this relay opened, which it keeps bound to the other relay with a hello a second (media thread). */
    private final java.util.List<Member> openedTrunks = new java.util.ArrayList<>();
    private final byte[] trunkHello = new byte[MediaHello.REQUEST_BYTES];
    private long nextTrunkHellos;

    /**
     * Binds a trunk this relay opened to the other relay's media address, and proves it there with a hello (the
     * answer starts the media handshake, this relay being DTLS's client). Media thread.
     *
     * @param trunk the trunk member ({@link RoomDirectory#openTrunk})
     * @param peer  the other relay's media address
     */
    void bindOpenedTrunk(Member trunk, InetSocketAddress peer, long now) {
        if (directory.byId(trunk.id) != trunk) {
            return;
        }
        trunk.lastSeenNanos = now;
        directory.bind(trunk, peer);
        openedTrunks.add(trunk);
        layers.onBound(trunk);
        for (Member remote : trunk.room.snapshot()) {
            if (remote.via == trunk) {
                remote.mediaAddress = peer;
            }
        }
        sendTrunkHello(trunk, now);
        if (trunk.srtp == null) {
            layers.requestKeyframesFor(trunk, now);
        }
    }

    private void sendTrunkHello(Member trunk, long now) {
        int n = trunk.hello.writeRequest(trunkHello, 0, trunk.remotePeerId, ++trunk.lastHelloCounter, (int) now);
        output.send(trunkHello, n, trunk.mediaAddress, trunk);
    }

    /** The other relay's answer to a trunk's hello: once authenticated, the media handshake starts (SRTP). */
    private void onTrunkHelloAnswer(Member trunk, byte[] packet, int length, long now) {
        if (!trunk.hello.verify(packet, 0, length)) {
            trunk.drops.add(DropReason.BAD_HELLO);
            return;
        }
        trunk.lastSeenNanos = now;
        MemberSrtp srtp = trunk.srtp;
        if (srtp != null && srtp.association == null) {
            startHandshake(trunk, srtp, true);
        }
    }

    /** Media thread: a hello a second on every trunk this relay opened, and forgets those that closed. */
    void keepTrunks(long now) {
        if (openedTrunks.isEmpty() || now - nextTrunkHellos < 0) {
            return;
        }
        nextTrunkHellos = now + 1_000_000_000L;
        openedTrunks.removeIf(trunk -> directory.byId(trunk.id) != trunk);
        for (Member trunk : openedTrunks) {
            sendTrunkHello(trunk, now);
        }
    }

    /**
     * An ingress's member ({@link IngressSpec}) is bound to its sender's address: its room-mates get a stream of it,
     * as at a hello's binding, but the address is not the directory's (its packets come through the ingress's own
     * port, not the media port) and the member gets no stream of anyone ({@link Fanout#add}). Media thread.
     *
     * @param member the ingress's member, in its room
     * @param sender the address its sender sends from
     */
    void bindIngress(Member member, InetSocketAddress sender, long now) {
        member.mediaAddress = sender;
        member.lastSeenNanos = now;
        layers.onBound(member);
    }

    /**
     * Routes one RTP packet an ingress took from its sender, its SSRC already its member's: the same path as a
     * member's RTP from its bound address (bitrate cap, retransmission cache, forwarding to every receiver). Media
     * thread; allocates nothing.
     *
     * @param sender the ingress's member, bound with {@link #bindIngress}
     * @param packet the packet, from offset 0
     * @param length its length
     */
    void onIngress(Member sender, byte[] packet, int length, long now) {
        if (length > mtu) {
            sender.drops.add(DropReason.TOO_LARGE);
            return;
        }
        layers.reconcile(sender);
        onRtp(packet, sender, sender, length, now);
    }

    /**
     * @param hop the member whose hop the packet came over, whose transport-cc records it: the sender, or for another
     *            relay's participant its trunk
     */
    private void onRtp(byte[] packet, Member sender, Member hop, int length, long now) {
        try {
            rtp.parse(packet, 0, length);
        } catch (MalformedPacketException e) {
            sender.drops.add(DropReason.MALFORMED);
            return;
        }
        int layer = sender.layerOf(rtp.ssrc());
        int rtxLayer = layer < 0 ? sender.rtxLayerOf(rtp.ssrc()) : -1;
        if (layer < 0 && rtxLayer < 0) {
            sender.drops.add(DropReason.WRONG_SSRC);
            return;
        }
        if (!sender.limiter.tryConsume(length, now)) {
            sender.drops.add(DropReason.BITRATE_CAP);
            return;
        }
        sender.lastSeenNanos = now;
        sender.packetsIn.increment();
        sender.bytesIn.add(length);
        int tcc = transportCc.onMediaIn(hop, packet, length, rtp.ssrc(), now);
        if (rtp.padding() && rtp.payloadLength() == 0) {
            paddingPackets.increment();  // a probe (on a media or an RTX SSRC): measured for the uplink, not forwarded
        } else if (rtxLayer >= 0) {
            rtx.onRtx(sender, rtxLayer, rtp, length, sender.cache(rtxLayer, CACHE_PACKETS, mtu), now);
        } else {
            sender.lastMediaNanos = now;
            sender.rates.onPacket(layer, length);
            sender.cache(layer, CACHE_PACKETS, mtu).store(packet, length, rtp.sequence());
            // A single-layer sender has nothing to switch between: its receivers start on any packet, as before
            // simulcast, and their decoders wait for the keyframe asked for when they bound.
            boolean keyframeStart = sender.switchPoints.test(sender.codec, layer, packet, rtp.payloadOffset(),
                    rtp.payloadLength(), rtp.sequence(), rtp.timestamp());
            boolean switchPoint = sender.layerCount() == 1 || keyframeStart;
            layers.forward(sender, layer, packet, length, rtp.sequence(), rtp.timestamp(), switchPoint, tcc, now);
            egress.forward(sender, layer, packet, length, rtp.sequence(), rtp.timestamp(), keyframeStart, now);
        }
        if (selectingLayers) {
            selection.maybeRun(sender.room, now);
        }
        probes.pump(now);
        transportCc.sendDueFeedback(hop, now);
    }

    private void onRtcp(byte[] packet, Member sender, int length, long now) {
        if (!sender.rtcpBudget.tryConsume(length, now)) {
            sender.drops.add(DropReason.RTCP_BUDGET);
            return;
        }
        rtcpRoute.reset(sender);
        try {
            RtcpReader.read(packet, 0, length, rtcpRoute);
        } catch (MalformedPacketException e) {
            sender.drops.add(DropReason.MALFORMED);
            return;
        }
        if (!rtcpRoute.fromSender()) {
            sender.drops.add(DropReason.WRONG_SSRC);
            return;
        }
        if (rtcpRoute.mixedTargets()) {
            sender.drops.add(DropReason.MALFORMED);  // feedback for two streams in one compound: send one each
            return;
        }
        sender.lastSeenNanos = now;
        sender.packetsIn.increment();
        sender.bytesIn.add(length);
        if (rtcpRoute.transportFeedback()) {           // about our downlink to the sender: ends here
            long before = sender.congestion.downlinkEstimateBps();
            boolean full = sender.congestion.downlinkFull();
            transportCc.onFeedback(sender, packet, rtcpRoute.transportFeedbackOffset(),
                    rtcpRoute.transportFeedbackLength(), now);
            if (sender.congestion.downlinkEstimateBps() < before - before / 10
                    || !full && sender.congestion.downlinkFull()) {
                sender.room.nextLayerSelectionNanos = now;  // a narrowed downlink: choose and cap at once
            }
        } else if (rtcpRoute.bitrateNotification()) {    // answers our TMMBR: ends here
            caps.onNotification(sender);
        } else if (rtcpRoute.feedback()) {
            routeFeedback(packet, sender, length, now);
        } else if (rtcpRoute.senderReports() > 0) {
            for (Member receiver : sender.room.snapshot()) {
                ForwardedStream stream = stream(receiver, sender);
                int n = stream == null ? 0 : SenderReportRewriter.rewrite(packet, length, sender, stream, report);
                if (n > 0) {
                    send(report, n, receiver);
                }
            }
        } else if (sender.trunk == null) {
            for (Member receiver : sender.room.snapshot()) {
                // another relay's participant's RTCP stays on this relay; its relay's trunk has it already
                if (receiver != sender && receiver.via == null && (sender.via == null || receiver.local())) {
                    send(packet, length, receiver);
                }
            }
        } else {
            sender.drops.add(DropReason.WRONG_SSRC);   // a trunk's own RTCP is feedback, nothing to pass on
        }
    }

    /** Feedback names the primary SSRC of the member whose stream it is about. */
    private void routeFeedback(byte[] packet, Member requester, int length, long now) {
        int mediaSsrc = rtcpRoute.mediaSsrc();
        for (Member target : requester.room.snapshot()) {
            if (target != requester && target.ssrc == mediaSsrc) {
                ForwardedStream stream = target.fanout.stream(requester);
                if (stream == null) {
                    requester.drops.add(DropReason.NOT_RECEIVING);
                } else {
                    feedback.admit(requester, target, stream, rtcpRoute, packet, length, now);
                }
                return;
            }
        }
    }

    /** Sends to a member's bound address; members not bound yet get nothing. */
    private void send(byte[] data, int length, Member receiver) {
        InetSocketAddress to = receiver.mediaAddress;
        if (to != null) {
            output.send(data, length, to, receiver);
        }
    }
}
