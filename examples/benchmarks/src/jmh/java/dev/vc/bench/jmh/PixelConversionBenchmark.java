package dev.vc.bench.jmh;

import dev.vc.api.PixelConversion;
import dev.vc.api.PixelScaling;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Colour conversion of one 640x480 frame in pure Java ({@link PixelConversion}, BT.601 full range): I420 to
 * BGR24 (what the JPEG encoder and the Swing tiles need from an I420 source) and back (what the H.264 encoders
 * need from a BGR24 source), and halving an I420 frame (a simulcast sender's second layer). The frames are seeded
 * noise, so no branch or cache pattern favours either.
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar PixelConversionBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@State(Scope.Thread)
public class PixelConversionBenchmark {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    private final byte[] i420 = new byte[WIDTH * HEIGHT * 3 / 2];
    private final byte[] bgr = new byte[WIDTH * HEIGHT * 3];
    private final byte[] half = new byte[WIDTH * HEIGHT * 3 / 8];

    /** Fills both frames with seeded noise. */
    @Setup
    public void setUp() {
        Random random = new Random(42);
        random.nextBytes(i420);
        random.nextBytes(bgr);
    }

    /** @return the output, so the work is not dead code */
    @Benchmark
    public byte[] i420ToBgr24() {
        PixelConversion.i420ToBgr24(i420, WIDTH, HEIGHT, bgr);
        return bgr;
    }

    /** @return the output, so the work is not dead code */
    @Benchmark
    public byte[] bgr24ToI420() {
        PixelConversion.bgr24ToI420(bgr, WIDTH, HEIGHT, i420);
        return i420;
    }

    /** @return the output, so the work is not dead code */
    @Benchmark
    public byte[] halveI420() {
        PixelScaling.halveI420(i420, WIDTH, HEIGHT, half);
        return half;
    }
}
