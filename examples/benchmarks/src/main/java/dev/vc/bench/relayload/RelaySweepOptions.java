package dev.vc.bench.relayload;

import dev.vc.api.ConfigException;
import dev.vc.examples.client.cli.Flags;

import java.nio.file.Path;
import java.util.List;

/**
 * {@link RelaySweep}'s command line.
 *
 * @param from      rooms of 10 at the first point, 1..100
 * @param step      rooms added at each next point, 1..50
 * @param max       rooms at which to stop even without loss, {@code from}..100
 * @param lossLimit loss (%) past which the sweep stops, 0..100
 * @param ceiling   also run the raw forwarding ceiling at every point
 * @param seconds   measured window per point, 1..600
 * @param warmup    seconds of traffic before each window, 0..60
 * @param out       directory for {@code relay.csv} and {@code relay.png}
 */
public record RelaySweepOptions(int from, int step, int max, double lossLimit, boolean ceiling, int seconds,
                                int warmup, Path out) {
    /** Validates the ranges. */
    public RelaySweepOptions {
        Flags.check("--from", from, 1, 100);
        Flags.check("--step", step, 1, 50);
        Flags.check("--max", max, from, 100);
        if (!(lossLimit >= 0 && lossLimit <= 100)) {
            throw new ConfigException("--loss-limit must be in 0..100 (%), got " + lossLimit);
        }
        Flags.check("--seconds", seconds, 1, 600);
        Flags.check("--warmup", warmup, 0, 60);
    }

    /**
     * @param args the command line
     * @return the options; defaults: from 10 rooms, step 2, max 40, loss limit 1 %, relay only, 10 s + 3 s
     *         warm-up, into {@code target/bench/relay}
     * @throws ConfigException on an unknown flag or a bad value
     */
    public static RelaySweepOptions parse(String... args) {
        Flags flags = Flags.parse(args, usage(), List.of("--ceiling"),
                List.of("--from", "--step", "--max", "--loss-limit", "--seconds", "--warmup", "--out"));
        int from = flags.integer("--from", 10);
        return new RelaySweepOptions(from, flags.integer("--step", 2), Math.max(flags.integer("--max", 40), from),
                flags.decimal("--loss-limit", 1.0), flags.has("--ceiling"), flags.integer("--seconds", 10),
                flags.integer("--warmup", 3), flags.directory("--out", Path.of("target", "bench", "relay")));
    }

    /** @return the usage line */
    public static String usage() {
        return "usage: RelaySweep [--from ROOMS] [--step ROOMS] [--max ROOMS] [--loss-limit PCT] [--ceiling]"
                + " [--seconds N] [--warmup N] [--out DIR]";
    }
}
