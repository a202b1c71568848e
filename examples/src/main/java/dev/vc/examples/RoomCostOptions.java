package dev.vc.examples;

import dev.vc.api.ConfigException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RoomCostBench}'s command line. Every value is bounded, so a run is bounded in participants, memory and
 * time.
 *
 * @param codecs        encoder provider names to measure, one series each ({@code h264}, {@code jpeg}, ...)
 * @param sizes         room sizes N to run, in order, each 2..{@value #MAX_SIZE}: the client plus N-1 replayed
 *                      senders
 * @param seconds       measured window per room, 1..600
 * @param warmup        seconds per room before the window opens, excluded from every figure, 0..60
 * @param recordSeconds seconds of video recorded per replayed sender (replayed in a loop), 1..10
 * @param renderer      the client's renderer: {@code headless} or {@code swing} (needs a display)
 * @param out           directory for {@code room-cost.csv} and the charts
 * @param threads       also print every thread's CPU share per room (to check the attribution)
 */
public record RoomCostOptions(List<String> codecs, List<Integer> sizes, int seconds, int warmup, int recordSeconds,
                              String renderer, Path out, boolean threads) {
    /** Largest room. */
    public static final int MAX_SIZE = 32;

    /** Validates the ranges and copies the lists. */
    public RoomCostOptions {
        if (codecs.isEmpty() || codecs.stream().anyMatch(String::isBlank)) {
            throw new ConfigException("--codec needs one or more codec names, got " + codecs);
        }
        if (sizes.isEmpty()) {
            throw new ConfigException("--sizes needs one or more room sizes");
        }
        for (int size : sizes) {
            check("--sizes", size, 2, MAX_SIZE);
        }
        check("--seconds", seconds, 1, 600);
        check("--warmup", warmup, 0, 60);
        check("--record-seconds", recordSeconds, 1, 10);
        if (!renderer.equals("headless") && !renderer.equals("swing")) {
            throw new ConfigException("--renderer must be headless or swing, got '" + renderer + "'");
        }
        codecs = List.copyOf(codecs);
        sizes = List.copyOf(sizes);
    }

    /** @return the largest room size asked for */
    public int largestSize() {
        return sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /**
     * @param args the command line
     * @return the options; defaults: {@code h264}, rooms of 2, 4, 6, 8, 10, 12 and 16, 10 s windows after 3 s of
     *         warm-up, 4 s recorded per sender, the headless renderer, output in {@code target/room-cost}
     * @throws ConfigException on an unknown flag or a bad value
     */
    public static RoomCostOptions parse(String... args) {
        List<String> codecs = List.of("h264");
        List<Integer> sizes = List.of(2, 4, 6, 8, 10, 12, 16);
        int seconds = 10;
        int warmup = 3;
        int recordSeconds = 4;
        String renderer = "headless";
        Path out = Path.of("target", "room-cost");
        boolean threads = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--threads" -> threads = true;
                case "--help", "-h" -> throw new ConfigException(usage());
                default -> {
                    if (i + 1 >= args.length) {
                        throw new ConfigException("missing value after " + flag + "\n" + usage());
                    }
                    String value = args[++i];
                    switch (flag) {
                        case "--codec" -> codecs = List.of(value.split(",", -1));
                        case "--sizes" -> sizes = parseInts(flag, value);
                        case "--seconds" -> seconds = parseInt(flag, value);
                        case "--warmup" -> warmup = parseInt(flag, value);
                        case "--record-seconds" -> recordSeconds = parseInt(flag, value);
                        case "--renderer" -> renderer = value;
                        case "--out" -> out = Path.of(value);
                        default -> throw new ConfigException("unknown option " + flag + "\n" + usage());
                    }
                }
            }
        }
        return new RoomCostOptions(codecs, sizes, seconds, warmup, recordSeconds, renderer, out, threads);
    }

    private static void check(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(flag + " must be in " + min + ".." + max + ", got " + value);
        }
    }

    private static List<Integer> parseInts(String flag, String value) {
        List<Integer> values = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            values.add(parseInt(flag, part.trim()));
        }
        return values;
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " needs whole numbers, got '" + value + "'", e);
        }
    }

    /** @return the usage text */
    public static String usage() {
        return """
                usage: RoomCostBench [--codec h264[,jpeg...]] [--sizes N,N,...] [--seconds S] [--warmup S]
                                     [--record-seconds S] [--renderer headless|swing] [--out DIR] [--threads]
                  defaults: h264, rooms of 2,4,6,8,10,12,16 (the client + N-1 replayed senders), 10 s per room
                  after 3 s of warm-up, 4 s of video recorded per sender, headless renderer, output in
                  target/room-cost (room-cost.csv, room-cost.png, room-cost-fps.png)""";
    }
}
