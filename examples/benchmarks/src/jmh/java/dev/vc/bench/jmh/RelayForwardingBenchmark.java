package dev.vc.bench.jmh;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.bench.MediaMode;
import dev.vc.bench.RelayJoin;
import dev.vc.bench.SrtpRelayJoin;
import dev.vc.bench.SrtpRelayJoin.SrtpSession;
import dev.vc.relay.DropReason;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import dev.vc.transport.udp.dtls.DtlsHandshaker;
import dev.vc.transport.udp.dtls.DtlsLimits;
import dev.vc.transport.udp.srtp.SrtpContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Relay forwarding through real sockets: a {@link RelayServer} on 127.0.0.1 and one room of participants that
 * joined over the control channel and bound their UDP sockets with signed hellos. One operation: one
 * participant (in turn) sends a 1200-byte RTP packet and every other participant has received the relay's copy,
 * so it is one fan-out in lockstep: the sender's system call, the relay's receive, route and N-1 sends, and
 * the N-1 receives. It is the latency of a fan-out, not the relay's throughput ({@code RelayLoad} measures
 * that, with CPU per forwarded packet). With {@code -prof gc}, allocation is that of the benchmark thread; the
 * relay's media thread is measured by {@code RelayLoad --alloc} and {@code RelayAllocationTest}.
 *
 * <p>{@code media}: plain RTP, or SRTP with one profile on every hop (each participant keyed by its own DTLS-SRTP
 * handshake with the relay in {@code @Setup}); with SRTP the operation includes the sender protecting its packet
 * (a copy, in place, each its own index) and the relay's unprotect and 9 protects; the receivers do not decrypt.
 *
 * <pre>
 * java -XX:AutoBoxCacheMax=65536 -jar examples/benchmarks/target/benchmarks.jar RelayForwardingBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:AutoBoxCacheMax=65536"})
@State(Scope.Benchmark)
public class RelayForwardingBenchmark {
    private static final int PACKET_BYTES = 1200;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Participants in the room (each packet goes to all the others). */
    @Param({"10"})
    public int participants;

    /** Whether the relay reads each participant from a connected socket of its own. */
    @Param({"true", "false"})
    public boolean socketPerParticipant;

    /** How media is carried on every hop: {@code plain}, {@code srtp-gcm} or {@code srtp-cm} ({@link MediaMode}). */
    @Param({"plain", "srtp-gcm", "srtp-cm"})
    public String media;

    private RelayServer relay;
    private DtlsHandshaker handshaker;
    private AutoCloseable[] sessions;
    private SrtpContext[] protectors;
    private final byte[] work = new byte[PACKET_BYTES + 16];
    private final ByteBuffer workBuffer = ByteBuffer.wrap(work);
    private DatagramChannel[] sockets;
    private ByteBuffer[] packets;
    private final ByteBuffer in = ByteBuffer.allocateDirect(2048);
    private int next;
    private int sequence;

    /**
     * Starts the relay and joins the room; drains the hello answers and keyframe requests.
     *
     * @throws IOException if a socket cannot be opened or the relay does not answer
     */
    @Setup
    public void setUp() throws IOException {
        MediaMode mode = MediaMode.parse(media);
        relay = RelayServer.start(mode.configure(RelaySettings.builder()).host("127.0.0.1").controlPort(0)
                .mediaPort(0).maxParticipantsPerRoom(participants).maxBitrate(10_000_000_000L)
                .socketPerParticipant(socketPerParticipant).build());
        InetSocketAddress control = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                relay.controlAddress().getPort());
        handshaker = mode.secure() ? new DtlsHandshaker(DtlsLimits.DEFAULTS) : null;
        sessions = new AutoCloseable[participants];
        protectors = new SrtpContext[participants];
        sockets = new DatagramChannel[participants];
        packets = new ByteBuffer[participants];
        Set<VideoCodec> codecs = Set.of(VideoCodec.JPEG);
        for (int i = 0; i < participants; i++) {
            DatagramChannel socket = DatagramChannel.open(StandardProtocolFamily.INET);
            socket.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.configureBlocking(false);
            sockets[i] = socket;
            Join join = new Join("bench", "p" + i, "", codecs, codecs);
            ControlClient client;
            if (mode.secure()) {
                SrtpSession session = SrtpRelayJoin.join(control, relay.clientTrust(), join, mode.profile(),
                        handshaker, socket, Duration.ofSeconds(5));
                protectors[i] = session.sending();
                sessions[i] = session;
                client = session.control();
            } else {
                client = RelayJoin.join(control, relay.clientTrust(), join, socket, Duration.ofSeconds(5));
                sessions[i] = client;
            }
            packets[i] = rtp(client.session().ssrc(), PACKET_BYTES - (mode.secure() ? mode.profile().srtpOverhead() : 0));
        }
        for (DatagramChannel socket : sockets) {
            while (socket.receive(in.clear()) != null) {
                // hello answers and the relay's keyframe requests from the joins
            }
        }
    }

    private static ByteBuffer rtp(int ssrc, int length) {
        ByteBuffer packet = ByteBuffer.allocateDirect(length);
        packet.put(0, (byte) 0x80).put(1, (byte) VideoCodec.JPEG.defaultPayloadType()).putInt(8, ssrc);
        return packet;
    }

    /**
     * @return the copies received, N-1
     * @throws IOException if a socket fails
     */
    @Benchmark
    public int fanOut() throws IOException {
        int sender = next;
        next = next + 1 == participants ? 0 : next + 1;
        ByteBuffer packet = packets[sender];
        packet.putShort(2, (short) sequence++).clear();
        SrtpContext protector = protectors[sender];
        if (protector == null) {
            sockets[sender].write(packet);
        } else {
            int length = packet.remaining();
            packet.get(0, work, 0, length);
            workBuffer.clear().limit(protector.protectRtp(work, 0, length));
            sockets[sender].write(workBuffer);
        }
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        int received = 0;
        for (int i = 0; i < participants; i++) {
            if (i == sender) {
                continue;
            }
            while (sockets[i].read(in.clear()) <= 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("p" + i + " got nothing from the relay within 1 s; relay drops:"
                            + drops());
                }
                Thread.onSpinWait();
            }
            received++;
        }
        return received;
    }

    private String drops() {
        StringBuilder s = new StringBuilder();
        for (DropReason reason : DropReason.values()) {
            long n = relay.stats().dropped(reason);
            if (n > 0) {
                s.append(' ').append(reason).append('=').append(n);
            }
        }
        return s.length() == 0 ? " none" : s.toString();
    }

    /**
     * Leaves and stops the relay.
     *
     * @throws Exception if a socket fails to close
     */
    @TearDown
    public void tearDown() throws Exception {
        for (int i = 0; i < participants; i++) {
            sessions[i].close();
            sockets[i].close();
        }
        if (handshaker != null) {
            handshaker.close();
        }
        relay.close();
    }
}
