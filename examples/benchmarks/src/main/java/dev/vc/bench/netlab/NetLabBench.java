package dev.vc.bench.netlab;

import dev.vc.api.ConfigException;
import dev.vc.examples.client.cli.Mains;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network lab benchmark (issue #12 item 6): for each scenario asked for, a fresh {@link Lab} of network
 * namespaces, a relay and participants as child JVMs ({@link LabMember}) on both sides of a veth link, one
 * direction of it shaped by a kernel token bucket ({@link Scenario}). It prints a summary per scenario and writes
 * per-second CSV tables and charts ({@link NetLabReport}). Needs root and iproute2; {@code netem} is not needed:
 * delay and random loss come from the impairing proxy ({@code dev.vc.bench.faults.impair}), which
 * {@code --path delay:50+random:1} puts on the edge participants' media path, both ways, behind the shaper.
 * RFC 8867's test cases use a 50 ms one-way delay; without {@code --path} the round trip is the machine's.
 *
 * <pre>
 * java -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.netlab.NetLabBench \
 *      --scenarios weak-receiver,weak-sender,variable --seconds 30 --path delay:50 --out target/bench/netlab
 * </pre>
 *
 * <p>Exit status 0 when every scenario ran, 1 on bad options or when the lab cannot be built here.
 */
public final class NetLabBench {
    private final NetLabOptions options;
    private final PrintStream out;
    private final String modulePath;

    /**
     * @param options    what to run
     * @param out        where to print
     * @param modulePath the module path of the member JVMs (one holding {@code dev.vc.bench})
     */
    public NetLabBench(NetLabOptions options, PrintStream out, String modulePath) {
        this.options = options;
        this.out = out;
        this.modulePath = modulePath;
    }

    /**
     * Entry point: runs the scenarios, prints, writes the files and exits (see the class comment for the status).
     *
     * @param args see {@link NetLabOptions#usage()}
     */
    public static void main(String[] args) {
        Mains.exit("vc netlab bench", () -> {
            NetLabOptions options = NetLabOptions.parse(args);
            String unavailable = Lab.unavailableBecause();
            if (unavailable != null) {
                throw new ConfigException("no network lab on this machine: " + unavailable);
            }
            NetLabBench bench = new NetLabBench(options, System.out, dev.vc.bench.ChildJvm.currentModulePath());
            bench.write(bench.run());
            return 0;
        });
    }

    /**
     * @return every scenario's result, in order
     * @throws IOException          if a lab cannot be built or a member fails
     * @throws InterruptedException if interrupted
     */
    public List<NetLabResult> run() throws IOException, InterruptedException {
        List<NetLabResult> results = new ArrayList<>();
        NetLabRun runner = new NetLabRun(options, modulePath);
        for (String name : options.scenarios()) {
            Scenario scenario = Scenario.named(name, options);
            out.printf(Locale.ROOT, "%n%s: %s, %s %dx%d at 30 fps, %d s after %d s warm-up, queue %d ms, burst %d B, "
                            + "edge media path %s%n", name, scenario.describe(), options.codec(), 640, 480,
                    options.seconds(), options.warmup(), options.queueMillis(), options.burstBytes(),
                    options.path().spec());
            NetLabResult result = runner.run(scenario);
            print(result);
            results.add(result);
        }
        return results;
    }

    /**
     * @param results what {@link #run()} returned
     * @throws IOException if a file cannot be written
     */
    public void write(List<NetLabResult> results) throws IOException {
        for (Path file : new NetLabReport(results).write(options.out())) {
            out.println("wrote " + file);
        }
    }

    private void print(NetLabResult r) {
        Scenario s = r.scenario();
        int half = r.secondHalf();
        int end = r.seconds();
        out.printf(Locale.ROOT, "load average %s before, %s after%n", r.loadBefore(), r.loadAfter());
        out.printf(Locale.ROOT, "link: %.0f %% of capacity used (mean), %,d of %,d packets dropped (%.1f %%), "
                        + "queueing delay p95 of per-second max %.0f ms%n", 100 * r.utilisation(1, end), r.drops(),
                r.offered(), 100 * r.dropFraction(), r.queueMsP95());
        StringBuilder path = new StringBuilder("edge media path " + options.path().spec());
        if (!options.path().isNone()) {
            path.append(String.format(Locale.ROOT, " (both ways): %,.0f packets in, %,.0f lost, %,.0f overflowed",
                    r.pathTotal("packets_in"), r.pathTotal("lost"), r.pathTotal("overflowed")));
        }
        path.append("; round trip from RTCP, median:");
        for (String who : s.edge()) {
            path.append(String.format(Locale.ROOT, " %s %.0f ms", who, r.roundTripMedianMs(who)));
        }
        out.println(path);
        out.printf(Locale.ROOT, "fps, mean over seconds %d-%d (whole run in brackets):%n", half, end);
        for (String receiver : s.everyone()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-3s receives", receiver));
            for (String sender : s.everyone()) {
                if (!sender.equals(receiver)) {
                    row.append(String.format(Locale.ROOT, "  %s %4.1f (%4.1f)", sender, r.fps(receiver, sender, half, end),
                            r.fps(receiver, sender, 1, end)));
                }
            }
            row.append(String.format(Locale.ROOT, " | sent %.0f kbit/s, %d keyframes, %d retransmissions",
                    r.memberTotal(receiver, "kbps_sent") / end, (long) r.memberTotal(receiver, "keyframes"),
                    (long) r.memberTotal(receiver, "retransmissions")));
            out.println(row);
        }
        StringBuilder gaps = new StringBuilder("longest gap between rendered frames, streams crossing the link:");
        for (String receiver : s.everyone()) {
            for (String sender : s.everyone()) {
                if (r.crossesLink(receiver, sender)) {
                    gaps.append(String.format(Locale.ROOT, "  %s->%s %.0f ms", sender, receiver,
                            r.longestGapMs(receiver, sender)));
                }
            }
        }
        out.println(gaps);
        if (s.capacity().steps().size() > 1) {
            for (NetLabResult.Phase p : r.phases()) {
                out.printf(Locale.ROOT, "  phase %4.1f-%4.1f s at %4.0f kbit/s: utilisation %3.0f %% after its first %d s%s%n",
                        p.fromSecond(), p.toSecond(), p.capacityKbps(), 100 * p.utilisation(),
                        NetLabResult.SETTLE_SECONDS, Double.isNaN(p.reactionSeconds()) ? ""
                                : Double.isInfinite(p.reactionSeconds()) ? ", sending rate never below it"
                                : String.format(Locale.ROOT, ", sending rate below it %.1f s after the drop",
                                p.reactionSeconds()));
            }
        }
    }
}
