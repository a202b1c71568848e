package dev.vc.bench.relayload;

import dev.vc.bench.MediaMode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link RelayLoad}'s runs of the same load in several media modes, pooled by mode (rounds added up) and set
 * against plain RTP. Two capacity ratios SRTP/plain: by the relay media thread's CPU per forwarded packet
 * ({@code plain ns / srtp ns}: the relay's capacity when it is the bottleneck, valid while the runs are not
 * saturated, i.e. lose next to nothing) and by forwarded packets per second (the one to read when the runs are
 * saturated). A figure that cannot be had (no plain run, no CPU or allocation sample) is -1 and printed as
 * {@code n/a}.
 */
final class MediaComparison {
    private final List<Row> rows = new ArrayList<>();

    /**
     * One mode's pooled figures.
     *
     * @param media                  the mode
     * @param runs                   windows pooled
     * @param forwardedPps           forwarded packets per second over all its windows
     * @param lossPercent            end-to-end loss over all its windows
     * @param cpuNanosPerForwarded   relay media thread CPU per forwarded packet, or -1
     * @param bytesPerForwarded      relay media thread allocation per forwarded packet, or -1
     * @param cpuCapacityRatio       plain's CPU per forwarded packet over this mode's, or -1
     * @param throughputRatio        this mode's forwarded rate over plain's, or -1
     * @param authenticated          packets the checking receiver found authentic, or -1 for plain
     * @param authFailed             packets it refused, or -1 for plain
     */
    record Row(MediaMode media, int runs, double forwardedPps, double lossPercent, double cpuNanosPerForwarded,
               double bytesPerForwarded, double cpuCapacityRatio, double throughputRatio, long authenticated,
               long authFailed) {
    }

    /** @param runs the runs, any order, any number per mode */
    MediaComparison(List<RelayLoadSummary> runs) {
        Map<MediaMode, List<RelayLoadSummary>> byMode = new EnumMap<>(MediaMode.class);
        for (RelayLoadSummary run : runs) {
            byMode.computeIfAbsent(run.media(), m -> new ArrayList<>()).add(run);
        }
        List<RelayLoadSummary> plainRuns = byMode.get(MediaMode.PLAIN);
        double plainNanos = plainRuns == null ? -1 : nanosPerForwarded(plainRuns);
        double plainPps = plainRuns == null ? -1 : forwardedPps(plainRuns);
        for (Map.Entry<MediaMode, List<RelayLoadSummary>> e : byMode.entrySet()) {
            List<RelayLoadSummary> mine = e.getValue();
            double nanos = nanosPerForwarded(mine);
            double pps = forwardedPps(mine);
            rows.add(new Row(e.getKey(), mine.size(), pps, lossPercent(mine), nanos, bytesPerForwarded(mine),
                    plainNanos > 0 && nanos > 0 ? plainNanos / nanos : -1,
                    plainPps > 0 && pps >= 0 ? pps / plainPps : -1,
                    sum(mine, RelayLoadSummary::authenticated), sum(mine, RelayLoadSummary::authFailed)));
        }
    }

    /** @return one row per mode, plain first */
    List<Row> rows() {
        return List.copyOf(rows);
    }

    private static double forwardedPps(List<RelayLoadSummary> runs) {
        long forwarded = sum(runs, RelayLoadSummary::forwarded);
        long nanos = sum(runs, RelayLoadSummary::windowNanos);
        return forwarded < 0 ? -1 : forwarded / (nanos / 1e9);
    }

    private static double nanosPerForwarded(List<RelayLoadSummary> runs) {
        long cpu = sum(runs, RelayLoadSummary::forwardingCpuNanos);
        long forwarded = sum(runs, RelayLoadSummary::forwarded);
        return cpu < 0 || forwarded <= 0 ? -1 : (double) cpu / forwarded;
    }

    private static double bytesPerForwarded(List<RelayLoadSummary> runs) {
        long bytes = sum(runs, RelayLoadSummary::forwardingAllocated);
        long forwarded = sum(runs, RelayLoadSummary::forwarded);
        return bytes < 0 || forwarded <= 0 ? -1 : (double) bytes / forwarded;
    }

    private static double lossPercent(List<RelayLoadSummary> runs) {
        long expected = 0;
        long received = 0;
        for (RelayLoadSummary run : runs) {
            expected += run.offered() * run.fanout();
            received += run.received();
        }
        return expected == 0 ? 0 : Math.max(0, 100.0 * (expected - received) / expected);
    }

    /** @return the sum over the runs, or -1 if any run lacks the figure */
    private static long sum(List<RelayLoadSummary> runs, java.util.function.ToLongFunction<RelayLoadSummary> field) {
        long total = 0;
        for (RelayLoadSummary run : runs) {
            long value = field.applyAsLong(run);
            if (value < 0) {
                return -1;
            }
            total += value;
        }
        return total;
    }

    /** @return a table, one line per mode */
    String report() {
        StringBuilder s = new StringBuilder();
        s.append("media comparison (same load, runs pooled by mode; capacity SRTP/plain by relay media thread CPU per"
                + " forwarded packet, and by forwarded rate)\n");
        s.append(String.format(Locale.ROOT, "  %-9s %4s %13s %7s %12s %10s %12s %12s %s%n", "media", "runs",
                "fwd pkt/s", "loss %", "ns/fwd pkt", "B/fwd pkt", "cap (cpu)", "cap (pkt/s)", "srtp checked"));
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "  %-9s %4d %13s %7.3f %12s %10s %12s %12s %s%n", r.media(), r.runs(),
                    num(r.forwardedPps(), 0), r.lossPercent(), num(r.cpuNanosPerForwarded(), 0),
                    num(r.bytesPerForwarded(), 1), percent(r.cpuCapacityRatio()), percent(r.throughputRatio()),
                    r.authenticated() < 0 ? "-" : r.authenticated() + " ok, " + r.authFailed() + " refused"));
        }
        return s.toString();
    }

    /** @return one {@code COMPARE key=value ...} line per mode, for scripts */
    List<String> resultLines() {
        List<String> lines = new ArrayList<>();
        for (Row r : rows) {
            lines.add(String.format(Locale.ROOT, "COMPARE media=%s runs=%d forwarded_pps=%s loss_pct=%.3f "
                            + "fwd_ns_per_pkt=%s alloc_b_per_fwd=%s capacity_ratio_cpu=%s capacity_ratio_pps=%s "
                            + "srtp_authenticated=%d srtp_refused=%d", r.media(), r.runs(), num(r.forwardedPps(), 0),
                    r.lossPercent(), num(r.cpuNanosPerForwarded(), 0), num(r.bytesPerForwarded(), 2),
                    num(r.cpuCapacityRatio(), 3), num(r.throughputRatio(), 3), r.authenticated(), r.authFailed()));
        }
        return lines;
    }

    private static String num(double value, int decimals) {
        return value < 0 ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String percent(double ratio) {
        return ratio < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * ratio);
    }
}
