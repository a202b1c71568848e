package dev.vc.bench.cluster;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.RelayTrust;
import dev.vc.bench.RelayJoin;
import dev.vc.transport.udp.jpeg.JpegPayloadHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Members of one room at the RTP level, for a room larger than this machine can run real clients of (each would
 * decode every other's stream): each joins like a participant (control join through the first relay, followed
 * through redirects; its UDP socket proved with hellos, plain RTP), then sends JPEG-framed RTP of
 * {@code packetsPerFrame} packets a frame at {@code fps}, the last with the marker bit, from one pacing thread; one
 * receiving thread drains every socket and counts, per receiver and sender SSRC, the frames (marker bits) that
 * arrived. No encoding, no decoding: what is measured is what the relays deliver.
 */
final class RtpMembers implements AutoCloseable {
    private static final int PACKET_BYTES = 600;

    /** One member: its socket, its control session, its stream, and the frames it received by sender SSRC. */
    private static final class Member {
        final String name;
        final DatagramChannel channel;
        final ControlClient control;
        final RtpPacketWriter writer;
        final int ssrc;
        final int[] senders = new int[128];
        final long[] frames = new long[128];
        int senderCount;

        Member(String name, DatagramChannel channel, ControlClient control) {
            this.name = name;
            this.channel = channel;
            this.control = control;
            this.ssrc = control.session().ssrc();
            this.writer = new RtpPacketWriter(ssrc, VideoCodec.JPEG.defaultPayloadType(), 0, 0);
        }

        /** Receiving thread: counts a frame of {@code sender}. */
        void frame(int sender) {
            for (int i = 0; i < senderCount; i++) {
                if (senders[i] == sender) {
                    frames[i]++;
                    return;
                }
            }
            if (senderCount < senders.length) {
                senders[senderCount] = sender;
                frames[senderCount++] = 1;
            }
        }
    }

    private final List<Member> members = new ArrayList<>();
    private final int fps;
    private final int packetsPerFrame;
    private final Thread sender;
    private final Thread receiver;
    private final Selector selector;
    private volatile boolean running = true;

    /**
     * Joins {@code count} members one after another through {@code first}, and starts sending and receiving.
     *
     * @param room the room
     */
    RtpMembers(InetSocketAddress first, RelayTrust trust, String room, int count, int fps, int packetsPerFrame)
            throws IOException {
        this.fps = fps;
        this.packetsPerFrame = packetsPerFrame;
        this.selector = Selector.open();
        this.sender = new Thread(this::send, "span-rtp-sender");
        this.receiver = new Thread(this::receive, "span-rtp-receiver");  // created first: close() joins it
        try {
            for (int i = 0; i < count; i++) {
                DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                channel.configureBlocking(false);
                ControlMessage.Join join = new ControlMessage.Join(room, "m" + i, "", Set.of(VideoCodec.JPEG),
                        Set.of(VideoCodec.JPEG), List.of(ControlMessage.Layer.UNSTATED), "");
                ControlClient control;
                try {
                    control = RelayJoin.join(first, trust, join, channel, Duration.ofSeconds(10));
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                members.add(new Member("m" + i, channel, control));
            }
            for (Member m : members) {
                m.channel.register(selector, SelectionKey.OP_READ, m);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        sender.setDaemon(true);
        receiver.setDaemon(true);
        sender.start();
        receiver.start();
    }

    /** @return the members' names, in join order */
    List<String> names() {
        return members.stream().map(m -> m.name).toList();
    }

    /** @return each member's room-mates, as its control session's roster says now */
    Map<String, Integer> rosterSizes() {
        Map<String, Integer> sizes = new HashMap<>();
        for (Member m : members) {
            sizes.put(m.name, m.control.roster().size());
        }
        return sizes;
    }

    /** @return the relay each member ended on, by name */
    Map<String, InetSocketAddress> relays() {
        Map<String, InetSocketAddress> relays = new HashMap<>();
        for (Member m : members) {
            relays.put(m.name, m.control.relay());
        }
        return relays;
    }

    /** @return frames received per pair, keyed {@code receiver<sender}; a racy read of counters, fine for rates */
    Map<String, Long> frames() {
        Map<Integer, String> bySsrc = new HashMap<>();
        for (Member m : members) {
            bySsrc.put(m.ssrc, m.name);
        }
        Map<String, Long> frames = new HashMap<>();
        for (Member m : members) {
            for (int i = 0; i < m.senderCount; i++) {
                String from = bySsrc.get(m.senders[i]);
                if (from != null) {
                    frames.put(m.name + "<" + from, m.frames[i]);
                }
            }
        }
        return frames;
    }

    /** Pacing thread: a frame of every member every 1/fps s. */
    private void send() {
        byte[] packet = new byte[PACKET_BYTES];
        long period = 1_000_000_000L / fps;
        long next = System.nanoTime();
        long frame = 0;
        while (running) {
            for (Member m : members) {
                int timestamp = (int) (frame * 90_000 / fps);
                for (int p = 0; p < packetsPerFrame; p++) {
                    int at = m.writer.writeHeader(packet, 0, p == packetsPerFrame - 1, timestamp, 0L);
                    JpegPayloadHeader.writeMainHeader(packet, at, p * (PACKET_BYTES - at - 8), 1, 255, 160, 120);
                    try {
                        m.channel.write(ByteBuffer.wrap(packet));
                    } catch (IOException e) {
                        // a full socket buffer loses the packet, as a network would
                    }
                }
            }
            frame++;
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** Receiving thread: drains every socket, counting frames per sender. */
    private void receive() {
        ByteBuffer in = ByteBuffer.allocate(2_048);
        while (running) {
            try {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Member m = (Member) key.attachment();
                    for (in.clear(); m.channel.read(in) > 0; in.clear()) {
                        byte[] b = in.array();
                        int pt = b[1] & 0x7F;
                        boolean rtp = in.position() >= 12 && (b[0] & 0xC0) == 0x80 && !(pt >= 72 && pt <= 76);
                        if (rtp && (b[1] & 0x80) != 0) {
                            m.frame((b[8] & 0xFF) << 24 | (b[9] & 0xFF) << 16 | (b[10] & 0xFF) << 8 | (b[11] & 0xFF));
                        }
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            receiver.join(2_000);                     // it stops before the selector and sockets it reads close
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Member m : members) {
            m.control.close();
            try {
                m.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
