package dev.vc.bench.netlab;

import dev.vc.bench.report.Chart;
import dev.vc.bench.report.CsvTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link NetLabBench}'s files: five CSV tables over every scenario ({@code netlab-links.csv},
 * {@code netlab-ticks.csv}: the shaped link every tenth of a second, {@code netlab-members.csv},
 * {@code netlab-streams.csv}, {@code netlab-phases.csv}: utilisation and drop reaction per capacity phase) and
 * three charts per scenario over time ({@code netlab-<scenario>-rate.png}: capacity, what was offered to the link,
 * what passed it, and the estimate of the shaped direction; {@code -queue.png}: queueing delay; {@code -fps.png}:
 * fps per stream that crosses the shaped link).
 */
final class NetLabReport {
    private final List<NetLabResult> results;

    /** @param results every scenario run */
    NetLabReport(List<NetLabResult> results) {
        this.results = List.copyOf(results);
    }

    /**
     * @param dir the output directory
     * @return the files written
     * @throws IOException if one cannot be written
     */
    List<Path> write(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(write(links(), dir.resolve("netlab-links.csv")));
        files.add(write(ticks(), dir.resolve("netlab-ticks.csv")));
        files.add(write(members(), dir.resolve("netlab-members.csv")));
        files.add(write(streams(), dir.resolve("netlab-streams.csv")));
        files.add(write(phases(), dir.resolve("netlab-phases.csv")));
        for (NetLabResult r : results) {
            String name = r.scenario().name();
            files.add(write(rateChart(r), dir.resolve("netlab-" + name + "-rate.png")));
            files.add(write(queueChart(r), dir.resolve("netlab-" + name + "-queue.png")));
            files.add(write(fpsChart(r), dir.resolve("netlab-" + name + "-fps.png")));
        }
        return files;
    }

    CsvTable links() {
        CsvTable table = new CsvTable("scenario", "t", "link", "capacity_kbps", "offered_kbps", "through_kbps",
                "offered_pps", "packets", "drops", "queue_ms_mean", "queue_ms_max", "estimate_kbps", "probe_clusters",
                "cap_requests", "paced", "paced_early", "load_avg");
        for (NetLabResult r : results) {
            for (LinkSecond s : r.link()) {
                double estimate = r.edgeEstimateKbps(s.t());
                table.row(r.scenario().name(), s.t(), s.link(), s.capacityKbps(), r.offeredKbps(s.t()),
                        s.kbpsThrough(), s.packets() + s.drops(), s.packets(), s.drops(), s.queueMsMean(), s.queueMsMax(),
                        Double.isNaN(estimate) ? "" : estimate, r.relayTotal(s.t(), "probe_clusters"),
                        r.relayTotal(s.t(), "cap_requests"), r.relayTotal(s.t(), "paced"),
                        r.relayTotal(s.t(), "paced_early"), r.loadAfter());
            }
        }
        return table;
    }

    CsvTable ticks() {
        CsvTable table = new CsvTable("scenario", "t_ms", "capacity_kbps", "arrived_kbps", "queue_ms", "drops");
        for (NetLabResult r : results) {
            for (LinkTick t : r.ticks()) {
                table.row(r.scenario().name(), t.endMillis(), t.capacityBps() / 1000.0, t.arrivedKbps(),
                        t.queueMillis(), t.drops());
            }
        }
        return table;
    }

    CsvTable members() {
        CsvTable table = new CsvTable("scenario", "t", "who", "fps_sent", "kbps_sent", "estimate_kbps",
                "kbps_received", "keyframes", "retransmissions", "plis_received", "nacks_received", "rtt_ms");
        for (NetLabResult r : results) {
            for (LabLine l : r.lines()) {
                if (l.kind().equals("member")) {
                    table.row(r.scenario().name(), l.text("t"), l.text("who"), l.text("fps_sent"), l.text("kbps_sent"),
                            l.text("estimate_kbps"), l.text("kbps_received"), l.text("keyframes"),
                            l.text("retransmissions"), l.text("plis_received"), l.text("nacks_received"),
                            l.text("rtt_ms"));
                }
            }
        }
        return table;
    }

    CsvTable streams() {
        CsvTable table = new CsvTable("scenario", "t", "receiver", "sender", "fps", "kbps", "latency_p50_ms",
                "latency_p95_ms", "gap_max_ms");
        for (NetLabResult r : results) {
            for (LabLine l : r.lines()) {
                if (l.kind().equals("stream")) {
                    table.row(r.scenario().name(), l.text("t"), l.text("who"), l.text("from"), l.text("fps"),
                            l.text("kbps"), l.text("latency_p50_ms"), l.text("latency_p95_ms"), l.text("gap_max_ms"));
                }
            }
        }
        return table;
    }

    CsvTable phases() {
        CsvTable table = new CsvTable("scenario", "from_s", "to_s", "capacity_kbps", "utilisation_steady",
                "drop_reaction_s");
        for (NetLabResult r : results) {
            for (NetLabResult.Phase p : r.phases()) {
                table.row(r.scenario().name(), p.fromSecond(), p.toSecond(), p.capacityKbps(),
                        Double.isNaN(p.utilisation()) ? "" : String.format(java.util.Locale.ROOT, "%.3f", p.utilisation()),
                        Double.isNaN(p.reactionSeconds()) ? "" : Double.isInfinite(p.reactionSeconds()) ? "never"
                                : String.format(java.util.Locale.ROOT, "%.1f", p.reactionSeconds()));
            }
        }
        return table;
    }

    Chart rateChart(NetLabResult r) {
        String link = r.link().isEmpty() ? "link" : r.link().get(0).link();
        Chart chart = new Chart(r.scenario().name() + ": " + link + ", rates per second", "time (s)", "kbit/s")
                .linesOnly();
        for (LinkSecond s : r.link()) {
            chart.add("capacity", s.t(), s.capacityKbps());
            chart.add(r.scenario().downlink() ? "sending rate (relay to the edge)" : "sending rate (edge sender, first sends)",
                    s.t(), r.offeredKbps(s.t()));
            chart.add("through the link", s.t(), s.kbpsThrough());
            double estimate = r.edgeEstimateKbps(s.t());
            if (!Double.isNaN(estimate)) {
                chart.add(r.scenario().downlink() ? "relay's downlink estimate" : "sender's uplink estimate", s.t(),
                        estimate);
            }
        }
        return chart;
    }

    Chart queueChart(NetLabResult r) {
        Chart chart = new Chart(r.scenario().name() + ": queueing delay at the bottleneck (backlog / rate)",
                "time (s)", "ms").linesOnly();
        for (LinkSecond s : r.link()) {
            chart.add("max of the second", s.t(), s.queueMsMax());
            chart.add("mean of the second", s.t(), s.queueMsMean());
        }
        return chart;
    }

    Chart fpsChart(NetLabResult r) {
        Chart chart = new Chart(r.scenario().name() + ": frames rendered per second, streams crossing the link",
                "time (s)", "fps").linesOnly();
        for (LabLine l : r.lines()) {
            if (!l.kind().equals("stream")) {
                continue;
            }
            if (r.crossesLink(l.text("who"), l.text("from"))) {
                chart.add(l.text("from") + " -> " + l.text("who"), l.number("t"), l.number("fps"));
            }
        }
        return chart;
    }

    private static Path write(CsvTable table, Path file) throws IOException {
        table.write(file);
        return file;
    }

    private static Path write(Chart chart, Path file) throws IOException {
        chart.writePng(file);
        return file;
    }
}
