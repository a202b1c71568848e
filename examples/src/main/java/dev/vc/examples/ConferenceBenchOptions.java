package dev.vc.examples;

import dev.vc.api.ConfigException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
            check("--participants", n, 2, 16);
        }
        check("--seconds", seconds, 1, 3600);
        check("--warmup", warmup, 0, 60);
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
        List<String> codecs = List.of("h264", "jpeg", "h264-jcodec");
        List<Integer> participants = List.of(2, 3, 5);
        int seconds = 20;
        int warmup = 3;
        Path out = Path.of("target", "bench", "conference");
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
                case "--codecs" -> codecs = names(flag, value);
                case "--participants" -> participants = names(flag, value).stream().map(v -> parseInt(flag, v)).toList();
                case "--seconds" -> seconds = parseInt(flag, value);
                case "--warmup" -> warmup = parseInt(flag, value);
                case "--out" -> out = parsePath(flag, value);
                default -> throw new ConfigException("unknown option " + flag + "\n" + usage());
            }
        }
        return new ConferenceBenchOptions(codecs, participants, seconds, warmup, out);
    }

    /** Splits a comma-separated list, rejecting empty items and repeats. */
    private static List<String> names(String flag, String value) {
        List<String> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String item : value.split(",", -1)) {
            String name = item.trim();
            if (name.isEmpty()) {
                throw new ConfigException(flag + " needs a comma-separated list without empty items, got '" + value + "'");
            }
            if (!seen.add(name)) {
                throw new ConfigException(flag + " lists '" + name + "' twice");
            }
            items.add(name);
        }
        return items;
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
            throw new ConfigException(flag + " needs whole numbers, got '" + value + "'", e);
        }
    }

    private static Path parsePath(String flag, String value) {
        if (value.isBlank()) {
            throw new ConfigException(flag + " needs a directory");
        }
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(flag + " is not a valid path: '" + value + "'", e);
        }
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
