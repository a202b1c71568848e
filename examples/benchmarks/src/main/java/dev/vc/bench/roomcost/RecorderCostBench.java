package dev.vc.bench.roomcost;

import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.bench.MachineLoad;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the recorder ({@code dev.vc.record}) costs for a room of N senders: a relay in this process, N replayed
 * senders ({@link ReplayedSenders}: the synthetic camera at 640x480 and 30 fps through the real encoder, recorded
 * once, replayed as plain RTP), and the recorder's command line in a child JVM of its own, whose whole process CPU
 * time (its threads, GC, JIT) is read over a window after a warm-up. The recorder is then stopped with SIGTERM,
 * as an operator would, and must have closed its files. Each N of {@code --senders} runs in the same JVM, one
 * after the other, so their ratio is comparable however busy the machine is.
 *
 * <pre>
 * java --add-modules ALL-MODULE-PATH -p examples/benchmarks/target/modules \
 *      -m dev.vc.bench/dev.vc.bench.roomcost.RecorderCostBench --codec h264 --senders 1,10 --seconds 20
 * </pre>
 *
 * <p>Media is plain RTP (the replayers send recorded packets, so the relay runs with {@code mediaInsecure});
 * a recorder keyed by DTLS-SRTP also unprotects every packet (see the SRTP figures in docs/benchmarks.md).
 */
public final class RecorderCostBench {
    private static final String ROOM = "recorder-cost";
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FPS = 30;
    private static final int MTU = 1200;
    private static final Duration FIRST_FRAMES_TIMEOUT = Duration.ofSeconds(5);

    private final PrintStream out;
    private final String codec;
    private final List<Integer> sizes;
    private final int seconds;
    private final int warmup;

    private RecorderCostBench(PrintStream out, String codec, List<Integer> sizes, int seconds, int warmup) {
        this.out = out;
        this.codec = codec;
        this.sizes = sizes;
        this.seconds = seconds;
        this.warmup = warmup;
    }

    /**
     * @param args {@code --codec h264|jpeg} (h264), {@code --senders 1,10} (10), {@code --seconds N} (20, the
     *             measured window), {@code --warmup N} (5)
     * @throws Exception if the relay, a sender or the recorder fails
     */
    public static void main(String[] args) throws Exception {
        String codec = "h264";
        List<Integer> sizes = List.of(10);
        int seconds = 20;
        int warmup = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--codec" -> codec = args[i + 1];
                case "--senders" -> sizes = List.of(args[i + 1].split(",")).stream().map(Integer::parseInt).toList();
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        new RecorderCostBench(System.out, codec, sizes, seconds, warmup).run();
    }

    private void run() throws Exception {
        Config config = Config.load().with(CoreSettings.CODEC, codec).with(CoreSettings.SOURCE, "synthetic")
                .with(CoreSettings.WIDTH, WIDTH).with(CoreSettings.HEIGHT, HEIGHT).with(CoreSettings.FPS, FPS)
                .with(CoreSettings.MTU, MTU);
        int most = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<Recording> recordings = Recorder.record(config, most, 2, 4 * FPS);
        List<String> rows = new ArrayList<>();
        for (int senders : sizes) {
            List<List<Recording>> room = recordings.subList(0, senders).stream().map(List::of).toList();
            rows.add(measure(senders, room));
        }
        out.println();
        out.println("| senders | codec | recorder CPU, % of one core | frames written/s | CPU per frame, us | files |");
        out.println("|---|---|---|---|---|---|");
        rows.forEach(out::println);
        out.printf(Locale.ROOT, "load average at the end: %s; %d cores%n", MachineLoad.average(),
                Runtime.getRuntime().availableProcessors());
    }

    private String measure(int senders, List<List<Recording>> room) throws Exception {
        Path state = Files.createTempDirectory("vc-recorder-cost-state");
        Path recordings = Files.createTempDirectory("vc-recorder-cost");
        RelaySettings settings = RelaySettings.builder().mediaInsecure(true).host("127.0.0.1").controlPort(0)
                .mediaPort(0).stateDirectory(state.toString()).maxParticipantsPerRoom(senders + 1)
                .joinAttemptsPerMinute(10_000).build();
        try (RelayServer relay = RelayServer.start(settings)) {
            InetSocketAddress control = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            try (ReplayedSenders replay = ReplayedSenders.join(control, relay.clientTrust(), ROOM, room, FPS, MTU)) {
                replay.start();
                replay.awaitFirstFrames(FIRST_FRAMES_TIMEOUT);
                Path log = Files.createTempFile("vc-recorder-cost", ".log");
                Process recorder = startRecorder(control, relay.certificateFingerprint(), recordings, log);
                try {
                    Thread.sleep(warmup * 1000L);
                    long cpuBefore = cpuNanos(recorder);
                    long before = System.nanoTime();
                    Thread.sleep(seconds * 1000L);
                    long cpu = cpuNanos(recorder) - cpuBefore;
                    long wall = System.nanoTime() - before;
                    recorder.destroy();                                     // SIGTERM: files closed by its hook
                    if (!recorder.waitFor(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the recorder did not stop within 20 s of SIGTERM");
                    }
                    String said = Files.readString(log, StandardCharsets.UTF_8);
                    long framesWritten = framesWritten(said);
                    long files;
                    try (var listing = Files.list(recordings)) {
                        files = listing.count();
                    }
                    double elapsed = wall / 1e9;
                    double percent = 100.0 * cpu / wall;
                    // frames written over the whole run; the window's frames are the senders' rate
                    double framesPerSecond = (double) senders * FPS;
                    out.printf(Locale.ROOT, "recorder, %d senders: %.1f %% of one core over %.1f s; it wrote %d "
                            + "frames in %d files, exit status %d%n%s", senders, percent, elapsed, framesWritten,
                            files, recorder.exitValue(), said.indent(2));
                    return String.format(Locale.ROOT, "| %d | %s | %.1f | %.0f | %.0f | %d |", senders, codec, percent,
                            framesPerSecond, cpu / 1e3 / (framesPerSecond * elapsed), files);
                } finally {
                    recorder.destroyForcibly();
                    delete(recordings);
                    delete(state);
                    Files.deleteIfExists(log);
                }
            }
        }
    }

    private static void delete(Path directory) throws IOException {
        try (var walk = Files.walk(directory)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Process startRecorder(InetSocketAddress control, String fingerprint, Path directory, Path log)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath == null) {
            throw new IllegalStateException("run with -p examples/benchmarks/target/modules");
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-Dvc.media.security=insecure",
                "-Dvc.relay.fingerprint=" + fingerprint, "--add-modules", "ALL-MODULE-PATH", "-p", modulePath,
                "-m", "dev.vc.record/dev.vc.record.cli.RecorderMain", "--relay", "127.0.0.1:" + control.getPort(),
                "--room", ROOM, "--dir", directory.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** @return the process's CPU time so far (user and system), nanoseconds */
    private static long cpuNanos(Process process) {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this platform does not tell a process's CPU time"))
                .toNanos();
    }

    /** @return the frames the recorder said it wrote ({@code vc-record: N frames written ...}), or -1 */
    private static long framesWritten(String said) {
        for (String line : said.lines().toList()) {
            if (line.startsWith("vc-record: ") && line.contains(" frames written")) {
                return Long.parseLong(line.substring("vc-record: ".length(), line.indexOf(" frames written")));
            }
        }
        return -1;
    }
}
