package dev.vc.examples;

import dev.vc.api.ConfigException;

import java.nio.file.Path;

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
        check("--from", from, 1, 100);
        check("--step", step, 1, 50);
        check("--max", max, from, 100);
        if (!(lossLimit >= 0 && lossLimit <= 100)) {
            throw new ConfigException("--loss-limit must be in 0..100 (%), got " + lossLimit);
        }
        check("--seconds", seconds, 1, 600);
        check("--warmup", warmup, 0, 60);
    }

    /**
     * @param args the command line
     * @return the options; defaults: from 10 rooms, step 2, max 40, loss limit 1 %, relay only, 10 s + 3 s
     *         warm-up, into {@code target/bench/relay}
     * @throws ConfigException on an unknown flag or a bad value
     */
    public static RelaySweepOptions parse(String... args) {
        int from = 10;
        int step = 2;
        int max = 40;
        double lossLimit = 1.0;
        boolean ceiling = false;
        int seconds = 10;
        int warmup = 3;
        Path out = Path.of("target", "bench", "relay");
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--ceiling")) {
                ceiling = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new ConfigException("missing value after " + flag + "\n" + usage());
            }
            String value = args[++i];
            switch (flag) {
                case "--from" -> from = parseInt(flag, value);
                case "--step" -> step = parseInt(flag, value);
                case "--max" -> max = parseInt(flag, value);
                case "--loss-limit" -> lossLimit = parseDouble(flag, value);
                case "--seconds" -> seconds = parseInt(flag, value);
                case "--warmup" -> warmup = parseInt(flag, value);
                case "--out" -> out = Path.of(value);
                default -> throw new ConfigException("unknown option " + flag + "\n" + usage());
            }
        }
        return new RelaySweepOptions(from, step, Math.max(max, from), lossLimit, ceiling, seconds, warmup, out);
    }

    private static void check(String flag, int value, int min, int maxValue) {
        if (value < min || value > maxValue) {
            throw new ConfigException(flag + " must be in " + min + ".." + maxValue + ", got " + value);
        }
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " needs a whole number, got '" + value + "'", e);
        }
    }

    private static double parseDouble(String flag, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " needs a number, got '" + value + "'", e);
        }
    }

    /** @return the usage line */
    public static String usage() {
        return "usage: RelaySweep [--from ROOMS] [--step ROOMS] [--max ROOMS] [--loss-limit PCT] [--ceiling]"
                + " [--seconds N] [--warmup N] [--out DIR]";
    }
}
