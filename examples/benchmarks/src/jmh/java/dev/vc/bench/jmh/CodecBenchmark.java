package dev.vc.bench.jmh;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoFrame;
import dev.vc.bench.quality.TestSequences;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Encode and decode cost of each codec provider at 640x480, one frame per operation, through the public SPI
 * ({@code ProviderRegistry.encoders().byName(codec).create(EncoderSettings.from(config))}), on two sequences
 * ({@link TestSequences}: vc's synthetic camera and FFmpeg's {@code testsrc2} with sensor-like noise).
 *
 * <ul>
 *   <li>{@code encode}: 60 raw frames made in {@code @Setup} (in the encoder's input format: BGR24 for
 *       {@code jpeg}, I420 for the H.264 encoders) are encoded in ping-pong order (0..59, 58..1, ...) so the
 *       motion stays continuous for the inter-frame encoders; the encoder runs for the whole trial, so its rate
 *       control and keyframe interval (the default) act as in a call.</li>
 *   <li>{@code decode}: a 60-frame GOP (keyframe first) encoded in {@code @Setup} by an encoder that had already
 *       run 120 frames of the same content, decoded in order, one access unit per operation, and again from the
 *       keyframe after the last one: the average is per frame over a 60-frame GOP.</li>
 * </ul>
 *
 * Settings: the defaults ({@code vc.quality} 60, {@code vc.bitrate} 600 kbit/s, {@code vc.keyframe.interval} 60),
 * except {@code h264-jcodec} at 3 Mbit/s with frame skipping off, so every call encodes. Bytes per frame and
 * luma PSNR of the decode GOP are printed by {@code @Setup} (not measured). The JMH JVM gets
 * {@code -Dvc.bench.ffmpeg} from the command line if {@code ffmpeg} is not on the PATH.
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar CodecBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djava.awt.headless=true"})
@State(Scope.Thread)
public class CodecBenchmark {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FRAMES = 60;

    /** Encoder and decoder provider name. */
    @Param({"jpeg", "h264", "h264-jcodec"})
    public String codec;

    /** Test sequence ({@link TestSequences}). */
    @Param({TestSequences.SYNTHETIC, TestSequences.DETAILED})
    public String sequence;

    private VideoFrame[] raw;
    private Encoder encoder;
    private final EncodedFrame encoded = new EncodedFrame();
    private long encodeCount;

    private EncodedFrame[] gop;
    private Decoder decoder;
    private final VideoFrame decoded = new VideoFrame();
    private int decodeIndex;

    /**
     * Makes the frames, the encoder, the encoded GOP and the decoder, and prints the GOP's figures.
     *
     * @throws IOException if ffmpeg cannot make the detailed sequence
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        PixelFormat format = BenchFrames.inputFormat(codec, WIDTH, HEIGHT);
        raw = TestSequences.sequence(sequence, FRAMES, WIDTH, HEIGHT, format);
        Config config = BenchFrames.codecConfig(codec, WIDTH, HEIGHT);
        BenchFrames.Encoded figures = BenchFrames.encodeGop(codec, raw, 2 * FRAMES);
        gop = figures.frames();
        System.out.printf("%n%s on %s %dx%d %s: %s%n", codec, sequence, WIDTH, HEIGHT, format, figures.describe());
        encoder = ProviderRegistry.encoders().byName(codec).create(EncoderSettings.from(config));
        decoder = ProviderRegistry.decoders().byName(codec).create(config);
    }

    /** Closes the encoder and decoder. */
    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
        decoder.close();
    }

    /**
     * @return bytes of the encoded frame (0 if the encoder skipped it)
     */
    @Benchmark
    public int encode() {
        VideoFrame frame = raw[BenchFrames.pingPong(encodeCount++, FRAMES)];
        return encoder.encode(frame, encoded) ? encoded.length() : 0;
    }

    /**
     * @return the decoded picture's first byte, or -1 if no picture came out
     */
    @Benchmark
    public int decode() {
        EncodedFrame frame = gop[decodeIndex];
        decodeIndex = decodeIndex + 1 == gop.length ? 0 : decodeIndex + 1;
        return decoder.decode(frame, decoded) ? decoded.data()[0] : -1;
    }
}
