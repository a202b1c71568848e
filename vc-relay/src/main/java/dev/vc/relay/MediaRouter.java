package dev.vc.relay;

import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import dev.vc.transport.udp.rtp.RtpHeader;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides where each media datagram goes, without a socket: bytes and source address in, (datagram,
 * destination) pairs out through an {@link Output}. {@link MediaRelay} drives it from its socket; tests drive
 * it directly.
 *
 * <ul>
 *   <li>A STUN hello ({@link MediaHello}) with a valid HMAC and a fresh counter binds its source address to
 *       the participant it names, and is answered.</li>
 *   <li>RTP from a bound address with the SSRC assigned to it goes to every other bound member of its room,
 *       within the sender's bitrate cap.</li>
 *   <li>RTCP is read whole with {@link RtcpReader}: a compound that is malformed, or any of whose packets
 *       names another SSRC than the sender's, is dropped. One that starts with feedback (RTPFB, PSFB: NACK,
 *       PLI) goes only to the member whose SSRC it names; other RTCP (SR, RR, SDES, BYE) goes to the rest of
 *       the room.</li>
 *   <li>Transport-cc ({@link TransportCcRouting}): each accepted RTP packet's transport-wide sequence number
 *       is recorded for its sender's uplink feedback and rewritten in place for each receiver's downlink;
 *       transport-cc feedback from a member ends at the relay, in that member's downlink estimate.</li>
 *   <li>Everything else is dropped and counted by {@link DropReason}.</li>
 * </ul>
 *
 * When a member binds, every member of its room that is sending is asked for a keyframe with a PLI, at most
 * once per second per sender, so ten joins do not cause ten keyframes. Media thread only; allocates nothing
 * per datagram.
 */
final class MediaRouter {
    private static final long PLI_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
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

    private final RoomDirectory directory;
    private final int mtu;
    private final Output output;
    /** Packets the relay keeps per sender for answering NACKs: about half a second of 2 Mbit/s video. */
    static final int CACHE_PACKETS = 128;

    private final byte[] reply;
    private final FeedbackPolicer feedback;
    private final RtpHeader rtp = new RtpHeader();
    private final RtcpRoute rtcpRoute = new RtcpRoute();
    private final DropCounters unattributedDrops = new DropCounters();
    private final LongAdder keyframeRequests = new LongAdder();
    private final TransportCcRouting transportCc;

    MediaRouter(RoomDirectory directory, int mtu, Output output) {
        this.directory = directory;
        this.mtu = mtu;
        this.output = output;
        this.reply = new byte[Math.max(128, mtu)];
        this.feedback = new FeedbackPolicer(output, reply);
        this.transportCc = new TransportCcRouting(mtu, output);
    }

    /** @return packets the relay resent itself in answer to NACKs */
    long retransmissions() {
        return feedback.retransmissions();
    }

    /** Drops that could not be attributed to a member (unknown address, bad hello). */
    DropCounters unattributedDrops() {
        return unattributedDrops;
    }

    long keyframeRequests() {
        return keyframeRequests.sum();
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
        if (length > mtu) {
            unattributedDrops.add(DropReason.TOO_LARGE);
        } else if (length >= 1 && MediaHello.isStun(packet[0])) {
            onHello(packet, length, from, nowNanos);
        } else {
            onMedia(packet, length, from, nowNanos);
        }
    }

    private void onHello(byte[] packet, int length, InetSocketAddress from, long nowNanos) {
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
        member.lastHelloCounter = request.counter();
        member.lastSeenNanos = nowNanos;
        boolean fresh = !from.equals(member.mediaAddress);
        if (fresh && member.mediaAddress != null) {
            member.lastRebindNanos = nowNanos;
        }
        directory.bind(member, from);
        output.send(reply, member.hello.writeSuccess(reply, 0, request, from), from, member);
        if (fresh) {
            requestKeyframes(member, nowNanos);
        }
    }

    private void onMedia(byte[] packet, int length, InetSocketAddress from, long now) {
        Member sender = directory.byAddress(from);
        if (sender == null) {
            unattributedDrops.add(DropReason.UNBOUND_ADDRESS);
            return;
        }
        if (length < 8 || (packet[0] & 0xC0) != 0x80) {
            sender.drops.add(DropReason.MALFORMED);
            return;
        }
        if (RtcpReader.isRtcp(packet, 0, length)) {
            onRtcp(packet, sender, length, now);
            return;
        }
        try {
            rtp.parse(packet, 0, length);
        } catch (MalformedPacketException e) {
            sender.drops.add(DropReason.MALFORMED);
            return;
        }
        if (rtp.ssrc() != sender.ssrc) {
            sender.drops.add(DropReason.WRONG_SSRC);
            return;
        }
        if (!sender.limiter.tryConsume(length, now)) {
            sender.drops.add(DropReason.BITRATE_CAP);
            return;
        }
        sender.lastMediaNanos = now;
        sender.lastSeenNanos = now;
        if (sender.cache == null) {
            sender.cache = new RetransmissionCache(CACHE_PACKETS, mtu);  // once per member
        }
        sender.cache.store(packet, length, rtp.sequence());
        sender.packetsIn.increment();
        sender.bytesIn.add(length);
        int tcc = transportCc.onMediaIn(sender, packet, length, rtp.ssrc(), now);
        for (Member receiver : sender.room.snapshot()) {
            if (receiver != sender) {
                transportCc.stamp(receiver, packet, tcc, length, now);
                send(packet, length, receiver);
            }
        }
        transportCc.sendDueFeedback(sender, now);
    }

    private void onRtcp(byte[] packet, Member sender, int length, long now) {
        if (!sender.rtcpBudget.tryConsume(length, now)) {
            sender.drops.add(DropReason.RTCP_BUDGET);
            return;
        }
        rtcpRoute.reset(sender.ssrc);
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
            transportCc.onFeedback(sender, packet, rtcpRoute.transportFeedbackOffset(),
                    rtcpRoute.transportFeedbackLength(), now);
            return;
        }
        if (!rtcpRoute.feedback()) {
            for (Member receiver : sender.room.snapshot()) {
                if (receiver != sender) {
                    send(packet, length, receiver);
                }
            }
            return;
        }
        int mediaSsrc = rtcpRoute.mediaSsrc();
        for (Member target : sender.room.snapshot()) {
            if (target != sender && target.ssrc == mediaSsrc) {
                if (feedback.admit(sender, target, rtcpRoute, now)) {
                    send(packet, length, target);
                }
                return;
            }
        }
    }

    /** Asks every other sender in {@code joiner}'s room for a keyframe so the joiner can start decoding. */
    private void requestKeyframes(Member joiner, long now) {
        for (Member sender : joiner.room.snapshot()) {
            if (sender == joiner || sender.mediaAddress == null || sender.lastMediaNanos == 0
                    || now - sender.lastPliNanos < PLI_INTERVAL_NANOS) {
                continue;
            }
            sender.lastPliNanos = now;
            keyframeRequests.increment();  // before sending, so whoever sees the PLI sees it counted
            send(reply, RtcpWriter.pli(reply, 0, RELAY_SSRC, sender.ssrc), sender);
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
