package dev.vc.bench.jmh;

import dev.vc.api.EncodedFrame;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoFrame;
import dev.vc.bench.quality.TestSequences;
import dev.vc.transport.udp.h264.H264Depacketizer;
import dev.vc.transport.udp.h264.H264Packetizer;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
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
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * RFC 6184 framing of one H.264 access unit, the twin of {@link RtpFramingBenchmark}: a real access unit made in
 * {@code @Setup} by the {@code h264} encoder (OpenH264, 600 kbit/s) from vc's synthetic camera at 640x480, split
 * into RTP packets at an MTU of 1200 and rebuilt into Annex-B. One operation is one access unit; with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per frame.
 *
 * <ul>
 *   <li>{@code frame=delta}: the P frame closest to 2,500 bytes (the size a 600 kbit/s stream averages): one
 *       slice NAL unit in FU-A fragments.</li>
 *   <li>{@code frame=key}: the IDR frame: SPS and PPS in a STAP-A, then the IDR slice in FU-A fragments; the
 *       depacketizer also reads the SPS (picture size).</li>
 * </ul>
 * Falls back to {@code h264-jcodec} (larger frames) when FFmpeg's natives do not load, and says so.
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar H264FramingBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Djava.awt.headless=true"})
@State(Scope.Thread)
public class H264FramingBenchmark extends FramingBenchmark {
    /** Which access unit: {@code delta} (a P frame near 2.5 KB) or {@code key} (the IDR frame). */
    @Param({"delta", "key"})
    public String frame;

    private byte[] accessUnit;
    private H264Depacketizer depacketizer;
    private byte[] annexB;

    /**
     * Encodes the access unit, captures its packets once and checks that they rebuild the same bytes.
     *
     * @param blackhole JMH's sink, kept for the packet sink
     * @throws IOException never (the synthetic sequence needs no ffmpeg)
     */
    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) throws IOException {
        String codec = ProviderRegistry.encoders().byName("h264").availability().available() ? "h264" : "h264-jcodec";
        accessUnit = pick(codec, frame.equals("key"));
        depacketizer = new H264Depacketizer();
        annexB = new byte[accessUnit.length * 2 + 64];
        int rebuilt = prepare(blackhole, accessUnit, new H264Packetizer(mtu), new RtpPacketWriter(0x5643_0002, 96, 0, 0));
        if (!Arrays.equals(annexB, 0, rebuilt, accessUnit, 0, accessUnit.length)) {
            throw new IllegalStateException("the access unit did not rebuild to the same bytes");
        }
        System.out.printf("%naccess unit: %s %s frame of %d B (640x480) -> %d packets at MTU %d -> %d-byte Annex-B%n",
                codec, frame, accessUnit.length, packetCount(), mtu, rebuilt);
    }

    /** Encodes 90 synthetic frames and returns the IDR frame or the P frame closest to 2,500 bytes. */
    private static byte[] pick(String codec, boolean key) throws IOException {
        VideoFrame[] raw = TestSequences.sequence(TestSequences.SYNTHETIC, 90, 640, 480, PixelFormat.I420);
        BenchFrames.Encoded gop = BenchFrames.encodeGop(codec, raw, 30);
        EncodedFrame best = gop.frames()[0];
        if (!key) {
            best = gop.frames()[1];
            for (EncodedFrame f : gop.frames()) {
                if (!f.keyframe() && Math.abs(f.length() - 2500) < Math.abs(best.length() - 2500)) {
                    best = f;
                }
            }
        }
        return Arrays.copyOf(best.data(), best.length());
    }

    @Override
    protected void add(byte[] packet, int offset, int length) {
        depacketizer.add(header.parse(packet, offset, length));
    }

    @Override
    protected int finish() {
        if (!depacketizer.isComplete()) {
            throw new IllegalStateException("incomplete access unit");
        }
        int n = depacketizer.writeAnnexB(annexB, 0);
        depacketizer.reset();
        return n;
    }
}
