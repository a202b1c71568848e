package dev.vc.bench.jmh;

import dev.vc.transport.udp.PacketSink;
import dev.vc.transport.udp.Packetizer;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the RTP framing benchmarks of both payload formats share ({@link RtpFramingBenchmark} for RFC 2435 JPEG,
 * {@link H264FramingBenchmark} for RFC 6184 H.264): one real frame split into packets by its {@link Packetizer}
 * and rebuilt by its depacketizer. One operation is one frame.
 *
 * <ul>
 *   <li>{@code packetize}: the packetizer with a sink that only hands each packet to the {@link Blackhole}
 *       (the socket write is not part of it).</li>
 *   <li>{@code depacketize}: the frame's packets, captured once in {@code @Setup}, parsed and added to the
 *       depacketizer, and the frame written to a reused buffer.</li>
 *   <li>{@code roundTrip}: both, each packet parsed and added while the packetizer's buffer holds it.</li>
 * </ul>
 * A subclass makes the frame, calls {@link #prepare}, and says how a packet is added and the frame finished.
 */
@State(Scope.Thread)
public abstract class FramingBenchmark {
    /** Largest packet, the vc default. */
    @Param("1200")
    public int mtu;

    /** Reads each packet's RTP header for the depacketizer. */
    protected final RtpHeader header = new RtpHeader();

    private byte[] frame;
    private Packetizer packetizer;
    private RtpPacketWriter rtp;
    private long captureNanos;
    private byte[][] packets;
    private int[] lengths;
    private Blackhole blackhole;
    private final PacketSink consume = (packet, offset, length) -> blackhole.consume(packet[offset + length - 1]);
    private final PacketSink reassemble = (packet, offset, length) -> add(packet, offset, length);

    /**
     * Captures the frame's packets once and rebuilds the frame from them.
     *
     * @param sink       JMH's sink, kept for the packet sink
     * @param encoded    the encoded frame
     * @param packetizer its payload format's packetizer, at {@link #mtu}
     * @param writer     the stream's RTP header writer, its payload type set
     * @return the size of the rebuilt frame
     */
    protected final int prepare(Blackhole sink, byte[] encoded, Packetizer packetizer, RtpPacketWriter writer) {
        this.blackhole = sink;
        this.frame = encoded;
        this.packetizer = packetizer;
        this.rtp = writer;
        captureNanos = 1_700_000_000_000_000_000L;
        List<byte[]> captured = new ArrayList<>();
        packetizer.packetize(frame, 0, frame.length, captureNanos, rtp,
                (packet, offset, length) -> captured.add(Arrays.copyOfRange(packet, offset, offset + length)));
        packets = captured.toArray(new byte[0][]);
        lengths = new int[packets.length];
        for (int i = 0; i < packets.length; i++) {
            lengths[i] = packets[i].length;
        }
        return depacketize();
    }

    /** @return the packets one frame makes */
    protected final int packetCount() {
        return packets.length;
    }

    /**
     * @return packets produced
     */
    @Benchmark
    public int packetize() {
        captureNanos += 33_333_333L;
        return packetizer.packetize(frame, 0, frame.length, captureNanos, rtp, consume);
    }

    /**
     * @return bytes of the rebuilt frame
     */
    @Benchmark
    public int depacketize() {
        for (int i = 0; i < packets.length; i++) {
            add(packets[i], 0, lengths[i]);
        }
        return finish();
    }

    /**
     * @return bytes of the rebuilt frame
     */
    @Benchmark
    public int roundTrip() {
        captureNanos += 33_333_333L;
        packetizer.packetize(frame, 0, frame.length, captureNanos, rtp, reassemble);
        return finish();
    }

    /**
     * Parses one packet and adds it to the depacketizer.
     *
     * @param packet holds the packet
     * @param offset where it starts
     * @param length its length
     */
    protected abstract void add(byte[] packet, int offset, int length);

    /** @return the size of the frame rebuilt from the packets added, the depacketizer reset for the next */
    protected abstract int finish();
}
