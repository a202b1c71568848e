package dev.vc.bench.jmh;

import dev.vc.transport.udp.jpeg.JpegDepacketizer;
import dev.vc.transport.udp.jpeg.JpegPacketizer;
import dev.vc.transport.udp.jpeg.JpegPayloadHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
 * The three benchmarks are {@link FramingBenchmark}'s; here a packet is parsed with the RTP header and
 * {@link JpegPayloadHeader}, added to a {@link JpegDepacketizer}, and the JFIF written to a reused buffer.
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
public class RtpFramingBenchmark extends FramingBenchmark {
    private byte[] jpeg;
    private final JpegPayloadHeader payload = new JpegPayloadHeader();
    private JpegDepacketizer depacketizer;
    private byte[] jfif;

    /**
     * Encodes the frame, captures its packets once and checks that they rebuild a frame of the same scan.
     *
     * @param blackhole JMH's sink, kept for the packet sink
     * @throws IOException if javax.imageio cannot write the JPEG
     */
    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) throws IOException {
        jpeg = syntheticJpeg(640, 480, 0.6f);
        depacketizer = new JpegDepacketizer();
        jfif = new byte[jpeg.length + JpegDepacketizer.JFIF_OVERHEAD];
        int rebuilt = prepare(blackhole, jpeg, new JpegPacketizer(mtu), new RtpPacketWriter(0x5643_0001, 26, 0, 0));
        if (rebuilt <= 0) {
            throw new IllegalStateException("the frame did not rebuild");
        }
        System.out.printf("%nframe: %d-byte JPEG 640x480 q60 -> %d packets at MTU %d -> %d-byte JFIF%n",
                jpeg.length, packetCount(), mtu, rebuilt);
    }

    @Override
    protected void add(byte[] packet, int offset, int length) {
        header.parse(packet, offset, length);
        payload.parse(packet, header.payloadOffset(), header.payloadLength());
        depacketizer.add(payload, header.marker());
    }

    @Override
    protected int finish() {
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
