package dev.vc.bench.jmh;

import dev.vc.api.EncodedFrame;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.TransportListener;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import dev.vc.bench.quality.TestSequences;
import dev.vc.transport.udp.rtp.AbsCaptureTime;
import dev.vc.transport.udp.h264.H264Depacketizer;
import dev.vc.transport.udp.h264.H264Packetizer;
import dev.vc.transport.udp.jpeg.JpegDepacketizer;
import dev.vc.transport.udp.jpeg.JpegPacketizer;
import dev.vc.transport.udp.jpeg.JpegPayloadHeader;
import dev.vc.transport.udp.rtcp.ReceptionStatistics;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The receive side of the udp transport on one thread without a socket: one operation is one RTP packet, so
 * the score is ns/packet (packets/s = 1e9 / score) and, with {@code -prof gc}, {@code gc.alloc.rate.norm} is
 * bytes per packet.
 *
 * <p>{@code @Setup} encodes 30 frames of vc's synthetic camera at 640x480 through the SPI ({@code jpeg} quality
 * 60, or {@code h264} at 600 kbit/s starting with an IDR frame), packetizes them with {@link JpegPacketizer} /
 * {@link H264Packetizer} at MTU 1200 and keeps the packets. Each operation takes the next packet, gives it a new
 * sequence number and timestamp as a live stream would (two 16/32-bit stores), and runs it through:
 *
 * <ul>
 *   <li>{@code publicPath}: what the public classes do per packet: {@link RtpHeader#parse}, the abs-capture-time
 *       extension, {@link ReceptionStatistics#onPacket}, then {@link JpegPayloadHeader} and
 *       {@link JpegDepacketizer#add} or {@link H264Depacketizer#add}; on the marker packet the frame is written
 *       into a reused {@link EncodedFrame}.</li>
 *   <li>{@code transportDispatcher}: the transport's own per-datagram entry point,
 *       {@code dev.vc.transport.udp.internal.receive.ReceiveChain.onDatagram} (RTP parse, SSRC routing to the
 *       stream's frame assembler with its reorder slots, depacketizer, frame delivery to a listener), reached by
 *       reflection: it is not exported, which works only on the class path (how benchmarks.jar runs). No RTCP
 *       session (the transport's RTCP accounting is left out), no socket. The method handle call adds a few ns.</li>
 * </ul>
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar ReceivePipelineBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Djava.awt.headless=true"})
@State(Scope.Thread)
public class ReceivePipelineBenchmark {
    private static final int MTU = 1200;
    private static final int SSRC = 0x5643_0003;
    private static final int FRAMES = 30;

    /** Stream codec: {@code jpeg} (about 18 KB, 16 packets a frame) or {@code h264} (about 2.5 KB, 3 packets). */
    @Param({"jpeg", "h264"})
    public String codec;

    private byte[][] packets;
    private int[] lengths;
    private int next;
    private int sequence;
    private int timestamp;

    private final RtpHeader header = new RtpHeader();
    private final JpegPayloadHeader payload = new JpegPayloadHeader();
    private final ReceptionStatistics statistics = new ReceptionStatistics(SSRC);
    private final JpegDepacketizer jpeg = new JpegDepacketizer();
    private final H264Depacketizer h264 = new H264Depacketizer();
    private final EncodedFrame frame = new EncodedFrame();
    private boolean isJpeg;

    private Object dispatcher;
    private MethodHandle onDatagram;
    private byte[] datagram;

    /**
     * Encodes and packetizes the frames and builds the transport's dispatcher.
     *
     * @param blackhole receives the frames the dispatcher delivers
     * @throws Exception if encoding fails or the dispatcher cannot be reached
     */
    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) throws Exception {
        isJpeg = codec.equals("jpeg");
        VideoFrame[] raw = TestSequences.sequence(TestSequences.SYNTHETIC, FRAMES, 640, 480,
                isJpeg ? PixelFormat.BGR24 : PixelFormat.I420);
        BenchFrames.Encoded encoded = BenchFrames.encodeGop(codec, raw, isJpeg ? 0 : 60);
        VideoCodec video = isJpeg ? VideoCodec.JPEG : VideoCodec.H264;
        RtpPacketWriter rtp = new RtpPacketWriter(SSRC, video.defaultPayloadType(), 0, 0);
        JpegPacketizer jpegPacketizer = new JpegPacketizer(MTU);
        H264Packetizer h264Packetizer = new H264Packetizer(MTU);
        List<byte[]> captured = new ArrayList<>();
        long capture = 1_700_000_000_000_000_000L;
        for (EncodedFrame f : encoded.frames()) {
            capture += 33_333_333L;
            if (isJpeg) {
                jpegPacketizer.packetize(f.data(), 0, f.length(), capture, rtp,
                        (p, o, l) -> captured.add(Arrays.copyOfRange(p, o, o + l)));
            } else {
                h264Packetizer.packetize(f.data(), 0, f.length(), capture, rtp,
                        (p, o, l) -> captured.add(Arrays.copyOfRange(p, o, o + l)));
            }
        }
        packets = captured.toArray(new byte[0][]);
        lengths = new int[packets.length];
        long bytes = 0;
        for (int i = 0; i < packets.length; i++) {
            lengths[i] = packets[i].length;
            bytes += lengths[i];
        }
        datagram = new byte[65_536];
        System.out.printf("%n%s stream: %d frames, %.0f B/frame, %d packets (%.2f per frame, %.0f B per packet)%n",
                codec, encoded.frames().length, encoded.bytesPerFrame(), packets.length,
                (double) packets.length / encoded.frames().length, (double) bytes / packets.length);
        dispatcher = newDispatcher((stream, f) -> blackhole.consume(f.length()));
        // One full pass through both paths, to check they rebuild every frame.
        int frames = 0;
        for (int i = 0; i < packets.length; i++) {
            if (publicPath() > 0) {
                frames++;
            }
        }
        if (frames != encoded.frames().length) {
            throw new IllegalStateException("public path rebuilt " + frames + " of " + encoded.frames().length);
        }
    }

    /** Builds a {@code ReceiveChain} with the transport's default payload types and limits, by reflection. */
    private Object newDispatcher(TransportListener listener) throws ReflectiveOperationException {
        String pkg = "dev.vc.transport.udp.internal.";
        Class<?> dispatcherClass = Class.forName(pkg + "receive.ReceiveChain");
        Class<?> payloadTypes = Class.forName(pkg + "PayloadTypes");
        Class<?> limits = Class.forName(pkg + "receive.ReceiveLimits");
        Class<?> counters = Class.forName(pkg + "receive.ReceiveCounters");
        Constructor<?> make = dispatcherClass.getDeclaredConstructor(int.class, payloadTypes, limits, counters,
                TransportListener.class, Class.forName(pkg + "control.RelayBinding"),
                Class.forName(pkg + "control.RtcpSession"));
        make.setAccessible(true);
        Constructor<?> newCounters = counters.getDeclaredConstructor();
        newCounters.setAccessible(true);
        Object d = make.newInstance(0x0bad_cafe, staticField(payloadTypes, "DEFAULTS"), staticField(limits, "DEFAULTS"),
                newCounters.newInstance(), listener, null, null);
        Method m = dispatcherClass.getDeclaredMethod("onDatagram", byte[].class, int.class, long.class);
        m.setAccessible(true);
        onDatagram = MethodHandles.lookup().unreflect(m)
                .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class, long.class));
        return d;
    }

    private static Object staticField(Class<?> type, String name) throws ReflectiveOperationException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(null);
    }

    /** Takes the next packet and stamps it with the next sequence number and its frame's timestamp. */
    private int nextPacket() {
        int i = next;
        next = i + 1 == packets.length ? 0 : i + 1;
        byte[] p = packets[i];
        int seq = sequence++ & 0xFFFF;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[4] = (byte) (timestamp >>> 24);
        p[5] = (byte) (timestamp >>> 16);
        p[6] = (byte) (timestamp >>> 8);
        p[7] = (byte) timestamp;
        if ((p[1] & 0x80) != 0) {       // marker: the next packet starts the next frame, 1/30 s later
            timestamp += 3000;
        }
        return i;
    }

    /**
     * @return the rebuilt frame's length on a frame's last packet, else 0
     */
    @Benchmark
    public int publicPath() {
        int i = nextPacket();
        RtpHeader rtp = header.parse(packets[i], 0, lengths[i]);
        long captureNanos = AbsCaptureTime.captureTimeNanos(rtp, 0L);
        statistics.onPacket(rtp.sequence(), rtp.timestamp(), rtp.timestamp(), rtp.payloadLength());
        if (isJpeg) {
            payload.parse(rtp.buffer(), rtp.payloadOffset(), rtp.payloadLength());
            jpeg.add(payload, rtp.marker());
            if (!rtp.marker()) {
                return 0;
            }
            if (!jpeg.isComplete()) {
                throw new IllegalStateException("incomplete JPEG frame");
            }
            jpeg.writeTo(frame);
            jpeg.reset();
        } else {
            h264.add(rtp);
            if (!rtp.marker()) {
                return 0;
            }
            if (!h264.isComplete()) {
                throw new IllegalStateException("incomplete access unit");
            }
            h264.writeTo(frame);
            frame.describe(VideoCodec.H264, h264.keyframe(), h264.width(), h264.height(), captureNanos, 0);
            h264.reset();
        }
        return frame.length();
    }

    /**
     * The datagram is copied into the receive buffer first, as {@code DatagramChannel.receive} would.
     *
     * @throws Throwable what the dispatcher throws
     */
    @Benchmark
    public void transportDispatcher() throws Throwable {
        int i = nextPacket();
        System.arraycopy(packets[i], 0, datagram, 0, lengths[i]);
        onDatagram.invokeExact(dispatcher, datagram, lengths[i], System.nanoTime());
    }
}
