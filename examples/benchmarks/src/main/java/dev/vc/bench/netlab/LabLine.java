package dev.vc.bench.netlab;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One machine-readable line between a {@link LabMember} and the run that started it: a kind, then
 * {@code key=value} fields separated by spaces (values never contain spaces). The members print
 * {@code joined}, then once a second, for the second {@code t} that just ended:
 *
 * <pre>
 * member t=5 who=p5 fps_sent=30.0 kbps_sent=611.2 kbps_received=1987.0 keyframes=1 retransmissions=12 plis_received=3 nacks_received=40
 * stream t=5 who=p5 from=p1 fps=12.0 kbps=480.3 latency_p50_ms=212.4 latency_p95_ms=301.0
 * relay-total t=5 probe_clusters=7 cap_requests=12 layer_switches=9 layer_cuts=1 paced=40 paced_early=0
 * relay t=5 member=p5 kbps_out=2411.0 kbps_in=610.9 downlink_estimate_kbps=1890.2
 * </pre>
 *
 * ({@code relay-total}: the relay's counters since it started, cumulative).
 *
 * and the run sends each member {@code go epoch_ms=...}: when second 0 starts.
 *
 * @param kind   the first word
 * @param fields the fields in order
 */
record LabLine(String kind, Map<String, String> fields) {
    /** Keeps the fields' order. */
    LabLine {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * @param kind the first word
     * @param keyValues keys and values, alternating; doubles are written with one decimal
     * @return the line
     */
    static LabLine of(String kind, Object... keyValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            fields.put(String.valueOf(keyValues[i]), v instanceof Double d ? String.format(Locale.ROOT, "%.1f", d)
                    : String.valueOf(v));
        }
        return new LabLine(kind, fields);
    }

    /**
     * @param text a line as printed
     * @return it parsed; words without {@code =} after the kind are ignored
     */
    static LabLine parse(String text) {
        String[] words = text.strip().split("\\s+");
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        return new LabLine(words.length == 0 ? "" : words[0], fields);
    }

    /** @return the field's text, or {@code ""} */
    String text(String key) {
        return fields.getOrDefault(key, "");
    }

    /** @return the field as a number, or NaN when absent or not a number */
    double number(String key) {
        try {
            return Double.parseDouble(fields.get(key));
        } catch (NullPointerException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** @return the line as printed */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(kind);
        fields.forEach((k, v) -> text.append(' ').append(k).append('=').append(v.replace(' ', '_')));
        return text.toString();
    }
}
