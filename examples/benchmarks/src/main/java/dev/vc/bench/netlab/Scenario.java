package dev.vc.bench.netlab;

import dev.vc.api.ConfigException;

import java.util.ArrayList;
import java.util.List;

/**
 * What one lab run builds: who sits in the core namespace with the relay, who sits behind the edge link, which
 * direction of that link is shaped, and to what capacity over time. After RFC 8867's test cases:
 * <ul>
 *   <li>{@code weak-receiver}: a room of N, N-1 with the relay, the N-th behind a narrow downlink (default
 *       2 Mbit/s, 83 % of the 2.4 Mbit/s four 600 kbit/s streams need);</li>
 *   <li>{@code weak-sender}: the same room, the N-th's uplink narrow (default 500 kbit/s, its stream is 600);</li>
 *   <li>{@code variable}: a room of 2, one flow through a downlink of 1 -> 2.5 -> 0.6 -> 1 Mbit/s (RFC 8867
 *       section 5.1, scaled to the run); the sender may send up to {@value #VARIABLE_BITRATE_KBPS} kbit/s
 *       ({@code vc.bitrate}), so it can fill the widest phase;</li>
 *   <li>{@code shared}: a room of 4, two participants behind one narrow downlink (default 2 Mbit/s): two
 *       receivers' flows competing at one bottleneck (section 5.3).</li>
 * </ul>
 *
 * @param name       as on the command line
 * @param core       participants in the core namespace, with the relay
 * @param edge       participants behind the edge link
 * @param downlink   true to shape the edge's downlink, false its uplink
 * @param capacity   the shaped direction's capacity over the run
 * @param bitrateKbps every participant's {@code vc.bitrate}: its largest layer's most
 */
record Scenario(String name, List<String> core, List<String> edge, boolean downlink, CapacitySchedule capacity,
                int bitrateKbps) {
    /** The scenario names, in the order they run by default. */
    static final List<String> NAMES = List.of("weak-receiver", "weak-sender", "variable", "shared");
    /** {@code vc.bitrate} of every scenario but {@code variable}: the default. */
    static final int DEFAULT_BITRATE_KBPS = 600;
    /** {@code vc.bitrate} in {@code variable}: the widest phase's capacity. */
    static final int VARIABLE_BITRATE_KBPS = 2_500;

    /** A scenario whose participants send at the default {@code vc.bitrate}. */
    Scenario(String name, List<String> core, List<String> edge, boolean downlink, CapacitySchedule capacity) {
        this(name, core, edge, downlink, capacity, DEFAULT_BITRATE_KBPS);
    }

    /**
     * @param name    one of {@link #NAMES}
     * @param options the room size, rate and run length
     * @return the scenario
     * @throws ConfigException for an unknown name
     */
    static Scenario named(String name, NetLabOptions options) {
        int n = options.participants();
        return switch (name) {
            case "weak-receiver" -> new Scenario(name, names(1, n - 1), names(n, n), true,
                    CapacitySchedule.constant(options.rateKbps().orElse(2_000) * 1000L));
            case "weak-sender" -> new Scenario(name, names(1, n - 1), names(n, n), false,
                    CapacitySchedule.constant(options.rateKbps().orElse(500) * 1000L));
            case "variable" -> new Scenario(name, names(1, 1), names(2, 2), true,
                    CapacitySchedule.rfc8867VariableCapacity(options.seconds()), VARIABLE_BITRATE_KBPS);
            case "shared" -> new Scenario(name, names(1, 2), names(3, 4), true,
                    CapacitySchedule.constant(options.rateKbps().orElse(2_000) * 1000L));
            default -> throw new ConfigException("unknown scenario '" + name + "', known: " + NAMES);
        };
    }

    /** @return everyone, core first */
    List<String> everyone() {
        List<String> all = new ArrayList<>(core);
        all.addAll(edge);
        return all;
    }

    /** @return e.g. {@code edge downlink 2000 kbit/s} */
    String describe() {
        return "room of " + everyone().size() + ", " + edge + " behind the edge link, its "
                + (downlink ? "downlink" : "uplink") + " at " + capacity.describe() + ", vc.bitrate " + bitrateKbps
                + " kbit/s";
    }

    private static List<String> names(int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            names.add("p" + i);
        }
        return names;
    }
}
