package dev.vc.bench.conference;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** {@link ConferenceBench}'s text output: a table per run, and a summary of every run at the end. */
final class ConferenceTables {
    private static final String ROW = "%-5s %8.1f %9.1f %6.1f %7s %7.1f %7.1f %7.1f %7.1f %10.0f %10.0f %8d %6.1f%n";

    private final PrintStream out;

    /** @param out where to print */
    ConferenceTables(PrintStream out) {
        this.out = out;
    }

    /**
     * Prints one run: a row per participant, the room's row, and the room's drops by reason.
     *
     * @param run the run
     */
    void printRun(ConferenceRun run) {
        ConferenceFigures all = run.all();
        out.printf(Locale.ROOT, "%n%s, %d participants: %.1f s window | process CPU %.1f %% of a core, relay %.1f %%, "
                        + "GC %d ms, machine %s busy, kernel UDP buffer drops %s%n", run.codec(), run.participants(), all.seconds(),
                all.cpuPercent(), all.relayCpuPercent(), all.gcMillis(), orNa(all.machineBusyPercent(), "%.0f %%"),
                all.udpReceiveBufferErrors() < 0 ? "n/a" : Long.toString(all.udpReceiveBufferErrors()));
        out.printf(Locale.ROOT, "%-5s %8s %9s %6s %7s %7s %7s %7s %7s %10s %10s %8s %6s%n", "who", "sent fps",
                "recv fps", "min", "streams", "p50 ms", "p95 ms", "p99 ms", "max ms", "kbit/s out", "kbit/s in",
                "dropped", "CPU %");
        run.each().forEach(this::printRow);
        printRow(all);
        out.println("drops (" + ConferenceFigures.ALL + "): " + dropsByReason(all.drops()));
    }

    private void printRow(ConferenceFigures f) {
        out.printf(Locale.ROOT, ROW, f.who(), f.sentFps(), f.receivedFpsMean(), f.receivedFpsMin(),
                f.streamsReceived() + "/" + f.streamsExpected(), f.latency().p50(), f.latency().p95(),
                f.latency().p99(), f.latency().max(), f.kbpsSent(), f.kbpsReceived(), f.drops().frames(),
                f.cpuPercent());
    }

    /**
     * Prints one line per run with the room's figures.
     *
     * @param runs every run, in the order made
     */
    void printSummary(List<ConferenceRun> runs) {
        out.printf(Locale.ROOT, "%nsummary (room figures; kbit/s out is per participant)%n");
        out.printf(Locale.ROOT, "%-12s %3s %8s %9s %6s %7s %7s %7s %7s %10s %8s %6s %7s %9s %s%n", "codec", "N",
                "sent fps", "recv fps", "min", "p50 ms", "p95 ms", "p99 ms", "max ms", "kbit/s out", "dropped",
                "CPU %", "relay %", "machine %", "complete");
        for (ConferenceRun run : runs) {
            ConferenceFigures f = run.all();
            out.printf(Locale.ROOT, "%-12s %3d %8.1f %9.1f %6.1f %7.1f %7.1f %7.1f %7.1f %10.0f %8d %6.1f %7.1f %9s %s%n",
                    run.codec(), run.participants(), f.sentFps(), f.receivedFpsMean(), f.receivedFpsMin(),
                    f.latency().p50(), f.latency().p95(), f.latency().p99(), f.latency().max(),
                    f.kbpsSent() / run.participants(), f.drops().frames(), f.cpuPercent(), f.relayCpuPercent(),
                    orNa(f.machineBusyPercent(), "%.0f"), run.complete() ? "yes" : "NO");
        }
    }

    /** @return e.g. {@code capture ring full 3, decode behind 2}, or {@code none} */
    static String dropsByReason(FrameDrops drops) {
        StringBuilder text = new StringBuilder();
        List<Long> values = drops.values();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != 0) {
                String name = FrameDrops.COLUMNS.get(i).substring("drop_".length()).replace('_', ' ');
                text.append(text.length() == 0 ? "" : ", ").append(name).append(' ').append(values.get(i));
            }
        }
        return text.length() == 0 ? "none" : text.toString();
    }

    private static String orNa(double value, String format) {
        return value < 0 ? "n/a" : String.format(Locale.ROOT, format, value);
    }
}
