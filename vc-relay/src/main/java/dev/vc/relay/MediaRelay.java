package dev.vc.relay;

import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.RtpHeader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The relay's media path: one thread ({@code vc-relay-media}), one UDP socket, one reused buffer.
 *
 * <ul>
 *   <li>A STUN hello ({@link MediaHello}) with a valid HMAC and a fresh counter binds its source address to
 *       the participant it names, and is answered.</li>
 *   <li>RTP from a bound address with the SSRC assigned to it goes to every other bound member of its room,
 *       within the sender's bitrate cap.</li>
 *   <li>RTCP feedback (RTPFB, PSFB: NACK, PLI) goes only to the member whose SSRC it names; other RTCP
 *       (SR, RR, SDES, BYE) goes to the rest of the room.</li>
 *   <li>Everything else is dropped and counted by {@link DropReason}.</li>
 * </ul>
 *
 * When a member binds, every member of its room that is sending is asked for a keyframe with a PLI, at most
 * once per second per sender, so ten joins do not cause ten keyframes.
 */
final class MediaRelay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MediaRelay.class.getName());
    private static final long SELECT_MILLIS = 250;
    private static final long PLI_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int RTCP_SR = 200;
    private static final int RTCP_PSFB = 206;
    private static final int RTCP_RTPFB = 205;
    /** The SSRC the relay puts in the RTCP it originates (PLIs). */
    static final int RELAY_SSRC = 0x76632d72;  // "vc-r"

    private final RelaySettings settings;
    private final RoomDirectory directory;
    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress localAddress;
    private final byte[] packet;
    private final ByteBuffer buffer;
    private final byte[] reply = new byte[128];
    private final ByteBuffer replyBuffer = ByteBuffer.wrap(reply);
    private final RtpHeader rtp = new RtpHeader();
    private final Thread thread;
    private final DropCounters unattributedDrops = new DropCounters();
    private final LongAdder keyframeRequests = new LongAdder();

    MediaRelay(RelaySettings settings, RoomDirectory directory) throws IOException {
        this.settings = settings;
        this.directory = directory;
        // One byte more than the MTU, so an oversized datagram is seen as such rather than silently truncated.
        this.packet = new byte[settings.mtu() + 1];
        this.buffer = ByteBuffer.wrap(packet);
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.bind(settings.mediaAddress());
            channel.configureBlocking(false);
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.thread = new Thread(this::run, "vc-relay-media");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    InetSocketAddress address() {
        return localAddress;
    }

    /** Drops that could not be attributed to a member (unknown address, bad hello). */
    DropCounters unattributedDrops() {
        return unattributedDrops;
    }

    long keyframeRequests() {
        return keyframeRequests.sum();
    }

    private void run() {
        try {
            while (channel.isOpen()) {
                selector.select(SELECT_MILLIS);
                selector.selectedKeys().clear();
                drainSocket();
            }
        } catch (ClosedChannelException closed) {
            // close() was called: normal end.
        } catch (IOException | RuntimeException e) {
            if (channel.isOpen()) {
                LOG.log(System.Logger.Level.ERROR, "relay media thread failed", e);
            }
        }
    }

    private void drainSocket() throws IOException {
        while (true) {
            buffer.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
            if (from == null) {
                return;
            }
            int length = buffer.position();
            if (length > settings.mtu()) {
                unattributedDrops.add(DropReason.TOO_LARGE);
            } else if (length >= 1 && MediaHello.isStun(packet[0])) {
                onHello(from, length);
            } else {
                onMedia(from, length);
            }
        }
    }

    private void onHello(InetSocketAddress from, int length) {
        MediaHello.Request request;
        try {
            request = MediaHello.parseRequest(packet, 0, length);
        } catch (MalformedPacketException e) {
            unattributedDrops.add(DropReason.BAD_HELLO);
            return;
        }
        Member member = directory.byId(request.participantId());
        if (member == null || request.counter() <= member.lastHelloCounter || !member.hello.verify(packet, 0, length)) {
            unattributedDrops.add(DropReason.BAD_HELLO);
            return;
        }
        member.lastHelloCounter = request.counter();
        boolean fresh = !from.equals(member.mediaAddress);
        directory.bind(member, from);
        send(reply, member.hello.writeSuccess(reply, 0, request, from), from, member);
        if (fresh) {
            requestKeyframes(member);
        }
    }

    private void onMedia(InetSocketAddress from, int length) {
        Member sender = directory.byAddress(from);
        if (sender == null) {
            unattributedDrops.add(DropReason.UNBOUND_ADDRESS);
            return;
        }
        if (length < 8 || (packet[0] & 0xC0) != 0x80) {
            sender.drops.add(DropReason.MALFORMED);
            return;
        }
        int type = packet[1] & 0xFF;
        if (type >= 192 && type <= 223) {  // RTCP packet types 192..223 (RFC 5761 §4)
            onRtcp(sender, type, length);
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
        long now = System.nanoTime();
        if (!sender.limiter.tryConsume(length, now)) {
            sender.drops.add(DropReason.BITRATE_CAP);
            return;
        }
        sender.lastMediaNanos = now;
        sender.packetsIn.increment();
        sender.bytesIn.add(length);
        for (Member receiver : sender.room.snapshot()) {
            if (receiver != sender) {
                send(packet, length, receiver.mediaAddress, receiver);
            }
        }
    }

    private void onRtcp(Member sender, int type, int length) {
        if (length < 12 || readInt(4) != sender.ssrc) {
            sender.drops.add(DropReason.WRONG_SSRC);
            return;
        }
        sender.packetsIn.increment();
        sender.bytesIn.add(length);
        if (type == RTCP_RTPFB || type == RTCP_PSFB) {
            int mediaSsrc = readInt(8);
            for (Member receiver : sender.room.snapshot()) {
                if (receiver.ssrc == mediaSsrc && receiver != sender) {
                    send(packet, length, receiver.mediaAddress, receiver);
                }
            }
            return;
        }
        for (Member receiver : sender.room.snapshot()) {
            if (receiver != sender) {
                send(packet, length, receiver.mediaAddress, receiver);
            }
        }
    }

    /** Asks every other sender in {@code joiner}'s room for a keyframe so the joiner can start decoding. */
    private void requestKeyframes(Member joiner) {
        long now = System.nanoTime();
        for (Member sender : joiner.room.snapshot()) {
            if (sender == joiner || sender.mediaAddress == null || sender.lastMediaNanos == 0
                    || now - sender.lastPliNanos < PLI_INTERVAL_NANOS) {
                continue;
            }
            sender.lastPliNanos = now;
            // RTCP PSFB, FMT 1 = PLI (RFC 4585 §6.3.1): V=2 FMT=1, PT=206, length 2 words, sender SSRC, media SSRC.
            reply[0] = (byte) 0x81;
            reply[1] = (byte) RTCP_PSFB;
            reply[2] = 0;
            reply[3] = 2;
            writeInt(reply, 4, RELAY_SSRC);
            writeInt(reply, 8, sender.ssrc);
            send(reply, 12, sender.mediaAddress, sender);
            keyframeRequests.increment();
        }
    }

    private void send(byte[] data, int length, InetSocketAddress to, Member receiver) {
        if (to == null) {
            return;  // not bound yet: nothing to send to
        }
        ByteBuffer out = data == packet ? buffer : replyBuffer;
        out.position(0).limit(length);
        try {
            if (channel.send(out, to) == length) {
                receiver.packetsOut.increment();
                receiver.bytesOut.add(length);
            } else {
                receiver.drops.add(DropReason.SEND_FAILED);
            }
        } catch (IOException e) {
            receiver.drops.add(DropReason.SEND_FAILED);
        }
    }

    private int readInt(int at) {
        return (packet[at] & 0xFF) << 24 | (packet[at + 1] & 0xFF) << 16 | (packet[at + 2] & 0xFF) << 8
                | (packet[at + 3] & 0xFF);
    }

    private static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    @Override
    public void close() {
        try {
            channel.close();
            selector.wakeup();
            thread.join(2_000);
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "error closing relay media socket", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
