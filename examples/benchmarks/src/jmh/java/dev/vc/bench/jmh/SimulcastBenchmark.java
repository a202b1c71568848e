package dev.vc.bench.jmh;

import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.PixelScaling;
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
 * What simulcast costs the send thread: one captured 640x480 frame per operation, encoded with {@code h264} in
 * one layer (640x480 at 600 kbit/s, as without simulcast) or in two (then also halved into a reused 320x240 frame
 * with {@link PixelScaling#halve} and encoded by a second encoder at 150 kbit/s), the work
 * {@code SendPipeline} does per frame, without the transport. The layers' settings follow
 * {@code vc.simulcast.layers}' rule: each layer half the width and height and a quarter of the bitrate of the one
 * before. The 60 frames of each {@link TestSequences} sequence are walked in ping-pong order, so the motion stays
 * continuous, and every encoder runs for the whole trial (rate control and keyframe interval act as in a call).
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar Simulcast -f 1 -wi 3 -i 5
 * </pre>
 *
 * Target: two layers cost at most 1.35 times one layer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Djava.awt.headless=true"})
@State(Scope.Thread)
public class SimulcastBenchmark {
    private static final String CODEC = "h264";
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FRAMES = 60;

    /** Layers sent: 1 (no simulcast) or 2 (640x480 and 320x240). */
    @Param({"1", "2"})
    public int layers;

    /** Test sequence ({@link TestSequences}). */
    @Param({TestSequences.SYNTHETIC, TestSequences.DETAILED})
    public String sequence;

    private VideoFrame[] raw;
    private Encoder[] encoders;
    private final VideoFrame[] scaled = new VideoFrame[2];
    private final EncodedFrame encoded = new EncodedFrame();
    private long frame;

    /**
     * Makes the frames and one encoder per layer.
     *
     * @throws IOException if ffmpeg cannot make the detailed sequence
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        raw = TestSequences.sequence(sequence, FRAMES, WIDTH, HEIGHT, PixelFormat.I420);
        Config full = BenchFrames.codecConfig(CODEC, WIDTH, HEIGHT);
        int bitrate = full.get(CoreSettings.BITRATE);
        encoders = new Encoder[layers];
        int width = WIDTH;
        int height = HEIGHT;
        for (int k = 0; k < layers; k++) {
            Config layer = full.with(CoreSettings.WIDTH, width).with(CoreSettings.HEIGHT, height)
                    .with(CoreSettings.BITRATE, Math.max(bitrate >> 2 * k, Math.min(bitrate, 50_000)));
            encoders[k] = ProviderRegistry.encoders().byName(CODEC).create(EncoderSettings.from(layer));
            scaled[k] = new VideoFrame(width, height, PixelFormat.I420);
            width = PixelScaling.halfSize(width);
            height = PixelScaling.halfSize(height);
        }
    }

    /** Closes the encoders. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (Encoder encoder : encoders) {
            encoder.close();
        }
    }

    /**
     * @return bytes encoded for the frame, all layers
     */
    @Benchmark
    public int sendFrame() {
        VideoFrame picture = raw[BenchFrames.pingPong(frame++, FRAMES)];
        int bytes = 0;
        for (int k = 0; k < encoders.length; k++) {
            if (k > 0) {
                picture = PixelScaling.halve(picture, scaled[k]);
            }
            if (encoders[k].encode(picture, encoded.layer(k))) {
                bytes += encoded.length();
            }
        }
        return bytes;
    }
}
