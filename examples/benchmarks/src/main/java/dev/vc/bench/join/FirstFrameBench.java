package dev.vc.bench.join;

import dev.vc.api.session.JoinTimings;
import dev.vc.bench.BenchConfig;
import dev.vc.bench.MachineLoad;
import dev.vc.examples.client.cli.Flags;
import dev.vc.examples.client.cli.Mains;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Join to first frame: two relays in this process, one with the defaults (TLS 1.3 control channel, its
 * self-signed certificate pinned; DTLS-SRTP media) and one with plain TCP and plain RTP, each with a participant
 * sending the synthetic camera ({@code --codec}, 640x480 at 30 fps unless told otherwise). Then, alternately,
 * {@code --joins} times each after {@code --warmup} joins each, a new participant joins through the public API
 * and the time from {@code Participant.Builder.build()} to its first rendered picture of the sender is taken
 * step by step ({@code Participant.joinTimings()}), a second after the previous join. Both senders send all along.
 * Prints, per mode, the 50th and 95th percentile of each step and of the total, and the keyframes each join cost.
 *
 * <pre>
 * java -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.join.FirstFrameBench --codec h264 --joins 20
 * </pre>
 */
public final class FirstFrameBench {
    private static final long PAUSE_BETWEEN_JOINS_MILLIS = 1_000;

    private FirstFrameBench() {
    }

    /**
     * @param args {@code [--codec h264|jpeg] [--joins 20] [--warmup 5] [--width 640] [--height 480] [--fps 30]}
     */
    public static void main(String[] args) {
        Mains.exit("vc first frame bench", () -> {
            Flags flags = Flags.parse(args, "usage: FirstFrameBench [--codec h264|jpeg] [--joins 20] [--warmup 5] "
                    + "[--width 640] [--height 480] [--fps 30]", List.of(),
                    List.of("--codec", "--joins", "--warmup", "--width", "--height", "--fps"));
            String codec = BenchConfig.codecFlag(flags, "h264");
            int joins = flags.integer("--joins", 20);
            int warmup = flags.integer("--warmup", 5);
            int width = flags.integer("--width", 640);
            int height = flags.integer("--height", 480);
            int fps = flags.integer("--fps", 30);
            Flags.check("--joins", joins, 1, 1_000);
            Flags.check("--warmup", warmup, 0, 1_000);
            Flags.check("--fps", fps, 1, 120);
            run(Map.of("vc.source", "synthetic", "vc.codec", codec, "vc.renderer", "headless",
                    "vc.width", Integer.toString(width), "vc.height", Integer.toString(height),
                    "vc.fps", Integer.toString(fps)), joins, warmup);
            return 0;
        });
    }

    private static void run(Map<String, String> media, int joins, int warmup) throws IOException,
            InterruptedException {
        Path state = Files.createTempDirectory("vc-first-frame-bench");
        try (SecurityMode secure = new SecurityMode(true, state, media);
             SecurityMode plain = new SecurityMode(false, state, media)) {
            String loadBefore = MachineLoad.average();
            for (int i = 0; i < warmup + joins; i++) {
                for (SecurityMode mode : List.of(secure, plain)) {
                    // The relay's keyframe requests to one sender are a second apart: each join comes after that.
                    Thread.sleep(PAUSE_BETWEEN_JOINS_MILLIS);
                    mode.join(i >= warmup);
                }
            }
            System.out.printf(Locale.ROOT, "%s %sx%s@%s fps, %d joins per mode after %d warm-up each; load average "
                            + "before %s, after %s%n", media.get("vc.codec"), media.get("vc.width"),
                    media.get("vc.height"), media.get("vc.fps"), joins, warmup, loadBefore, MachineLoad.average());
            System.out.println("| step | " + secure.name() + " p50 (ms) | p95 (ms) | " + plain.name()
                    + " p50 (ms) | p95 (ms) |");
            System.out.println("|---|---|---|---|---|");
            for (JoinStep step : JoinStep.values()) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", step.label(),
                        cells(secure.measured(), step), cells(plain.measured(), step));
            }
            System.out.printf(Locale.ROOT, "| **total: build() to first frame** | %s | %s |%n",
                    totalCells(secure.measured()), totalCells(plain.measured()));
            System.out.printf(Locale.ROOT, "| TLS + JOIN + hello + DTLS + first frame (network part, from the connect)"
                    + " | %s | %s |%n", networkCells(secure.measured()), networkCells(plain.measured()));
            for (SecurityMode mode : List.of(secure, plain)) {
                System.out.printf(Locale.ROOT, "%s: %.2f keyframes of the sender and %.2f relay PLIs per join%n",
                        mode.name(), mode.senderKeyframesPerJoin(), mode.relayKeyframeRequestsPerJoin());
            }
        } finally {
            try (Stream<Path> files = Files.list(state)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(state);
        }
    }

    private static String cells(List<JoinTimings> joins, JoinStep step) {
        return cells(joins.stream().mapToLong(step::duration).filter(d -> d != JoinTimings.NOT_REACHED).toArray());
    }

    private static String totalCells(List<JoinTimings> joins) {
        return cells(joins.stream().mapToLong(JoinTimings::firstFrame).toArray());
    }

    private static String networkCells(List<JoinTimings> joins) {
        return cells(joins.stream().mapToLong(t -> t.firstFrame() - t.prepared() - (t.started() - t.joined()))
                .toArray());
    }

    /** @return "p50 | p95" in milliseconds, or "- | -" when the step never happened */
    private static String cells(long[] nanos) {
        if (nanos.length == 0) {
            return "- | -";
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.1f | %.1f", percentile(sorted, 0.5) / 1e6, percentile(sorted, 0.95) / 1e6);
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
