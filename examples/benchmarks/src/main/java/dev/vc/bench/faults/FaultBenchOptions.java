package dev.vc.bench.faults;

import dev.vc.api.ConfigException;
import dev.vc.bench.faults.impair.Impairment;
import dev.vc.examples.client.cli.Flags;

import java.nio.file.Path;
import java.util.Arrays;
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
    public static final String DEFAULT_SCENARIOS =
            "none,random:1,random:5,random:10,bursty:1,bursty:5,bursty:10,reorder:5,duplicate:5";

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
        Flags.check("--participants", participants, 2, 8);
        Flags.check("--seconds", seconds, 1, 600);
        Flags.check("--warmup", warmup, 0, 60);
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
        Flags flags = Flags.parse(args, usage(), List.of(), List.of("--participants", "--codec", "--seconds",
                "--warmup", "--scenarios", "--links", "--seed", "--out"));
        return new FaultBenchOptions(flags.integer("--participants", 3), flags.string("--codec", "h264"),
                flags.integer("--seconds", 20), flags.integer("--warmup", 3),
                scenarios(flags.string("--scenarios", DEFAULT_SCENARIOS)),
                parseLinks(flags.string("--links", "both")),
                flags.longInteger("--seed", 1), flags.directory("--out", Path.of("target", "bench", "faults")));
    }

    /** Splits the scenario list leniently: blank items (a trailing comma) are skipped, repeats are kept. */
    private static List<String> scenarios(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Links parseLinks(String value) {
        try {
            return Links.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--links must be both, up or down, got '" + value + "'", e);
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
