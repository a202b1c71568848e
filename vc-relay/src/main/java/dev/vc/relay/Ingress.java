package dev.vc.relay;

import dev.vc.transport.udp.rtcp.RtcpReader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One open ingress ({@link IngressSpec}): a UDP socket on its own port, read by the media thread, whose plain RTP
 * becomes a participant of its room. Each datagram goes through these steps, each counting what it drops:
 *
 * <pre>
 * datagram (bytes, source)                                               drops
 *   ▼
 * source check     the configured source address; once bound, the        other_source
 *                  sender's address and port only
 *   ▼
 * RTP check        larger than the MTU; not RTP version 2; RTCP          too_large, malformed, ingress_rtcp
 *   ▼
 * SSRC check       the configured one, or the first packet's             wrong_ssrc
 *   ▼
 * state            IDLE: the packet binds the sender, is kept, and a     ingress_refused (while the room
 *                  join is asked of the control thread (JOINING);        refuses; tried again after 2 s),
 *                  JOINING: kept (256 packets);                          ingress_backlog_full
 *                  JOINED: SSRC rewritten to the member's, routed
 *                  ({@link MediaRouter#onIngress}) like any member's RTP
 * </pre>
 *
 * The member leaves when the ingress closes, or when its sender has been silent for the stale timeout; the next
 * packet joins again (from whichever address, under the same rules). Media thread only, except {@link #status}.
 */
final class Ingress {
    /**
     * Packets kept while the member joins (a round trip to the control thread, a few milliseconds): a large keyframe's
     * burst, about 380 KB at a 1,500-byte MTU.
     */
    static final int BACKLOG_PACKETS = 256;
    /**
     * Datagrams read per readiness, so that a sender that never lets its socket run empty cannot hold the media thread
     * from its other sockets and from its tasks (its own member's admission among them); the rest wait for the next
     * select, in the socket's buffer.
     */
    static final int READS_PER_ROUND = 64;
    /** How long packets are dropped after the room refused the member, before it asks again. */
    static final long RETRY_NANOS = 2_000_000_000L;

    /** What an ingress asks of the rooms, which the control thread owns. */
    interface Rooms {
        /**
         * Asks for {@code ingress}'s member to be admitted; the answer comes on the media thread, to
         * {@link Ingress#onJoined} or {@link Ingress#onRefused}.
         */
        void join(Ingress ingress);

        /** Removes {@code member} from its room, telling its room-mates why. */
        void leave(Member member, String reason);
    }

    final IngressSpec spec;
    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final MediaRouter router;
    private final Rooms rooms;
    private final long staleNanos;
    private final int mtu;
    private final IngressBacklog backlog;
    private final DropCounters drops = new DropCounters();
    private final LongAdder packets = new LongAdder();

    private volatile IngressStatus.State state = IngressStatus.State.IDLE;
    /** The address its member is bound to; null in IDLE and REFUSED. */
    private volatile InetSocketAddress sender;
    private volatile Member member;
    private int ssrc;
    private long lastPacketNanos;
    private long retryAtNanos;
    private boolean closed;

    /**
     * @param channel    its socket, bound and non-blocking
     * @param staleNanos silence after which its member leaves
     */
    Ingress(IngressSpec spec, DatagramChannel channel, MediaRouter router, Rooms rooms, long staleNanos, int mtu)
            throws IOException {
        this.spec = spec;
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.router = router;
        this.rooms = rooms;
        this.staleNanos = staleNanos;
        this.mtu = mtu;
        this.backlog = new IngressBacklog(BACKLOG_PACKETS, mtu);
    }

    /** @return the address its member is bound to, or null while it has none; any thread */
    InetSocketAddress sender() {
        return sender;
    }

    /** @return the address it listens on */
    InetSocketAddress address() {
        return address;
    }

    /** Media thread: starts reading its socket. */
    void register(Selector selector) throws IOException {
        channel.register(selector, SelectionKey.OP_READ, this);
    }

    /**
     * Media thread: reads the datagrams waiting, at most {@link #READS_PER_ROUND}.
     *
     * @param buffer the media thread's receive buffer, over {@code packet}
     * @param packet its array, one byte longer than the MTU
     */
    void drain(ByteBuffer buffer, byte[] packet) throws IOException {
        for (int read = 0; read < READS_PER_ROUND && !closed; read++) {
            buffer.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
            if (from == null) {
                return;
            }
            onDatagram(packet, buffer.position(), from, System.nanoTime());
        }
    }

    /** Media thread: one datagram from {@code from}. */
    void onDatagram(byte[] packet, int length, InetSocketAddress from, long now) {
        InetSocketAddress bound = sender;
        if ((spec.source() != null && !spec.source().equals(from.getAddress()))
                || (bound != null && !bound.equals(from))) {
            drops.add(DropReason.OTHER_SOURCE);
            return;
        }
        if (length > mtu) {
            drops.add(DropReason.TOO_LARGE);
            return;
        }
        if (length < 12 || (packet[0] & 0xC0) != 0x80) {
            drops.add(DropReason.MALFORMED);
            return;
        }
        if (RtcpReader.isRtcp(packet, 0, length)) {
            drops.add(DropReason.INGRESS_RTCP);
            return;
        }
        int packetSsrc = readInt(packet, 8);
        boolean ssrcOk = bound != null ? packetSsrc == ssrc
                : spec.ssrc() == IngressSpec.ANY_SSRC || packetSsrc == (int) spec.ssrc();
        if (!ssrcOk) {
            drops.add(DropReason.WRONG_SSRC);
            return;
        }
        switch (state) {
            case JOINED -> {
                lastPacketNanos = now;
                forward(packet, length, now);
            }
            case JOINING -> {
                lastPacketNanos = now;
                if (!backlog.keep(packet, length)) {
                    drops.add(DropReason.INGRESS_BACKLOG_FULL);
                }
            }
            case REFUSED -> {
                if (now - retryAtNanos < 0) {
                    drops.add(DropReason.INGRESS_REFUSED);
                } else {
                    startJoin(packet, length, from, packetSsrc, now);
                }
            }
            case IDLE -> startJoin(packet, length, from, packetSsrc, now);
        }
    }

    private void startJoin(byte[] packet, int length, InetSocketAddress from, int packetSsrc, long now) {
        sender = from;
        ssrc = packetSsrc;
        lastPacketNanos = now;
        backlog.clear();
        backlog.keep(packet, length);
        state = IngressStatus.State.JOINING;
        rooms.join(this);
    }

    /**
     * Media thread: the room admitted its member. It is bound to the sender's address, and the packets kept meanwhile
     * are routed, in order.
     *
     * @param admitted its member, in the room
     * @param packet   the media thread's receive array (free during a task)
     */
    void onJoined(Member admitted, byte[] packet, long now) {
        if (closed || state != IngressStatus.State.JOINING) {
            rooms.leave(admitted, "left");
            return;
        }
        member = admitted;
        state = IngressStatus.State.JOINED;
        router.bindIngress(admitted, sender, now);
        for (int i = 0; i < backlog.size(); i++) {
            forward(packet, backlog.copy(i, packet), now);
        }
        backlog.clear();
    }

    /** Media thread: the room refused its member; packets are dropped for {@link #RETRY_NANOS}, then it asks again. */
    void onRefused(long now) {
        if (state != IngressStatus.State.JOINING) {
            return;
        }
        for (int i = 0; i < backlog.size(); i++) {
            drops.add(DropReason.INGRESS_REFUSED);
        }
        backlog.clear();
        sender = null;
        retryAtNanos = now + RETRY_NANOS;
        state = IngressStatus.State.REFUSED;
    }

    /** Media thread, after each select: a member whose sender fell silent for the stale timeout leaves. */
    void tick(long now) {
        Member joined = member;
        if (joined != null && now - lastPacketNanos > staleNanos) {
            leave("timed out");
        }
    }

    /** Media thread: stops reading, closes the socket, and its member leaves. */
    void close() {
        closed = true;
        closeSocket();
        if (member != null) {
            leave("left");
        }
    }

    /** Closes the socket (any thread, once the media thread no longer reads it). */
    void closeSocket() {
        try {
            channel.close();
        } catch (IOException e) {
            System.getLogger(Ingress.class.getName()).log(System.Logger.Level.DEBUG, "closing an ingress socket", e);
        }
    }

    private void leave(String reason) {
        Member leaving = member;
        member = null;
        sender = null;
        state = IngressStatus.State.IDLE;
        rooms.leave(leaving, reason);
    }

    private void forward(byte[] packet, int length, long now) {
        Member to = member;
        writeInt(packet, 8, to.ssrc);  // the sender's SSRC becomes the one the relay assigned its member
        packets.increment();
        router.onIngress(to, packet, length, now);
    }

    /** @return its state now; any thread */
    IngressStatus status() {
        Member joined = member;
        Map<DropReason, Long> counted = new EnumMap<>(DropReason.class);
        drops.snapshot().forEach((reason, count) -> {
            if (count > 0) {
                counted.put(reason, count);
            }
        });
        return new IngressStatus(spec, address, state, sender, joined == null ? -1 : joined.id, packets.sum(), counted);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static void writeInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }
}
