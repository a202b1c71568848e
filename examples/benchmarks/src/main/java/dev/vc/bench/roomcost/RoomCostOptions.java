package dev.vc.bench.roomcost;

import dev.vc.api.ConfigException;
import dev.vc.examples.client.cli.Flags;

import java.nio.file.Path;
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
 * @param receivedLayer the simulcast layer the client receives from every replayed sender, 0..2: their pictures
 *                      are 640x480 halved that many times, at a quarter of the bitrate each time (1: the 320x240
 *                      layer a relay forwards to a receiver that shows 3x3 tiles)
 * @param view          null, or the {@code {width, height}} at which every receiver shows every other participant:
 *                      the replayed senders then send two simulcast layers (640x480 and 320x240) and the relay
 *                      chooses which one each receiver gets from the view sizes reported ({@code VIEW_SIZE}: the
 *                      replayers' own, and the client's through {@code Participant.setViewSize} with the headless
 *                      renderer, or its Swing grid's); excludes {@code receivedLayer}
 * @param clientShownAt null, or the {@code {width, height}} at which one replayed receiver shows the client instead
 *                      of {@code view} (640x480: a speaker view of the client, so it encodes both layers)
 */
public record RoomCostOptions(List<String> codecs, List<Integer> sizes, int seconds, int warmup, int recordSeconds,
                              String renderer, Path out, boolean threads, int receivedLayer, int[] view,
                              int[] clientShownAt) {
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
            Flags.check("--sizes", size, 2, MAX_SIZE);
        }
        Flags.check("--seconds", seconds, 1, 600);
        Flags.check("--warmup", warmup, 0, 60);
        Flags.check("--record-seconds", recordSeconds, 1, 10);
        Flags.check("--received-layer", receivedLayer, 0, 2);
        if (view != null && receivedLayer != 0) {
            throw new ConfigException("--view lets the relay choose the layer: it excludes --received-layer");
        }
        if (clientShownAt != null && view == null) {
            throw new ConfigException("--client-shown-at needs --view");
        }
        if (!renderer.equals("headless") && !renderer.equals("swing")) {
            throw new ConfigException("--renderer must be headless or swing, got '" + renderer + "'");
        }
        codecs = List.copyOf(codecs);
        sizes = List.copyOf(sizes);
    }

    /** Options without reported view sizes: the relay forwards what the bandwidth allows. */
    public RoomCostOptions(List<String> codecs, List<Integer> sizes, int seconds, int warmup, int recordSeconds,
                           String renderer, Path out, boolean threads, int receivedLayer) {
        this(codecs, sizes, seconds, warmup, recordSeconds, renderer, out, threads, receivedLayer, null, null);
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
        Flags flags = Flags.parse(args, usage(), List.of("--threads"), List.of("--codec", "--sizes", "--seconds",
                "--warmup", "--record-seconds", "--renderer", "--out", "--received-layer", "--view", "--client-shown-at"));
        return new RoomCostOptions(flags.strings("--codec", List.of("h264")),
                flags.integers("--sizes", List.of(2, 4, 6, 8, 10, 12, 16)), flags.integer("--seconds", 10),
                flags.integer("--warmup", 3), flags.integer("--record-seconds", 4),
                flags.string("--renderer", "headless"), flags.directory("--out", Path.of("target", "room-cost")),
                flags.has("--threads"), flags.integer("--received-layer", 0), size(flags, "--view"),
                size(flags, "--client-shown-at"));
    }

    /** Parses {@code WxH}, each side 0..65535; null when the flag is absent. */
    private static int[] size(Flags flags, String flag) {
        String value = flags.string(flag, null);
        if (value == null) {
            return null;
        }
        String[] sides = value.split("x", -1);
        try {
            if (sides.length == 2) {
                int width = Integer.parseInt(sides[0]);
                int height = Integer.parseInt(sides[1]);
                Flags.check(flag, width, 0, 0xFFFF);
                Flags.check(flag, height, 0, 0xFFFF);
                return new int[] {width, height};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(flag + " must be WIDTHxHEIGHT, such as 315x236, got '" + value + "'");
    }

    /** @return the usage text */
    public static String usage() {
        return """
                usage: RoomCostBench [--codec h264[,jpeg...]] [--sizes N,N,...] [--seconds S] [--warmup S]
                                     [--record-seconds S] [--renderer headless|swing] [--out DIR] [--threads]
                                     [--received-layer 0|1|2 | --view WxH [--client-shown-at WxH]]
                  defaults: h264, rooms of 2,4,6,8,10,12,16 (the client + N-1 replayed senders), 10 s per room
                  after 3 s of warm-up, 4 s of video recorded per sender, headless renderer, output in
                  target/room-cost (room-cost.csv, room-cost.png, room-cost-fps.png); the client receives layer 0
                  (640x480) of every sender, or with --received-layer 1 the 320x240 simulcast layer; with --view
                  (315x236: 3x3 tiles in 1280x720) every sender sends two layers, every receiver reports that view
                  size of every other and the relay chooses the layers; --client-shown-at 640x480 makes one
                  replayed receiver show the client large (it then encodes both layers)""";
    }
}
