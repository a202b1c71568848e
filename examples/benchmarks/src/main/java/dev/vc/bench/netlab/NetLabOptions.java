package dev.vc.bench.netlab;

import dev.vc.api.ConfigException;
import dev.vc.bench.faults.impair.Impairment;
import dev.vc.examples.client.cli.Flags;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@link NetLabBench}'s command line. Every value is bounded, so a run is bounded in time: at most 4 scenarios x
 * (start-up + warm-up + 300 s).
 *
 * @param scenarios    names from {@link Scenario#NAMES}, run in this order
 * @param participants room size of {@code weak-receiver} and {@code weak-sender}, 2..10
 * @param seconds      measured seconds of each scenario, 5..300
 * @param warmup       seconds everyone sends before second 0 (shaping already on), 0..30
 * @param rateKbps     the narrow link's capacity in kbit/s for the constant scenarios, or empty for each one's
 *                     default (2000, 500, -, 2000)
 * @param queueMillis  the bottleneck's drop-tail queue, milliseconds at its rate, 10..1000 (RFC 8867: 300)
 * @param burstBytes   the token bucket's burst, 1600..1000000 bytes
 * @param codec        every participant's encoder, e.g. {@code h264}
 * @param path         what an impairing proxy in the edge namespace does to each edge participant's media, both
 *                     ways, on top of the shaped link (e.g. a one-way delay), or {@link Impairment#NONE} for no
 *                     proxy
 * @param out          directory for the CSV files, the charts and the members' logs
 */
public record NetLabOptions(List<String> scenarios, int participants, int seconds, int warmup, OptionalInt rateKbps,
                            int queueMillis, int burstBytes, String codec, Impairment path, Path out) {
    /** Validates the ranges. */
    public NetLabOptions {
        scenarios = List.copyOf(scenarios);
        if (scenarios.isEmpty() || !Scenario.NAMES.containsAll(scenarios)) {
            throw new ConfigException("--scenarios needs names from " + Scenario.NAMES + ", got " + scenarios);
        }
        Flags.check("--participants", participants, 2, 10);
        Flags.check("--seconds", seconds, 5, 300);
        Flags.check("--warmup", warmup, 0, 30);
        if (rateKbps.isPresent()) {
            Flags.check("--rate-kbps", rateKbps.getAsInt(), 50, 100_000);
        }
        Flags.check("--queue-ms", queueMillis, 10, 1000);
        Flags.check("--burst-bytes", burstBytes, 1600, 1_000_000);
        if (path == null) {
            throw new ConfigException("--path needs an impairment, e.g. none or delay:50");
        }
        if (out == null) {
            throw new ConfigException("--out needs a directory");
        }
    }

    /**
     * @param args the command line
     * @return the options; defaults: every scenario, 5 participants, 30 s after 2 s of warm-up, a 300 ms queue
     *         and a 10 KiB burst, {@code h264}, no impairing proxy, into {@code target/bench/netlab}
     * @throws ConfigException on an unknown flag, a missing or bad value ({@code --help} throws the usage)
     */
    public static NetLabOptions parse(String... args) {
        Flags flags = Flags.parse(args, usage(), List.of(), List.of("--scenarios", "--participants", "--seconds",
                "--warmup", "--rate-kbps", "--queue-ms", "--burst-bytes", "--codec", "--path", "--out"));
        return new NetLabOptions(flags.strings("--scenarios", Scenario.NAMES), flags.integer("--participants", 5),
                flags.integer("--seconds", 30), flags.integer("--warmup", 2),
                flags.has("--rate-kbps") ? OptionalInt.of(flags.integer("--rate-kbps", 0)) : OptionalInt.empty(),
                flags.integer("--queue-ms", 300), flags.integer("--burst-bytes", 10_240),
                flags.string("--codec", "h264"), Impairment.parse(flags.string("--path", "none")),
                flags.directory("--out", Path.of("target", "bench", "netlab")));
    }

    /** @return the usage text */
    public static String usage() {
        return """
                usage: NetLabBench [--scenarios weak-receiver,weak-sender,variable,shared] [--participants N]
                                   [--seconds S] [--warmup S] [--rate-kbps K] [--queue-ms MS] [--burst-bytes B]
                                   [--codec C] [--path SPEC] [--out DIR]
                  runs a relay and participants in network namespaces joined by veth links, one direction of the
                  edge link shaped by a token bucket (root and iproute2 needed); defaults: every scenario,
                  --participants 5 --seconds 30 --warmup 2 --queue-ms 300 --burst-bytes 10240 --codec h264
                  --out target/bench/netlab; --rate-kbps defaults to 2000 (weak-receiver, shared) and 500
                  (weak-sender); --path SPEC (none by default, e.g. delay:50+random:1) puts an impairing proxy
                  on the edge participants' media path, both ways, in the edge namespace; SPEC has\s""" + Impairment.SYNTAX;
    }
}
