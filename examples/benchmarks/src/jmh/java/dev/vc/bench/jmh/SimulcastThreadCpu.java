package dev.vc.bench.jmh;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;
import dev.vc.bench.quality.TestSequences;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What simulcast costs in CPU time, as the send pipeline spends it: for one captured 640x480 frame, the thread CPU
 * time ({@link ThreadMXBean#getThreadCpuTime}) of every thread that works on it, and the time from the frame's
 * arrival on the send thread to the end of its layer 0 encode and of its last layer's. The three ways of
 * {@link SimulcastWork} ({@code one}, {@code two-one-thread}, {@code two-threads}), each trial with fresh encoders,
 * in one run, rotated each repetition so that drifting load falls on all alike.
 *
 * <pre>
 * java -cp examples/benchmarks/target/benchmarks.jar dev.vc.bench.jmh.SimulcastThreadCpu [frames] [repetitions] [fps]
 * </pre>
 *
 * {@code fps} 0 (the default) sends frames back to back, as JMH does; 30 paces them as a camera would, a capture
 * thread waking the send thread for each frame as in the pipeline (the caches then cool between frames, as in a
 * call); latencies then run from the frame's publication. Frames are the 60 synthetic camera frames of {@link TestSequences} in
 * ping-pong order; the encoders' output is discarded (no transport). Printed: per trial, CPU microseconds per frame
 * (send thread, layer thread, their sum, and the whole process's as a check: JIT, GC and the JVM's other threads
 * add a little) and the median and 95th percentile of each latency; per repetition, the CPU
 * ratios of two layers to one; at the end their medians.
 */
public final class SimulcastThreadCpu {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int SEQUENCE_FRAMES = 60;
    private static final int WARM_FRAMES = 90;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One trial's figures, microseconds. */
    record Trial(double sendCpu, double layerCpu, double processCpu, double layer0P50, double layer0P95,
                 double lastP50, double lastP95) {
        double cpu() {
            return sendCpu + layerCpu;
        }
    }

    private SimulcastThreadCpu() {
    }

    /**
     * @param args frames per trial (600), repetitions (3), frames per second (0: back to back)
     * @throws IOException never for the synthetic sequence
     */
    public static void main(String[] args) throws IOException {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int fps = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        if (!THREADS.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        VideoFrame[] raw = TestSequences.sequence(TestSequences.SYNTHETIC, SEQUENCE_FRAMES, WIDTH, HEIGHT,
                PixelFormat.I420);
        SimulcastWork.Way[] ways = SimulcastWork.Way.values();
        List<double[]> ratios = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%d frames per trial after %d warm-up, %s%n", frames, WARM_FRAMES,
                fps == 0 ? "back to back" : fps + " fps");
        System.out.printf(Locale.ROOT, "%-3s %-15s %8s %8s %8s %8s %9s %9s %9s %9s%n", "rep", "way", "send",
                "layer", "cpu", "process", "l0 p50", "l0 p95", "last p50", "last p95");
        for (int rep = 0; rep < repetitions; rep++) {
            Trial[] byWay = new Trial[ways.length];
            for (int i = 0; i < ways.length; i++) {
                SimulcastWork.Way way = ways[(i + rep) % ways.length];
                Trial t = run(way, raw, frames, fps);
                byWay[way.ordinal()] = t;
                System.out.printf(Locale.ROOT, "%-3d %-15s %8.0f %8.0f %8.0f %8.0f %9.0f %9.0f %9.0f %9.0f%n", rep,
                        way.label, t.sendCpu(), t.layerCpu(), t.cpu(), t.processCpu(), t.layer0P50(), t.layer0P95(),
                        t.lastP50(), t.lastP95());
            }
            double one = byWay[SimulcastWork.Way.ONE.ordinal()].cpu();
            ratios.add(new double[] {byWay[SimulcastWork.Way.TWO_ONE_THREAD.ordinal()].cpu() / one,
                    byWay[SimulcastWork.Way.TWO_THREADS.ordinal()].cpu() / one});
            System.out.printf(Locale.ROOT, "rep %d CPU ratio to one layer: two-one-thread %.3f, two-threads %.3f%n",
                    rep, ratios.get(rep)[0], ratios.get(rep)[1]);
        }
        System.out.printf(Locale.ROOT, "median CPU ratio to one layer: two-one-thread %.3f, two-threads %.3f%n",
                median(ratios, 0), median(ratios, 1));
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    /** One trial: fresh encoders, warm-up frames, then {@code frames} measured ones. */
    private static Trial run(SimulcastWork.Way way, VideoFrame[] raw, int frames, int fps) {
        long[] layer0 = new long[frames];
        long[] last = new long[frames];
        int total = WARM_FRAMES + frames;
        Thread send = Thread.currentThread();
        try (SimulcastWork work = new SimulcastWork(way, WIDTH, HEIGHT);
             Camera camera = fps == 0 ? null : new Camera(send, total, TimeUnit.SECONDS.toNanos(1) / fps)) {
            Thread layers = work.layerThread();
            long sendCpu = 0;
            long layerCpu = 0;
            long processCpu = 0;
            for (int n = 0; n < total; n++) {
                if (n == WARM_FRAMES) {
                    sendCpu = -THREADS.getThreadCpuTime(send.getId());
                    layerCpu = layers == null ? 0 : -THREADS.getThreadCpuTime(layers.getId());
                    processCpu = -PROCESS.getProcessCpuTime();
                }
                long arrived = camera == null ? System.nanoTime() : camera.await(n);
                work.send(raw[BenchFrames.pingPong(n, SEQUENCE_FRAMES)]);
                if (n >= WARM_FRAMES) {
                    layer0[n - WARM_FRAMES] = work.layer0DoneNanos() - arrived;
                    last[n - WARM_FRAMES] = work.lastDoneNanos() - arrived;
                }
            }
            sendCpu += THREADS.getThreadCpuTime(send.getId());
            layerCpu += layers == null ? 0 : THREADS.getThreadCpuTime(layers.getId());
            processCpu += PROCESS.getProcessCpuTime();
            Arrays.sort(layer0);
            Arrays.sort(last);
            return new Trial(sendCpu / 1e3 / frames, layerCpu / 1e3 / frames, processCpu / 1e3 / frames,
                    layer0[frames / 2] / 1e3,
                    layer0[frames * 95 / 100] / 1e3, last[frames / 2] / 1e3, last[frames * 95 / 100] / 1e3);
        }
    }

    /**
     * Publishes frame {@code n} at its time on a thread of its own and wakes the send thread, as the capture
     * thread does through the ring: the send thread is woken by another thread for every frame, as in a call.
     * (Left to wake itself from a timer, this machine's single thread ran the first millisecond after each idle
     * period markedly slower, which the second thread of {@code two-threads} hid: a wake-up of another thread,
     * even for nothing, did the same. See docs/benchmarks.md.)
     */
    private static final class Camera implements AutoCloseable {
        private final Thread thread;
        private final Thread send;
        private final long[] published;
        private final AtomicInteger count = new AtomicInteger();

        Camera(Thread send, int frames, long periodNanos) {
            this.send = send;
            this.published = new long[frames];
            this.thread = new Thread(() -> {
                long next = System.nanoTime();
                for (int n = 0; n < frames && !Thread.currentThread().isInterrupted(); n++) {
                    next += periodNanos;
                    LockSupport.parkNanos(next - System.nanoTime());
                    published[n] = System.nanoTime();
                    count.set(n + 1);
                    LockSupport.unpark(send);
                }
            }, "bench-capture");
            thread.setDaemon(true);
            thread.start();
        }

        /** @return when frame {@code n} was published, once it is */
        long await(int n) {
            while (count.get() <= n) {
                LockSupport.park(this);
            }
            return published[n];
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
