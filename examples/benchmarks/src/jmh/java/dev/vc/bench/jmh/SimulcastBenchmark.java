package dev.vc.bench.jmh;

import dev.vc.api.PixelFormat;
import dev.vc.api.PixelScaling;
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
 * {@code SendPipeline} does per frame, without the transport ({@link SimulcastWork}): {@code way} {@code one},
 * {@code two-one-thread} (both layers on the send thread, as the pipeline does) or {@code two-threads} (layer 1
 * on a second thread while the send thread encodes layer 0, measured and not taken). The score is wall time per
 * frame on the send thread; for {@code two-threads} that is not the CPU both threads spend, which
 * {@link SimulcastThreadCpu} measures. The 60 frames of each {@link TestSequences} sequence are
 * walked in ping-pong order, so the motion stays continuous, and every encoder runs for the whole trial (rate
 * control and keyframe interval act as in a call).
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar Simulcast -f 1 -wi 3 -i 5
 * </pre>
 *
 * Target: two layers cost at most 1.35 times one layer (CPU: {@code two-one-thread} here is the CPU of both layers).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Djava.awt.headless=true"})
@State(Scope.Thread)
public class SimulcastBenchmark {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FRAMES = 60;

    /** How the layers are encoded ({@link SimulcastWork.Way}). */
    @Param({"one", "two-one-thread", "two-threads"})
    public String way;

    /** Test sequence ({@link TestSequences}). */
    @Param({TestSequences.SYNTHETIC, TestSequences.DETAILED})
    public String sequence;

    private VideoFrame[] raw;
    private SimulcastWork work;
    private long frame;

    /**
     * Makes the frames and one encoder per layer.
     *
     * @throws IOException if ffmpeg cannot make the detailed sequence
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        raw = TestSequences.sequence(sequence, FRAMES, WIDTH, HEIGHT, PixelFormat.I420);
        SimulcastWork.Way chosen = java.util.Arrays.stream(SimulcastWork.Way.values())
                .filter(w -> w.label.equals(way)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown way " + way));
        work = new SimulcastWork(chosen, WIDTH, HEIGHT);
    }

    /** Closes the encoders (and stops the layer thread). */
    @TearDown(Level.Trial)
    public void tearDown() {
        work.close();
    }

    /**
     * @return bytes encoded for the frame, all layers
     */
    @Benchmark
    public int sendFrame() {
        return work.send(raw[BenchFrames.pingPong(frame++, FRAMES)]);
    }
}
