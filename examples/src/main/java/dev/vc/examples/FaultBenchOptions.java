package dev.vc.examples;

import dev.vc.api.ConfigException;
import dev.vc.examples.impair.Impairment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link FaultBench}'s command line. Every value is bounded, so a run is bounded in participants and time.
 *
 * @param participants participants in the room, 2..8, each behind its own impairing link
 * @param codec        encoder provider name ({@code h264}, {@code jpeg}, {@code h264-jcodec})
 * @param seconds      measured window of each scenario, 1..600
 * @param warmup       seconds before the window, unimpaired (joins, first keyframes, JIT), 0..60
 * @param scenarios    impairment specs, run in order (see {@link Impairment#parse}), 1..20 of them
 * @param links        which directions of each participant's link are impaired
 * @param seed         seeds every link's random draws (link i uses {@code seed + i})
 * @param out          directory for {@code faults.csv} and the charts
 */
public record FaultBenchOptions(int participants, String codec, int seconds, int warmup, List<String> scenarios,
                                Links links, long seed, Path out) {
    /** The default scenario list. */
    public static final String DEFAULT_SCENARIOS = "none,random:1,random:5,random:10,bursty:5,reorder:5,duplicate:5";

    /** Which directions of a participant's link are impaired. */
    public enum Links {
        /** Participant to relay and relay to participant: a stream crosses two impaired hops. */
        BOTH,
        /** Participant to relay only (its own stream, its feedback). */
        UP,
        /** Relay to participant only (the streams it receives, the feedback it gets). */
        DOWN;

        /** @return whether the participant-to-relay direction is impaired */
        public boolean up() {
            return this != DOWN;
        }

        /** @return whether the relay-to-participant direction is impaired */
        public boolean down() {
            return this != UP;
        }
    }

    /** Validates the ranges and every scenario spec. */
    public FaultBenchOptions {
        check("--participants", participants, 2, 8);
        check("--seconds", seconds, 1, 600);
        check("--warmup", warmup, 0, 60);
        if (scenarios.isEmpty() || scenarios.size() > 20) {
            throw new ConfigException("--scenarios needs 1..20 scenarios, got " + scenarios.size());
        }
        scenarios.forEach(Impairment::parse);
        scenarios = List.copyOf(scenarios);
    }

    /**
     * @param args the command line
     * @return the options; defaults: 3 participants, h264, the {@link #DEFAULT_SCENARIOS}, 20 s each after 3 s of
     *         warm-up, both directions impaired, seed 1, output in {@code target/bench/faults}
     * @throws ConfigException on an unknown flag or a bad value
     */
    public static FaultBenchOptions parse(String... args) {
        int participants = 3;
        String codec = "h264";
        int seconds = 20;
        int warmup = 3;
        String scenarios = DEFAULT_SCENARIOS;
        Links links = Links.BOTH;
        long seed = 1;
        Path out = Path.of("target", "bench", "faults");
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new ConfigException(usage());
            }
            if (i + 1 >= args.length) {
                throw new ConfigException("missing value after " + flag + "\n" + usage());
            }
            String value = args[++i];
            switch (flag) {
                case "--participants" -> participants = parseInt(flag, value);
                case "--codec" -> codec = value;
                case "--seconds" -> seconds = parseInt(flag, value);
                case "--warmup" -> warmup = parseInt(flag, value);
                case "--scenarios" -> scenarios = value;
                case "--links" -> links = parseLinks(value);
                case "--seed" -> seed = parseLong(flag, value);
                case "--out" -> out = Path.of(value);
                default -> throw new ConfigException("unknown option " + flag + "\n" + usage());
            }
        }
        List<String> list = new ArrayList<>();
        for (String s : scenarios.split(",")) {
            if (!s.isBlank()) {
                list.add(s.trim());
            }
        }
        return new FaultBenchOptions(participants, codec, seconds, warmup, list, links, seed, out);
    }

    private static Links parseLinks(String value) {
        try {
            return Links.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--links must be both, up or down, got '" + value + "'", e);
        }
    }

    private static void check(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(flag + " must be in " + min + ".." + max + ", got " + value);
        }
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " needs a whole number, got '" + value + "'", e);
        }
    }

    private static long parseLong(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " needs a whole number, got '" + value + "'", e);
        }
    }

    /** @return the usage text */
    public static String usage() {
        return """
                usage: FaultBench [--participants N] [--codec NAME] [--seconds S] [--warmup S]
                                  [--scenarios SPEC,SPEC,...] [--links both|up|down] [--seed N] [--out DIR]
                  defaults: 3 participants, h264 640x480 at 30 fps, 20 s per scenario after 3 s unimpaired,
                  both directions impaired, seed 1, out target/bench/faults, scenarios
                """ + "  " + DEFAULT_SCENARIOS + "\n  scenario " + Impairment.SYNTAX;
    }
}
