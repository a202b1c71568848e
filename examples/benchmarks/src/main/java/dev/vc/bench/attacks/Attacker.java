package dev.vc.bench.attacks;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.RelayTrust;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtcp.RtcpWriter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A hostile member of the room, written against docs/relay.md: it joins like anyone, binds its UDP socket with a
 * valid hello, learns the victims' SSRCs and newest sequence numbers from the media the relay forwards it, and
 * then runs one attack from its own thread until stopped.
 *
 * <p>{@link AttackBench} runs it in a process of its own ({@link #main}), so that what the attack costs the
 * attacker (its sockets, its connections, its heap) is not counted as the relay's memory.
 */
final class Attacker implements AutoCloseable {
    /** Printed once joined and bound. */
    static final String READY = "ready";
    /** Read to start the attack. */
    static final String GO = "go";
    /** Prefix of the last line: the datagrams or connections sent. */
    static final String SENT = "sent ";
    private final ControlClient control;
    private final DatagramChannel media;
    private final InetSocketAddress relayMedia;
    private final InetSocketAddress relayControl;
    private final MediaHello hello;
    private final Map<Integer, Integer> newestSequence = new ConcurrentHashMap<>();
    private final List<AutoCloseable> extra = new ArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;
    private long counter;
    private long sent;

    Attacker(InetSocketAddress relayControl, RelayTrust trust, String room) throws IOException {
        this.relayControl = relayControl;
        this.control = ControlClient.join(relayControl, trust, new Join(room, "mallory", "", Set.of(VideoCodec.H264),
                Set.of(VideoCodec.H264)), new ControlClient.Listener() { }, Duration.ofSeconds(10));
        this.relayMedia = new InetSocketAddress(relayControl.getAddress(), control.session().mediaPort());
        this.hello = new MediaHello(control.session().sessionKey());
        this.media = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.reader = new Thread(this::read, "attacker-rx");
        reader.setDaemon(true);
        reader.start();
        sendHello(media, ++counter);
    }

    private int ssrc() {
        return control.session().ssrc();
    }

    private void sendHello(DatagramChannel from, long helloCounter) throws IOException {
        byte[] out = new byte[MediaHello.REQUEST_BYTES];
        int n = hello.writeRequest(out, 0, control.session().participantId(), helloCounter, 1);
        from.send(ByteBuffer.wrap(out, 0, n), relayMedia);
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (running) {
            buffer.clear();
            try {
                media.receive(buffer);
            } catch (IOException e) {
                return;
            }
            byte[] p = buffer.array();
            int n = buffer.position();
            if (n >= 12 && (p[0] & 0xC0) == 0x80 && !RtcpReader.isRtcp(p, 0, n)) {
                newestSequence.put(buffer.getInt(8), ((p[2] & 0xFF) << 8) | (p[3] & 0xFF));
            }
        }
    }

    /** @return the SSRCs whose media reached us: the victims */
    Set<Integer> victims() {
        return newestSequence.keySet();
    }

    /** @return datagrams or connections the attack sent */
    long sent() {
        return sent;
    }

    /**
     * One attacker in a process of its own: joins, prints {@value #READY}, starts the attack when it reads
     * {@value #GO}, stops at the next line or the end of its input, prints {@value #SENT}{@code N} and exits.
     *
     * @param args the relay's control host and port, the room, the attack
     * @throws Exception if the join fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: Attacker HOST PORT FINGERPRINT ROOM ATTACK");
        }
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8));
        try (Attacker attacker = new Attacker(new InetSocketAddress(args[0], Integer.parseInt(args[1])),
                RelayTrust.pinned(args[2]), args[3])) {
            System.out.println(READY);
            System.out.flush();
            if (!GO.equals(in.readLine())) {
                return;
            }
            Thread thread = new Thread(() -> {
                try {
                    attacker.run(args[4]);
                } catch (IOException e) {
                    System.err.println("attack " + args[4] + " failed: " + e);
                }
            }, "attacker");
            thread.start();
            in.readLine();
            attacker.running = false;
            thread.join(2_000);
            System.out.println(SENT + attacker.sent());
            System.out.flush();
        }
    }

    /** Runs {@code attack} at its rate until {@link #close()}. */
    void run(String attack) throws IOException {
        try {
            attack(attack);
        } catch (java.nio.channels.ClosedChannelException stopped) {
            // close() ended the attack while it was sending
        }
    }

    private void attack(String attack) throws IOException {
        switch (attack) {
            case "nack" -> every(50_000_000L, this::nackStorm);          // 20 a second per victim
            case "pli" -> every(2_000_000L, this::pliStorm);             // 500 a second per victim
            case "rtcp-flood" -> every(500_000L, this::rtcpFlood);       // 2,000 datagrams of 1,200 B a second
            case "hello-flood" -> helloFlood();
            case "idle-connections" -> idleConnections();
            case "none" -> waitForClose();
            default -> throw new IllegalArgumentException("unknown attack " + attack);
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private void every(long periodNanos, Step step) throws IOException {
        long next = System.nanoTime();
        while (running) {
            step.run();
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private void waitForClose() {
        while (running) {
            LockSupport.parkNanos(50_000_000L);
        }
    }

    private void nackStorm() throws IOException {
        int[] lost = new int[527];
        byte[] nack = new byte[12 + 4 * lost.length];
        for (Map.Entry<Integer, Integer> v : newestSequence.entrySet()) {
            for (int i = 0; i < lost.length; i++) {
                lost[i] = (v.getValue() - 526 + i) & 0xFFFF;
            }
            int n = RtcpWriter.nack(nack, 0, ssrc(), v.getKey(), lost, lost.length);
            media.send(ByteBuffer.wrap(nack, 0, n), relayMedia);
            sent++;
        }
    }

    private void pliStorm() throws IOException {
        byte[] pli = new byte[12];
        for (int victim : newestSequence.keySet()) {
            media.send(ByteBuffer.wrap(pli, 0, RtcpWriter.pli(pli, 0, ssrc(), victim)), relayMedia);
            sent++;
        }
    }

    private void rtcpFlood() throws IOException {
        byte[] compound = new byte[1_200];
        int n = RtcpWriter.receiverReport(compound, 0, ssrc(), 0);
        n = RtcpWriter.cname(compound, n, ssrc(), "x".repeat(250));
        media.send(ByteBuffer.wrap(compound, 0, n), relayMedia);
        sent++;
    }

    /** Hellos from 200 sockets of its own in turn (each moves its binding), 4,000 a second, plus 2^63-1 ones. */
    private void helloFlood() throws IOException {
        List<DatagramChannel> sockets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            DatagramChannel s = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            sockets.add(s);
            extra.add(s);
        }
        int i = 0;
        long next = System.nanoTime();
        while (running) {
            sendHello(sockets.get(i++ % sockets.size()), ++counter);
            sendHello(media, Long.MAX_VALUE);
            sent += 2;
            next += 500_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** 2,000 control connections that never send JOIN, reopened as the relay closes them. */
    private void idleConnections() throws IOException {
        List<SocketChannel> open = new ArrayList<>();
        while (running) {
            open.removeIf(c -> {
                try {
                    c.configureBlocking(false);
                    if (c.isConnected() && c.read(ByteBuffer.allocate(16)) < 0) {
                        c.close();
                        return true;
                    }
                    return false;
                } catch (IOException e) {
                    return true;
                }
            });
            while (open.size() < 2_000 && running) {
                SocketChannel c = SocketChannel.open();
                c.configureBlocking(false);
                c.connect(relayControl);
                open.add(c);
                sent++;
            }
            LockSupport.parkNanos(100_000_000L);
        }
        for (SocketChannel c : open) {
            c.close();
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        media.close();
        control.close();
        for (AutoCloseable c : extra) {
            c.close();
        }
    }
}
