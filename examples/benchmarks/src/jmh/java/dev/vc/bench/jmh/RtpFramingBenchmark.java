package dev.vc.bench.jmh;

import dev.vc.transport.udp.jpeg.JpegDepacketizer;
import dev.vc.transport.udp.jpeg.JpegPacketizer;
import dev.vc.transport.udp.jpeg.JpegPayloadHeader;
import dev.vc.transport.udp.PacketSink;
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

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;

/**
 * RFC 2435 framing of one JPEG frame: a real 640x480 quality-60 JPEG (about 18 KB, made with javax.imageio
 * from a synthetic picture in {@code @Setup}) split into RTP packets at an MTU of 1200 and rebuilt into a
 * JFIF. One operation is one frame; with {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per frame.
 *
 * <ul>
 *   <li>{@code packetize}: {@link JpegPacketizer} with a sink that only hands each packet to the
 *       {@link Blackhole} (the socket write is not part of it).</li>
 *   <li>{@code depacketize}: the frame's packets, captured once in {@code @Setup}, parsed with
 *       {@link RtpHeader} and {@link JpegPayloadHeader}, added to a {@link JpegDepacketizer}, and the JFIF
 *       written to a reused buffer.</li>
 *   <li>{@code roundTrip}: both, each packet parsed and added while the packetizer's buffer holds it.</li>
 * </ul>
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar RtpFramingBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Djava.awt.headless=true"})
@State(Scope.Thread)
public class RtpFramingBenchmark {
    /** Largest packet, the vc default. */
    @Param("1200")
    public int mtu;

    private byte[] jpeg;
    private JpegPacketizer packetizer;
    private RtpPacketWriter rtp;
    private long captureNanos;

    private byte[][] packets;
    private int[] lengths;

    private final RtpHeader header = new RtpHeader();
    private final JpegPayloadHeader payload = new JpegPayloadHeader();
    private JpegDepacketizer depacketizer;
    private byte[] jfif;

    private Blackhole blackhole;
    private final PacketSink consume = (packet, offset, length) -> blackhole.consume(packet[offset + length - 1]);
    private final PacketSink reassemble = (packet, offset, length) -> add(packet, offset, length);

    /**
     * Encodes the frame, captures its packets once and checks that they rebuild a frame of the same scan.
     *
     * @param blackhole JMH's sink, kept for the packet sink
     * @throws IOException if javax.imageio cannot write the JPEG
     */
    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) throws IOException {
        this.blackhole = blackhole;
        jpeg = syntheticJpeg(640, 480, 0.6f);
        packetizer = new JpegPacketizer(mtu);
        rtp = new RtpPacketWriter(0x5643_0001, 26, 0, 0);
        captureNanos = 1_700_000_000_000_000_000L;
        depacketizer = new JpegDepacketizer();
        jfif = new byte[jpeg.length + JpegDepacketizer.JFIF_OVERHEAD];

        List<byte[]> captured = new ArrayList<>();
        packetizer.packetize(jpeg, 0, jpeg.length, captureNanos, rtp,
                (packet, offset, length) -> captured.add(Arrays.copyOfRange(packet, offset, offset + length)));
        packets = captured.toArray(new byte[0][]);
        lengths = new int[packets.length];
        for (int i = 0; i < packets.length; i++) {
            lengths[i] = packets[i].length;
        }
        int rebuilt = depacketize();
        if (rebuilt <= 0) {
            throw new IllegalStateException("the frame did not rebuild");
        }
        System.out.printf("%nframe: %d-byte JPEG 640x480 q60 -> %d packets at MTU %d -> %d-byte JFIF%n",
                jpeg.length, packets.length, mtu, rebuilt);
    }

    /**
     * @return packets produced
     */
    @Benchmark
    public int packetize() {
        captureNanos += 33_333_333L;
        return packetizer.packetize(jpeg, 0, jpeg.length, captureNanos, rtp, consume);
    }

    /**
     * @return bytes of the rebuilt JFIF
     */
    @Benchmark
    public int depacketize() {
        for (int i = 0; i < packets.length; i++) {
            add(packets[i], 0, lengths[i]);
        }
        return finish();
    }

    /**
     * @return bytes of the rebuilt JFIF
     */
    @Benchmark
    public int roundTrip() {
        captureNanos += 33_333_333L;
        packetizer.packetize(jpeg, 0, jpeg.length, captureNanos, rtp, reassemble);
        return finish();
    }

    private void add(byte[] packet, int offset, int length) {
        header.parse(packet, offset, length);
        payload.parse(packet, header.payloadOffset(), header.payloadLength());
        depacketizer.add(payload, header.marker());
    }

    private int finish() {
        if (!depacketizer.isComplete()) {
            throw new IllegalStateException("incomplete frame");
        }
        int n = depacketizer.writeJfif(jfif, 0);
        depacketizer.reset();
        return n;
    }

    /**
     * A camera-like picture: a diagonal colour gradient, a few solid shapes and mild noise, encoded baseline
     * 4:2:0 with the standard Huffman tables (what RFC 2435 carries). About 18 KB at quality 0.6.
     */
    static byte[] syntheticJpeg(int width, int height, float quality) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                bgr[i] = (byte) (64 + 128 * y / height);
                bgr[i + 1] = (byte) (255 * (x + y) / (width + height));
                bgr[i + 2] = (byte) (255 * x / width);
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(230, 200, 40));
        g.fillOval(width / 5, height / 4, width / 4, width / 4);
        g.setColor(new Color(30, 60, 200));
        g.fillRect(width / 2, height / 3, width / 3, height / 3);
        g.setColor(Color.WHITE);
        g.drawString("vc bench 640x480", 20, height - 20);
        g.dispose();
        Random random = new Random(1);
        for (int i = 0; i < bgr.length; i++) {
            int v = (bgr[i] & 0xFF) + random.nextInt(21) - 10;
            bgr[i] = (byte) Math.max(0, Math.min(255, v));
        }

        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        JPEGImageWriteParam param = new JPEGImageWriteParam(null);
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        param.setOptimizeHuffmanTables(false);
        param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
