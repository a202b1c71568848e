package dev.vc.bench.conference;

import dev.vc.api.ConfigException;
import dev.vc.examples.client.cli.Flags;

import java.nio.file.Path;
import java.util.List;

/**
 * {@link ConferenceBench}'s command line. Every value is bounded, so a sweep is bounded in threads and time:
 * at most 8 codecs x 8 room sizes x (warm-up + window).
 *
 * @param codecs       encoder provider names, run in this order, e.g. {@code h264}, {@code jpeg}
 * @param participants room sizes, each 2..16, run in this order for each codec
 * @param seconds      measured window of each run, 1..3600
 * @param warmup       seconds each run sends before its window opens, excluded from every figure, 0..60
 * @param out          directory for {@code conference.csv}, {@code latency.png} and {@code cpu.png}
 */
public record ConferenceBenchOptions(List<String> codecs, List<Integer> participants, int seconds, int warmup,
                                     Path out) {
    /** Most codecs or room sizes in one sweep. */
    public static final int MAX_LIST = 8;

    /** Validates the ranges and copies the lists. */
    public ConferenceBenchOptions {
        codecs = List.copyOf(codecs);
        participants = List.copyOf(participants);
        if (codecs.isEmpty() || codecs.size() > MAX_LIST) {
            throw new ConfigException("--codecs needs 1.." + MAX_LIST + " names, got " + codecs.size());
        }
        if (participants.isEmpty() || participants.size() > MAX_LIST) {
            throw new ConfigException("--participants needs 1.." + MAX_LIST + " sizes, got " + participants.size());
        }
        for (int n : participants) {
            Flags.check("--participants", n, 2, 16);
        }
        Flags.check("--seconds", seconds, 1, 3600);
        Flags.check("--warmup", warmup, 0, 60);
        if (out == null) {
            throw new ConfigException("--out needs a directory");
        }
    }

    /** @return how many runs the sweep makes: every codec with every room size */
    public int runs() {
        return codecs.size() * participants.size();
    }

    /**
     * @param args the command line
     * @return the options; defaults: {@code h264,jpeg,h264-jcodec} with 2, 3 and 5 participants, 20 s after 3 s
     *         of warm-up, into {@code target/bench/conference}
     * @throws ConfigException on an unknown flag, a missing or bad value ({@code --help} throws the usage)
     */
    public static ConferenceBenchOptions parse(String... args) {
        Flags flags = Flags.parse(args, usage(), List.of(),
                List.of("--codecs", "--participants", "--seconds", "--warmup", "--out"));
        return new ConferenceBenchOptions(flags.strings("--codecs", List.of("h264", "jpeg", "h264-jcodec")),
                flags.integers("--participants", List.of(2, 3, 5)), flags.integer("--seconds", 20),
                flags.integer("--warmup", 3), flags.directory("--out", Path.of("target", "bench", "conference")));
    }

    /** @return the usage text */
    public static String usage() {
        return """
                usage: ConferenceBench [--codecs C1,C2,...] [--participants N1,N2,...] [--seconds S] [--warmup S]
                                       [--out DIR]
                  runs a relay and N participants on 127.0.0.1 (synthetic camera 640x480 at 30 fps, headless
                  renderer) for every codec and room size in turn; defaults: --codecs h264,jpeg,h264-jcodec
                  --participants 2,3,5 --seconds 20 --warmup 3 --out target/bench/conference""";
    }
}
