package dev.vc.bench.relayload;

import dev.vc.bench.report.Chart;
import dev.vc.bench.report.CsvTable;
import dev.vc.examples.client.cli.Mains;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What one relay can hold: {@link RelayLoad} with rooms of 10 at 600 kbit/s each, adding rooms until the loss
 * passes a limit (1 % by default), optionally with the raw forwarding ceiling at each point. Writes
 * {@code relay.csv} (one row per run) and {@code relay.png} (forwarded streams against loss).
 *
 * <pre>
 * java -XX:AutoBoxCacheMax=65536 -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.relayload.RelaySweep --from 10 --step 2 --ceiling
 * </pre>
 *
 * <p>Each point runs in a fresh relay. The machine is shared by the relay, the load generator and the kernel's
 * loopback work, so {@code others_cpu_pct} in the CSV tells whether something else disturbed a point.
 */
public final class RelaySweep {
    /** Participants per room, as in the original system's rooms. */
    static final int ROOM_SIZE = 10;
    /** Held so the level set in {@link #main} is not collected with the logger. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("dev.vc");

    private final RelaySweepOptions options;
    private final PrintStream out;

    /**
     * @param options what to sweep
     * @param out     where to print progress
     */
    public RelaySweep(RelaySweepOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Entry point; exits 1 on bad options or a failure to set up.
     *
     * @param args see {@link RelaySweepOptions#usage()}
     */
    public static void main(String[] args) {
        QUIET.setLevel(java.util.logging.Level.WARNING);
        Mains.exit("vc relay sweep", () -> {
            new RelaySweep(RelaySweepOptions.parse(args), System.out).run();
            return 0;
        });
    }

    /**
     * Runs the sweep and writes the CSV and the chart.
     *
     * @return every run's figures, in order
     * @throws IOException          if a socket or an output file cannot be opened
     * @throws InterruptedException if interrupted
     */
    public List<RelayLoadSummary> run() throws IOException, InterruptedException {
        List<RelayLoadSummary> runs = new ArrayList<>();
        for (int rooms = options.from(); rooms <= options.max(); rooms += options.step()) {
            RelayLoadSummary relay = point(rooms, false);
            runs.add(relay);
            if (options.ceiling()) {
                runs.add(point(rooms, true));
            }
            if (relay.lossPercent() > options.lossLimit()) {
                break;
            }
        }
        write(runs);
        return runs;
    }

    private RelayLoadSummary point(int rooms, boolean ceiling) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--rooms", Integer.toString(rooms), "--participants",
                Integer.toString(ROOM_SIZE), "--seconds", Integer.toString(options.seconds()), "--warmup",
                Integer.toString(options.warmup()), "--alloc"));
        if (ceiling) {
            args.add("--ceiling");
            args.add("--ceiling-rcvbuf");
            args.add(Integer.toString(4 << 20));  // the relay's default, so both have the same buffer
        }
        RelayLoadSummary summary = new RelayLoad(RelayLoadOptions.parse(args.toArray(String[]::new)),
                new PrintStream(PrintStream.nullOutputStream())).run().get(0);
        out.printf("%-7s %3d rooms, %5d streams: forwarded %7.0f pkt/s, loss %6.3f %%, forwarding thread %3.0f %%"
                        + " of a core, %.2f B/pkt, others %2.0f %% of the machine%n", summary.target(), rooms,
                streams(summary), summary.forwardedPps(), summary.lossPercent(), summary.forwardingCpuPercent(),
                summary.bytesPerForwarded(), summary.othersCpuPercentOfMachine());
        return summary;
    }

    private static int streams(RelayLoadSummary s) {
        return s.rooms() * s.participants() * (s.participants() - 1);
    }

    private void write(List<RelayLoadSummary> runs) throws IOException {
        CsvTable table = new CsvTable("target", "rooms", "participants", "streams_forwarded", "offered_pps",
                "forwarded_pps", "loss_pct", "forwarding_cpu_pct", "relay_cpu_pct", "cpu_ns_per_forwarded",
                "alloc_b_per_forwarded", "others_cpu_pct");
        Chart loss = new Chart("Relay loss by forwarded streams (rooms of 10, 600 kbit/s each)",
                "forwarded streams", "loss %");
        for (RelayLoadSummary s : runs) {
            table.row(s.target(), s.rooms(), s.participants(), streams(s), s.offeredPps(), s.forwardedPps(),
                    s.lossPercent(), s.forwardingCpuPercent(), s.relayCpuPercent(), s.cpuNanosPerForwarded(),
                    s.bytesPerForwarded(), s.othersCpuPercentOfMachine());
            loss.add(s.target(), streams(s), s.lossPercent());
        }
        table.write(options.out().resolve("relay.csv"));
        loss.writePng(options.out().resolve("relay.png"));
        out.println("wrote " + options.out().resolve("relay.csv") + " and relay.png");
    }
}
