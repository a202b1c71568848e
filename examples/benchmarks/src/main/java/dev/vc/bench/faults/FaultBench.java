package dev.vc.bench.faults;

import dev.vc.bench.faults.impair.Impairment;
import dev.vc.bench.report.Chart;
import dev.vc.bench.report.CsvTable;
import dev.vc.examples.client.cli.Mains;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fault runs: a conference on 127.0.0.1 (relay and N participants, synthetic camera at 640x480 and 30 fps,
 * headless renderer) with every participant behind its own impairing link, once per scenario: random or
 * bursty loss, reordering, duplication (see {@link Impairment}). Per scenario it measures, over the window:
 * frames rendered against frames expected, delivered fps, the longest gap between rendered frames and the
 * freezes, recovery after a lost frame (keyframe wait), latency, NACKs, retransmissions, PLIs and keyframes.
 * Prints a table, writes {@code faults.csv}, {@code faults-rendered.png} and {@code faults-freeze.png}.
 *
 * <pre>
 * java -p examples/benchmarks/target/modules --add-modules ALL-MODULE-PATH -m dev.vc.bench/dev.vc.bench.faults.FaultBench \
 *      --scenarios none,random:1,random:5,random:10,bursty:5,reorder:5,duplicate:5 --seconds 20 --warmup 3
 * </pre>
 *
 * See {@code docs/benchmarks.md} for what the columns mean and measured figures.
 */
public final class FaultBench {
    private static final String HEADER = "%-22s %7s %7s %8s %6s %8s %5s %5s %5s %8s %8s %7s %7s %6s %6s %5s %5s%n";
    private static final String ROW =
            "%-22s %6.1f%% %6.1f%% %7.2f%% %6.1f %8.0f %5d %5d %5d %8.0f %8.0f %7.1f %7.1f %6d %6d %5d %5d%n";

    private final FaultBenchOptions options;
    private final PrintStream out;

    /**
     * @param options what to run
     * @param out     where the table goes
     */
    public FaultBench(FaultBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Entry point; exits with status 1 and a message on bad options or a failure to start.
     *
     * @param args see {@link FaultBenchOptions#usage()}
     */
    public static void main(String[] args) {
        Mains.exit("vc fault bench", () -> {
            FaultBench bench = new FaultBench(FaultBenchOptions.parse(args), System.out);
            bench.write(bench.run());
            return 0;
        });
    }

    /**
     * Runs every scenario in turn, printing each one's row as it completes.
     *
     * @return the results, in scenario order
     * @throws IOException          if a proxy socket cannot be opened
     * @throws InterruptedException if interrupted
     */
    public List<FaultResult> run() throws IOException, InterruptedException {
        out.printf("vc fault bench: %d participants, %s, %d s per scenario after %d s, links impaired: %s%n",
                options.participants(), options.codec(), options.seconds(), options.warmup(),
                options.links().name().toLowerCase(Locale.ROOT));
        out.printf(HEADER, "scenario", "up loss", "dn loss", "rendered", "fps", "gap max", ">200", ">500", "recov",
                "rec max", "rec mean", "lat p50", "lat p99", "nacks", "rtx", "plis", "keys");
        FaultRun runner = new FaultRun(options);
        List<FaultResult> results = new ArrayList<>();
        for (String scenario : options.scenarios()) {
            FaultResult r = runner.run(scenario);
            results.add(r);
            out.printf(Locale.ROOT, ROW, r.scenario(), r.up().lossPercent(), r.down().lossPercent(),
                    r.renderedPercent(), r.fpsPerStream(), r.longestGapMillis(), r.gapsOver200Ms(),
                    r.freezesOver500Ms(), r.recoveries(), r.maxRecoveryMillis(), r.meanRecoveryMillis(),
                    r.latencyP50Millis(), r.latencyP99Millis(), r.nacksSent(), r.retransmissions(), r.plisSent(),
                    r.keyframes());
        }
        return results;
    }

    /**
     * Writes {@code faults.csv} and the two charts into the output directory.
     *
     * @param results what {@link #run()} returned
     * @throws IOException if a file cannot be written
     */
    public void write(List<FaultResult> results) throws IOException {
        CsvTable csv = new CsvTable("scenario", "links", "participants", "codec", "seconds", "loss_pct",
                "up_loss_pct", "down_loss_pct", "dropped", "duplicated", "reordered", "frames_expected",
                "frames_rendered", "rendered_pct", "fps_per_stream", "longest_gap_ms", "gaps_over_200ms",
                "freezes_over_500ms", "recoveries", "recovery_max_ms", "recovery_mean_ms", "latency_p50_ms",
                "latency_p99_ms", "nacks_sent", "retransmissions", "plis_sent", "keyframes", "frames_incomplete");
        String links = options.links().name().toLowerCase(Locale.ROOT);
        Chart rendered = new Chart("Frames rendered under loss (" + options.codec() + ", " + options.participants()
                + " participants, links: " + links + ")", "loss per impaired direction (%)", "frames rendered (%)");
        Chart freeze = new Chart("Longest freeze under loss (" + options.codec() + ", links: " + links + ")",
                "loss per impaired direction (%)", "longest gap between rendered frames (ms)");
        for (FaultResult r : results) {
            csv.row(r.scenario(), links, options.participants(), options.codec(), options.seconds(), r.lossPercent(),
                    r.up().lossPercent(), r.down().lossPercent(), r.up().dropped() + r.down().dropped(),
                    r.up().duplicated() + r.down().duplicated(), r.up().reordered() + r.down().reordered(),
                    r.framesExpected(), r.framesRendered(), r.renderedPercent(), r.fpsPerStream(),
                    r.longestGapMillis(), r.gapsOver200Ms(), r.freezesOver500Ms(), r.recoveries(),
                    r.maxRecoveryMillis(), r.meanRecoveryMillis(), r.latencyP50Millis(), r.latencyP99Millis(),
                    r.nacksSent(), r.retransmissions(), r.plisSent(), r.keyframes(), r.framesIncomplete());
        }
        lossSeries(results).forEach((series, points) -> points.forEach(r -> {
            rendered.add(series, r.lossPercent(), r.renderedPercent());
            freeze.add(series, r.lossPercent(), r.longestGapMillis());
        }));
        csv.write(options.out().resolve("faults.csv"));
        rendered.writePng(options.out().resolve("faults-rendered.png"));
        freeze.writePng(options.out().resolve("faults-freeze.png"));
        out.println("wrote " + options.out().resolve("faults.csv") + ", faults-rendered.png, faults-freeze.png");
    }

    /**
     * The charts' series: the pure loss scenarios by kind of loss (random, or bursty with each mean burst
     * length); a clean run, if there was one, is the 0 % point of each. Reordering and duplication are left out.
     */
    private static Map<String, List<FaultResult>> lossSeries(List<FaultResult> results) {
        Map<String, List<FaultResult>> series = new LinkedHashMap<>();
        FaultResult clean = null;
        for (FaultResult r : results) {
            Impairment i = Impairment.parse(r.scenario());
            if (i.isNone()) {
                clean = r;
            } else if (i.reorderPercent() == 0 && i.duplicatePercent() == 0) {
                String name = i.meanBurstPackets() > 1
                        ? "bursty loss (bursts of " + BigDecimal.valueOf(i.meanBurstPackets()).stripTrailingZeros()
                                .toPlainString() + ")"
                        : "random loss";
                series.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
            }
        }
        if (clean != null) {
            for (List<FaultResult> points : series.values()) {
                points.add(0, clean);
            }
        }
        return series;
    }
}
