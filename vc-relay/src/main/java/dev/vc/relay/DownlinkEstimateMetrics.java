package dev.vc.relay;

/**
 * The relay's downlink estimates in /metrics, bounded whatever the number of participants: a histogram over
 * fixed buckets and the lowest and median estimate, no series per participant. Participants without an
 * estimate yet (no feedback) are left out.
 *
 * <pre>
 * vc_relay_downlink_estimate_bps_bucket{le="500000"} 3
 * vc_relay_downlink_estimate_bps_count 5
 * vc_relay_downlink_estimate_min_bps 310000
 * vc_relay_downlink_estimate_median_bps 2400000
 * </pre>
 */
final class DownlinkEstimateMetrics {
    /** Bucket bounds, bit/s: from a weak mobile link to a wired one. */
    static final long[] BUCKETS = {250_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 20_000_000,
            50_000_000};

    private DownlinkEstimateMetrics() {
    }

    static void render(StringBuilder out, RelayStats stats) {
        long[] sorted = stats.downlinkEstimates();
        String name = "vc_relay_downlink_estimate_bps";
        PrometheusFormat.header(out, name, "histogram",
                "The relay's bandwidth estimates of its links to the participants (transport-cc).");
        long sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        int at = 0;
        for (long bound : BUCKETS) {
            while (at < sorted.length && sorted[at] <= bound) {
                at++;
            }
            out.append(name).append("_bucket{le=\"").append(bound).append("\"} ").append(at).append('\n');
        }
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(sorted.length).append('\n');
        out.append(name).append("_sum ").append(sum).append('\n');
        out.append(name).append("_count ").append(sorted.length).append('\n');
        gauge(out, "vc_relay_downlink_estimate_min_bps", "The lowest downlink estimate, -1 if none.",
                sorted.length == 0 ? -1 : sorted[0]);
        gauge(out, "vc_relay_downlink_estimate_median_bps", "The median downlink estimate, -1 if none.",
                sorted.length == 0 ? -1 : sorted[(sorted.length - 1) / 2]);
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        PrometheusFormat.header(out, name, "gauge", help);
        out.append(name).append(' ').append(value).append('\n');
    }
}
