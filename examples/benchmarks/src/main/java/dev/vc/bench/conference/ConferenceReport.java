package dev.vc.bench.conference;

import dev.vc.bench.report.Chart;
import dev.vc.bench.report.CsvTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ConferenceBench}'s files, for {@code docs/benchmarks.md}:
 * <ul>
 * <li>{@code conference.csv}: one row per participant per run and an {@code all} row per run
 *     ({@link #COLUMNS}); a figure that does not apply to a row is left empty;</li>
 * <li>{@code latency-percentiles.csv}: each run's capture-to-render latency at percentiles from p0 to p99.99
 *     (as far as the run has samples);</li>
 * <li>{@code latency.png}: those curves, one per codec, at the reference room size (3 if it was run, else the
 *     first size given);</li>
 * <li>{@code cpu.png}: the process's CPU against the room size, one line per codec.</li>
 * </ul>
 */
final class ConferenceReport {
    /** The columns of {@code conference.csv}. */
    static final List<String> COLUMNS;
    /** The room size the latency chart shows when it was run. */
    static final int REFERENCE_ROOM = 3;
    /** Percentiles for the distribution, as 1/(1-p): 10^(k/10) for k = 0..40, i.e. p0 .. p99.99. */
    private static final int STEPS_PER_DECADE = 10;
    private static final int DECADES = 4;

    static {
        List<String> columns = new ArrayList<>(List.of("codec", "participants", "who", "window_s", "complete",
                "sent_fps", "streams_expected", "streams_received", "recv_fps_mean", "recv_fps_min", "latency_frames",
                "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "latency_max_ms", "kbps_sent", "kbps_received"));
        columns.addAll(FrameDrops.COLUMNS);
        columns.addAll(List.of("drop_frames_total", "cpu_pct", "relay_cpu_pct", "gc_ms", "machine_busy_pct",
                "udp_rcvbuf_errors"));
        COLUMNS = List.copyOf(columns);
    }

    private final List<ConferenceRun> runs;

    /** @param runs every run, in the order made */
    ConferenceReport(List<ConferenceRun> runs) {
        this.runs = List.copyOf(runs);
    }

    /**
     * Writes the four files.
     *
     * @param dir the output directory, created if needed
     * @return the files written
     * @throws IOException if one cannot be written
     */
    List<Path> write(Path dir) throws IOException {
        List<Path> files = List.of(dir.resolve("conference.csv"), dir.resolve("latency-percentiles.csv"),
                dir.resolve("latency.png"), dir.resolve("cpu.png"));
        table().write(files.get(0));
        percentiles().write(files.get(1));
        latencyChart().writePng(files.get(2));
        cpuChart().writePng(files.get(3));
        return files;
    }

    /** @return {@code conference.csv} */
    CsvTable table() {
        CsvTable table = new CsvTable(COLUMNS.toArray(String[]::new));
        for (ConferenceRun run : runs) {
            run.each().forEach(f -> table.row(row(run, f)));
            table.row(row(run, run.all()));
        }
        return table;
    }

    private static Object[] row(ConferenceRun run, ConferenceFigures f) {
        List<Object> values = new ArrayList<>(List.of(run.codec(), run.participants(), f.who(), f.seconds(),
                f.complete(), f.sentFps(), f.streamsExpected(), f.streamsReceived(), f.receivedFpsMean(),
                f.receivedFpsMin(), f.latency().count(), f.latency().p50(), f.latency().p95(), f.latency().p99(),
                f.latency().max(), f.kbpsSent(), f.kbpsReceived()));
        values.addAll(f.drops().values());
        values.addAll(List.of(f.drops().frames(), f.cpuPercent(), blankIfNegative(f.relayCpuPercent()),
                blankIfNegative(f.gcMillis()), blankIfNegative(f.machineBusyPercent()),
                blankIfNegative(f.udpReceiveBufferErrors())));
        return values.toArray();
    }

    private static Object blankIfNegative(double value) {
        return value < 0 ? "" : value;
    }

    private static Object blankIfNegative(long value) {
        return value < 0 ? "" : value;
    }

    /** @return {@code latency-percentiles.csv} */
    CsvTable percentiles() {
        CsvTable table = new CsvTable("codec", "participants", "percentile", "latency_ms");
        for (ConferenceRun run : runs) {
            for (double p : percentilesOf(run)) {
                table.row(run.codec(), run.participants(), 100 * p, run.latency().percentile(p));
            }
        }
        return table;
    }

    /** @return the latency distribution of every codec at the reference room size */
    Chart latencyChart() {
        int room = runs.stream().anyMatch(r -> r.participants() == REFERENCE_ROOM) ? REFERENCE_ROOM
                : runs.get(0).participants();
        Chart chart = new Chart("Capture-to-render latency, " + room + " participants, 640x480 at 30 fps, loopback",
                "percentile, as 1/(1-p): 2 = p50, 10 = p90, 100 = p99, 1000 = p99.9", "latency (ms)")
                .logarithmicX().linesOnly();
        for (ConferenceRun run : runs) {
            if (run.participants() == room) {
                for (double p : percentilesOf(run)) {
                    chart.add(run.label(), 1 / (1 - p), run.latency().percentile(p));
                }
            }
        }
        return chart;
    }

    /** @return the process's CPU against the room size, one line per codec */
    Chart cpuChart() {
        Chart chart = new Chart("CPU of the whole conference (relay + all participants, one process)", "participants",
                "% of one core").integerX();
        runs.forEach(run -> chart.add(run.codec(), run.participants(), run.all().cpuPercent()));
        return chart;
    }

    /** @return the percentiles the run has samples for: p0, then 1 - 10^(-k/10) while 1/(1-p) <= samples */
    private static List<Double> percentilesOf(ConferenceRun run) {
        long samples = run.latency().stats().count();
        List<Double> points = new ArrayList<>();
        for (int k = 0; k <= STEPS_PER_DECADE * DECADES; k++) {
            double oneIn = Math.pow(10, (double) k / STEPS_PER_DECADE);
            if (oneIn > samples) {
                break;
            }
            points.add(1 - 1 / oneIn);
        }
        return points;
    }
}
