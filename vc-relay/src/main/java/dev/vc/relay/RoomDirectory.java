package dev.vc.relay;

import dev.vc.api.RtxSsrc;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.dtls.CertificateFingerprint;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.DisplayNames;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import dev.vc.api.control.ControlMessage.JoinRejected;
import dev.vc.api.control.ControlMessage.RejectReason;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms and their members: admits joins (secrets, limits), assigns ids, SSRCs (one per simulcast layer the join
 * names, distinct on the relay) and session keys, and tells
 * the other members of every change. Joins and leaves happen on the control thread; the media thread
 * reads {@link #byId} and {@link #byAddress} and binds addresses with {@link #bind}.
 */
final class RoomDirectory {
    private static final System.Logger LOG = System.getLogger(RoomDirectory.class.getName());

    private final RelaySettings settings;
    private final MediaKeying keying;
    private int mediaPort;
    private volatile int roomCount;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Room> rooms = new HashMap<>();
    private final ConcurrentHashMap<Integer, Member> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetSocketAddress, Member> byAddress = new ConcurrentHashMap<>();
    private final Map<Integer, Member> bySsrc = new HashMap<>();  // control thread only
    private int nextId = 1;
    private final ResumeTable resumes;
    private volatile Listener listener = Listener.NONE;
    /** Told of rooms opened and closed here, in a cluster; null for a relay that stands alone. */
    private dev.vc.relay.placement.RoomPlacement placement;

    /** Told when a member's media address is bound and when a member leaves. */
    interface Listener {
        /** Ignores everything. */
        Listener NONE = new Listener() {
            @Override
            public void bound(Member member) {
            }

            @Override
            public void left(Member member) {
            }
        };

        /** Media thread: {@code member}'s media address changed to {@link Member#mediaAddress}. */
        void bound(Member member);

        /** Control thread: {@code member}, which had bound a media address, left. */
        void left(Member member);
    }

    /** @return the relay's settings */
    RelaySettings settings() {
        return settings;
    }

    /** Joins, departures and the departed members' figures, since the relay started. */
    final RelayTotals totals = new RelayTotals();
    /** What the relay's trunks carried, closed ones included. */
    final TrunkTotals trunkTotals = new TrunkTotals();

    RoomDirectory(RelaySettings settings) {
        this(settings, null);
    }

    /** @param keying the relay's DTLS-SRTP side, whose fingerprint joins get; null when media is plain RTP */
    RoomDirectory(RelaySettings settings, MediaKeying keying) {
        this.settings = settings;
        this.keying = keying;
        this.resumes = new ResumeTable(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(settings.resumeGraceMillis()),
                random);
    }

    /** Makes remote members' media bindings on the media thread; set before the relay starts. */
    private java.util.function.Consumer<Member> remoteBinder = remote -> { };

    /** Sets what binds another relay's participants' media (on the media thread); set before the relay starts. */
    void remoteBinder(java.util.function.Consumer<Member> binder) {
        this.remoteBinder = binder;
    }

    /** Sets who hears of bindings and departures; set before the relay starts. */
    void listener(Listener listener) {
        this.listener = listener;
    }

    /** Tells {@code placement} of every room opened and closed here from now on; set before the relay starts. */
    void placement(dev.vc.relay.placement.RoomPlacement placement) {
        this.placement = placement;
    }

    /**
     * Control thread.
     *
     * @param room a room's name
     * @return true when the room has members here
     */
    boolean serves(String room) {
        return rooms.containsKey(room);
    }

    /** Sets the media port join answers announce, once it is bound. */
    void mediaPort(int port) {
        this.mediaPort = port;
    }

    /**
     * What a join led to.
     *
     * @param reply       the answer for the joining client
     * @param member      the new member, or null if the join was refused
     * @param resumeToken the member's token for a later resume ({@link ControlMessage.ResumeToken}), or null
     * @param replaced    the member it resumed that was still present (its old connection is to be closed), or null
     */
    record JoinResult(ControlMessage reply, Member member, byte[] resumeToken, Member replaced) {
        JoinResult(ControlMessage reply, Member member) {
            this(reply, member, null, null);
        }

        static JoinResult rejected(RejectReason reason, String detail) {
            return new JoinResult(new JoinRejected(reason, detail), null);
        }
    }

    /**
     * Admits or refuses a join. On success the member is in its room and the others were told.
     *
     * @return the reply to send the joining client, and the member if admitted
     */
    JoinResult join(Join join, ControlPeer connection, long nowNanos) {
        return join(join, null, connection, nowNanos);
    }

    /**
     * Admits or refuses a join that may resume an earlier member ({@link ResumeTable}): with a token the relay
     * still honours, the member gets the same participant id and SSRCs; a member of that identity still present
     * is removed without telling the room, which sees the returning member as the same one.
     *
     * @param resumeToken the token the connection sent before joining, or null
     * @return the reply to send the joining client, and the member if admitted
     */
    JoinResult join(Join join, byte[] resumeToken, ControlPeer connection, long nowNanos) {
        if (join.sends().size() != 1) {
            return JoinResult.rejected(RejectReason.BAD_REQUEST, "send exactly one codec, got " + join.sends());
        }
        if (keying != null && join.insecureMedia()) {
            return JoinResult.rejected(RejectReason.MEDIA_SECURITY_MISMATCH, "this relay's media is SRTP (DTLS-SRTP) "
                    + "and the join asked for plain RTP: set vc.media.security=srtp, or start the relay with "
                    + "vc.relay.media.security=insecure");
        }
        if (keying == null && !join.insecureMedia()) {
            return JoinResult.rejected(RejectReason.MEDIA_SECURITY_MISMATCH, "this relay's media is plain RTP "
                    + "(vc.relay.media.security=insecure) and the join asked for SRTP: set vc.media.security=insecure "
                    + "to join it unencrypted");
        }
        String secret = settings.roomSecret(join.room());
        if (secret == null && !settings.adHocRooms()) {
            return JoinResult.rejected(RejectReason.BAD_REQUEST, "no room named '" + join.room() + "'");
        }
        if (secret != null && !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                join.secret().getBytes(StandardCharsets.UTF_8))) {
            return JoinResult.rejected(RejectReason.BAD_SECRET, "wrong secret for room '" + join.room() + "'");
        }
        VideoCodec codec = join.sends().iterator().next();
        ResumeTable.Identity resumed = resumes.claim(resumeToken, join.room(), codec, join.layers().size(), nowNanos);
        Member replaced = null;
        if (resumed != null) {
            Member present = byId.get(resumed.id());
            if (present != null) {
                replaced = present;
                remove(present, "resumed", false);
            } else if (!ssrcsFree(resumed.layerSsrcs())) {
                resumed = null;
            }
        }
        return admit(join, connection, nowNanos, false, resumed, replaced);
    }

    /**
     * Admits or refuses an ingress's participant ({@link IngressSpec}): no secret (the operator opened the ingress),
     * plain RTP whatever the relay's media security, and it receives nothing ({@link Member#sendOnly}); the room's
     * and the relay's limits hold as for any join. It is never resumable.
     *
     * @param peer where its control messages would go (nowhere), and its sender's address for the logs
     * @return the member if admitted, else the refusal
     */
    JoinResult joinIngress(IngressSpec spec, ControlPeer peer, long nowNanos) {
        if (settings.roomSecret(spec.room()) == null && !settings.adHocRooms()) {
            return JoinResult.rejected(RejectReason.BAD_REQUEST, "no room named '" + spec.room() + "'");
        }
        Join join = new Join(spec.room(), spec.name(), "", java.util.Set.of(spec.codec()), java.util.Set.of(),
                List.of(ControlMessage.Layer.UNSTATED), "");
        return admit(join, peer, nowNanos, true, null, null);
    }

    /**
     * Admits a join whose secret and media security were checked, and whose resumption was claimed, unless its room
     * or the relay is full.
     *
     * @param resumed  the identity it resumes, or null for a new one
     * @param replaced the member of that identity it replaces, or null
     */
    private JoinResult admit(Join join, ControlPeer connection, long nowNanos, boolean sendOnly,
                             ResumeTable.Identity resumed, Member replaced) {
        VideoCodec codec = join.sends().iterator().next();
        Room room = rooms.get(join.room());
        if (room == null && rooms.size() >= settings.maxRooms()) {
            return JoinResult.rejected(RejectReason.SERVER_FULL, "relay has its maximum of " + settings.maxRooms() + " rooms");
        }
        if (room != null && room.localSize() >= settings.maxParticipantsPerRoom()) {
            return JoinResult.rejected(RejectReason.ROOM_FULL,
                    "room '" + join.room() + "' has its maximum of " + settings.maxParticipantsPerRoom() + " participants");
        }
        if (room == null) {
            room = new Room(join.room());
            rooms.put(room.name, room);
            roomCount = rooms.size();
            if (placement != null) {
                placement.roomOpened(room.name);
            }
        }
        List<ControlMessage.Participant> roster = new ArrayList<>();
        for (Member other : room.snapshot()) {
            if (other.trunk == null) {
                roster.add(other.asRosterEntry());
            }
        }
        byte[] key = new byte[JoinAccepted.KEY_BYTES];
        random.nextBytes(key);
        int[] layerSsrcs = new int[join.layers().size()];
        if (resumed != null) {
            layerSsrcs = resumed.layerSsrcs().clone();
        } else {
            for (int layer = 0; layer < layerSsrcs.length; layer++) {
                layerSsrcs[layer] = uniqueSsrc(layerSsrcs, layer);
            }
        }
        int id = resumed != null ? resumed.id() : nextId++;
        Member member = new Member(id, layerSsrcs, join.layers(), DisplayNames.clean(join.displayName()), codec, room,
                connection,
                key, settings, nowNanos, new MemberCongestion(MediaRouter.RELAY_SSRC, settings.ccWindowPackets(),
                        settings.mtu(), settings.ccFeedbackPerSecond(), nowNanos));
        member.sendOnly = sendOnly;
        if (keying != null && !sendOnly) {
            member.srtp = new MemberSrtp(CertificateFingerprint.parse(join.mediaFingerprint()));
        }
        room.add(member);
        byId.put(member.id, member);
        for (int ssrc : layerSsrcs) {
            bySsrc.put(ssrc, member);
        }
        if (placement != null) {
            placement.participantsChanged(room.name, room.localSize());
        }
        for (Member other : room.snapshot()) {
            if (other != member) {
                other.connection.send(new ControlMessage.ParticipantJoined(member.asRosterEntry()));
            }
        }
        LOG.log(System.Logger.Level.INFO, "{5} {0} from {1}, codec {2}, {3} layer(s), {4} in room", member,
                connection.remote(), codec, layerSsrcs.length, room.size(), resumed != null ? "resume" : "join");
        byte[] token = sendOnly ? null : resumes.issue(member);
        List<Integer> ssrcs = new ArrayList<>();
        for (int ssrc : layerSsrcs) {
            ssrcs.add(ssrc);
        }
        return new JoinResult(new JoinAccepted(member.id, member.ssrc, mediaPort, key, settings.keepaliveMillis(), roster,
                ssrcs, keying == null ? "" : keying.fingerprint()), member, token, replaced);
    }

    /** @return true when no member sends any of these SSRCs */
    private boolean ssrcsFree(int[] ssrcs) {
        for (int ssrc : ssrcs) {
            if (bySsrc.containsKey(ssrc)) {
                return false;
            }
        }
        return true;
    }

    /** @return joins that resumed an earlier member's identity */
    long resumedJoins() {
        return resumes.resumed();
    }

    /**
     * @return an SSRC no member has and none of {@code taken[0, count)}; never 0, its lowest bit clear, so its RTX
     *         SSRC ({@link RtxSsrc#of}) is no one's media SSRC
     */
    private int uniqueSsrc(int[] taken, int count) {
        while (true) {
            int ssrc = RtxSsrc.media(random.nextInt());
            if (ssrc != 0 && !bySsrc.containsKey(ssrc) && !contains(taken, count, ssrc)) {
                return ssrc;
            }
        }
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * Admits another relay's trunk for a room ({@link ControlMessage.Trunk}), once its proof holds under this relay's
     * trunk secret: a member that is no participant (in no roster, announced to nobody) and receives one stream of
     * each of this relay's participants. The answer's roster lists this relay's own participants only.
     *
     * @return the trunk member if admitted, else the refusal
     */
    JoinResult joinTrunk(ControlMessage.Trunk request, ControlPeer connection, long nowNanos) {
        if (!TrunkProof.verify(settings.trunkSecret(), request.room(), request.relayId(), request.proof())) {
            return JoinResult.rejected(RejectReason.BAD_SECRET, "trunk refused: trunks are off here or the proof is wrong");
        }
        if ((keying == null) != request.mediaFingerprint().isEmpty()) {
            return JoinResult.rejected(RejectReason.MEDIA_SECURITY_MISMATCH,
                    "trunk refused: the relays' media security differs");
        }
        Room room = openRoom(request.room());
        if (room == null) {
            return JoinResult.rejected(RejectReason.SERVER_FULL, "relay has its maximum of " + settings.maxRooms() + " rooms");
        }
        int[] ssrcs = {uniqueSsrc(new int[1], 0)};
        byte[] key = newKey();
        Member trunk = newMember(nextId++, ssrcs, "trunk " + request.relayId(), VideoCodec.JPEG, room, connection,
                key, nowNanos);
        trunk.trunk = new TrunkLink(request.relayId(), false);
        if (keying != null) {
            trunk.srtp = new MemberSrtp(CertificateFingerprint.parse(request.mediaFingerprint()));
        }
        publish(trunk);
        List<ControlMessage.Participant> roster = new ArrayList<>();
        for (Member other : room.snapshot()) {
            if (other.local()) {
                roster.add(other.asRosterEntry());
            }
        }
        LOG.log(System.Logger.Level.INFO, "trunk from relay {0} for ''{1}'' from {2}", request.relayId(), room.name,
                connection.remote());
        return new JoinResult(new JoinAccepted(trunk.id, trunk.ssrc, mediaPort, key,
                settings.keepaliveMillis(), roster, List.of(trunk.ssrc), keying == null ? "" : keying.fingerprint()),
                trunk);
    }

    /**
     * This relay's end of a trunk it opened and the other relay accepted: a trunk member with the SSRC and session the
     * other relay gave it, and a remote member for each participant the answer's roster names. The other relay is
     * told of this relay's participants in the room.
     *
     * @param peer     the other relay's id
     * @param accepted the other relay's answer
     * @param channel  the trunk's control connection
     * @return the trunk member, or null if the SSRC it was given is taken here (the trunk is then to be closed)
     */
    Member openTrunk(String room, String peer, JoinAccepted accepted, ControlPeer channel, long nowNanos) {
        int[] ssrcs = {accepted.ssrc()};
        if (!ssrcsFree(ssrcs)) {
            return null;
        }
        Room here = openRoom(room);
        if (here == null) {
            return null;
        }
        Member trunk = new Member(nextId++, ssrcs, List.of(ControlMessage.Layer.UNSTATED), "trunk " + peer,
                VideoCodec.JPEG, here, channel, accepted.sessionKey(), settings, nowNanos,
                new MemberCongestion(MediaRouter.RELAY_SSRC, settings.ccWindowPackets(), settings.mtu(),
                        settings.ccFeedbackPerSecond(), nowNanos));
        trunk.trunk = new TrunkLink(peer, true);
        trunk.remotePeerId = accepted.participantId();
        if (keying != null) {
            trunk.srtp = new MemberSrtp(CertificateFingerprint.parse(accepted.mediaFingerprint()));
        }
        publish(trunk);
        for (Member other : here.snapshot()) {
            if (other.local()) {
                channel.send(new ControlMessage.ParticipantJoined(other.asRosterEntry()));
            }
        }
        LOG.log(System.Logger.Level.INFO, "trunk to relay {0} for ''{1}'' open", peer, room);
        return trunk;
    }

    /**
     * Another relay's participant, announced over {@code trunk}: a remote member of the room here, with the SSRC its
     * relay forwards it under, announced to this relay's participants. It does not count against the room's
     * participants limit (its relay's does). Refused (counted on the trunk) when the relay announced it already, its
     * SSRC is taken here, or the trunk carries as many as one relay's room holds (the relays of a cluster share the
     * limit).
     *
     * @return the remote member, or null if refused
     */
    Member addRemote(Member trunk, ControlMessage.Participant participant, long nowNanos) {
        Room room = trunk.room;
        int[] ssrcs = {participant.ssrc()};
        if (byId.get(trunk.id) != trunk || trunk.trunk.knows(participant.participantId()) || participant.ssrc() == 0
                || (participant.ssrc() & 1) != 0 || !ssrcsFree(ssrcs)
                || bySsrc.containsKey(RtxSsrc.of(participant.ssrc()))
                || trunk.trunk.streams() >= settings.maxParticipantsPerRoom()) {
            trunk.trunk.announcementsRefused.increment();
            return null;
        }
        Member remote = newMember(nextId++, ssrcs, DisplayNames.clean(participant.displayName()), participant.codec(),
                room, NO_PEER, newKey(), nowNanos);
        remote.via = trunk;
        trunk.trunk.add(participant.participantId(), remote);
        publish(remote);
        remoteBinder.accept(remote);
        for (Member other : room.snapshot()) {
            if (other != remote && other.local()) {
                other.connection.send(new ControlMessage.ParticipantJoined(remote.asRosterEntry()));
            }
        }
        return remote;
    }

    /** Another relay's participant left, as its trunk says: it leaves the room here. */
    void removeRemote(Member trunk, int remoteId, String reason) {
        Member remote = trunk.trunk == null ? null : trunk.trunk.remove(remoteId);
        if (remote != null) {
            remove(remote, reason, true);
        }
    }

    /** @return the room, made if need be (and told to the placement), or null when the relay has its maximum */
    private Room openRoom(String name) {
        Room room = rooms.get(name);
        if (room == null) {
            if (rooms.size() >= settings.maxRooms()) {
                return null;
            }
            room = new Room(name);
            rooms.put(room.name, room);
            roomCount = rooms.size();
            if (placement != null) {
                placement.roomOpened(room.name);
            }
        }
        return room;
    }

    private byte[] newKey() {
        byte[] key = new byte[JoinAccepted.KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    private Member newMember(int id, int[] ssrcs, String name, VideoCodec codec, Room room, ControlPeer connection,
                             byte[] key, long nowNanos) {
        return new Member(id, ssrcs, List.of(ControlMessage.Layer.UNSTATED), name, codec, room, connection, key,
                settings, nowNanos, new MemberCongestion(MediaRouter.RELAY_SSRC, settings.ccWindowPackets(),
                        settings.mtu(), settings.ccFeedbackPerSecond(), nowNanos));
    }

    /** Puts a trunk or remote member in its room and the tables. */
    private void publish(Member member) {
        member.room.add(member);
        byId.put(member.id, member);
        for (int ssrc : member.layerSsrcs()) {
            bySsrc.put(ssrc, member);
        }
    }

    /** Where a remote member's control messages would go: nowhere, its relay has its connection. */
    private static final ControlPeer NO_PEER = new ControlPeer() {
        @Override
        public void send(ControlMessage message) {
        }

        @Override
        public InetSocketAddress remote() {
            return new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
        }
    };

    /** @return this relay's own participants now, trunks and other relays' participants not counted; any thread */
    int localMembers() {
        int count = 0;
        for (Member m : byId.values()) {
            if (m.local()) {
                count++;
            }
        }
        return count;
    }

    /** Removes a member and tells the rest of its room. Idempotent. */
    void leave(Member member, String reason) {
        remove(member, reason, true);
    }

    /**
     * Removes a member; {@code announce} false (it resumes on another connection) tells nobody and keeps what
     * room-mates said about it. A member that did not say {@code LEAVE} stays resumable for the grace period.
     */
    private void remove(Member member, String reason, boolean announce) {
        if (byId.remove(member.id, member)) {
            totals.left(member, announce ? reason : "resumed");
            if (member.trunk != null) {
                trunkTotals.closed(member);
            }
            resumes.left(member, !announce || "left".equals(reason), System.nanoTime());
            for (int ssrc : member.layerSsrcs()) {
                bySsrc.remove(ssrc);
            }
            InetSocketAddress address = member.mediaAddress;
            if (address != null) {
                byAddress.remove(address, member);
                listener.left(member);
            }
            Room room = member.room;
            room.remove(member);
            if (placement != null && member.local() && !room.isEmpty()) {
                placement.participantsChanged(room.name, room.localSize());
            }
            if (room.isEmpty()) {
                rooms.remove(room.name);
                roomCount = rooms.size();
                if (placement != null) {
                    placement.roomClosed(room.name);
                }
            }
            for (Member other : announce && member.trunk == null ? room.snapshot() : new Member[0]) {
                if (member.local() || other.local()) {   // another relay's participant is announced to ours only
                    other.viewSizes.forget(member.id);
                    other.connection.send(new ControlMessage.ParticipantLeft(member.id, reason));
                }
            }
            LOG.log(System.Logger.Level.INFO, "leave {0}: {1}, {2} left in room", member, reason, room.size());
            if (member.trunk != null) {
                for (Member remote : member.trunk.removeAll()) {
                    remove(remote, "its relay's trunk closed", true);
                }
            }
            if (member.via == null && room.localSize() == 0) {
                // no participant of ours left (the last left, or the trunk of the room's last other relay with any
                // went): the room's other trunks go, and the room closes here
                for (Member other : room.snapshot()) {
                    if (other.trunk != null) {
                        other.connection.end();
                        remove(other, "no participant left here", true);
                    }
                }
            }
        }
    }

    /**
     * Control thread.
     *
     * @param room a room's name
     * @return true when participants of this relay's own are in the room (trunks and other relays' not counted)
     */
    boolean hasLocal(String room) {
        return localSize(room) > 0;
    }

    /**
     * Control thread.
     *
     * @param room a room's name
     * @return this relay's own participants in the room, which the participants limit counts; 0 if it is not served
     */
    int localSize(String room) {
        Room here = rooms.get(room);
        return here == null ? 0 : here.localSize();
    }

    /** Media thread: records that {@code member}'s media now comes from {@code address}. */
    void bind(Member member, InetSocketAddress address) {
        InetSocketAddress old = member.mediaAddress;
        if (address.equals(old)) {
            return;
        }
        byAddress.put(address, member);
        member.mediaAddress = address;
        if (old != null) {
            byAddress.remove(old, member);
        }
        if (!byId.containsKey(member.id)) {
            byAddress.remove(address, member);  // it left while we were binding
            return;
        }
        listener.bound(member);
        long now = System.nanoTime();
        if (now - member.lastBindLogNanos >= 1_000_000_000L) {  // a rebinding flood logs one line a second
            member.lastBindLogNanos = now;
            LOG.log(System.Logger.Level.INFO, "media of {0} bound to {1}", member, address);
        }
    }

    Member byId(int id) {
        return byId.get(id);
    }

    Member byAddress(InetSocketAddress address) {
        return byAddress.get(address);
    }

    Collection<Member> members() {
        return byId.values();
    }

    /** @return rooms with members; safe to call from any thread */
    int roomCount() {
        return roomCount;
    }
}
