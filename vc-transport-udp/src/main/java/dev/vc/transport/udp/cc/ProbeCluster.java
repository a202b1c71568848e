package dev.vc.transport.udp.cc;

/**
 * One burst of packets sent at a set rate to measure whether the path carries it (a probe cluster, as
 * libwebrtc's {@code ProbeClusterConfig}): at least {@value #MIN_PACKETS} packets over {@link #durationMicros()},
 * at least {@value #MIN_DURATION_MICROS} µs. The sender sends it paced at {@link #bitrateBps()}, logs each packet with
 * {@link #id()} ({@link SendSideBandwidthEstimator#onPacketSent(int, long, int, int)}), and says when it is done
 * ({@link SendSideBandwidthEstimator#onProbeSent}); the feedback then tells what rate arrived.
 *
 * <pre>{@code
 * ProbeCluster cluster = estimator.probeDue(nowMicros);
 * if (cluster != null) {
 *     for (int i = 0; i < cluster.packets(packetBytes); i++) { ... send one, held to cluster.bitrateBps() ... }
 *     estimator.onProbeSent(cluster.id());
 * }
 * }</pre>
 *
 * @param id             the cluster's number, above 0, increasing
 * @param bitrateBps     the rate to send it at, bit/s
 * @param durationMicros how long it lasts at that rate, at least {@value #MIN_DURATION_MICROS} µs
 */
public record ProbeCluster(int id, long bitrateBps, long durationMicros) {
    /** Fewest packets a cluster has ({@code kMinProbePacketsSent}). */
    public static final int MIN_PACKETS = 5;
    /** Shortest time a cluster lasts ({@code kMinProbeDurationMs}). */
    public static final long MIN_DURATION_MICROS = 15_000;
    /** The cluster id of a packet that is not part of a probe. */
    public static final int NONE = 0;

    /**
     * @param id             above 0
     * @param bitrateBps     above 0
     * @param durationMicros at least {@value #MIN_DURATION_MICROS}
     * @throws IllegalArgumentException otherwise
     */
    public ProbeCluster {
        if (id <= NONE || bitrateBps <= 0 || durationMicros < MIN_DURATION_MICROS) {
            throw new IllegalArgumentException("need id > 0, a positive rate and at least " + MIN_DURATION_MICROS
                    + " µs: " + id + ", " + bitrateBps + ", " + durationMicros);
        }
    }

    /**
     * A cluster of the shortest duration.
     *
     * @param id         above 0
     * @param bitrateBps above 0
     */
    public ProbeCluster(int id, long bitrateBps) {
        this(id, bitrateBps, MIN_DURATION_MICROS);
    }

    /** @return the bytes the cluster carries at its rate over its duration */
    public long bytes() {
        return bitrateBps * durationMicros / 8_000_000;
    }

    /**
     * @param packetBytes the size of each packet the sender sends in it
     * @return how many packets make the cluster: enough for {@link #durationMicros()} at the rate, at least
     *         {@value #MIN_PACKETS}
     */
    public int packets(int packetBytes) {
        return (int) Math.max(MIN_PACKETS, (bytes() + packetBytes - 1) / packetBytes);
    }

    /**
     * @param packetBytes the size of each packet
     * @return how long after the cluster's start the next packet of that size may leave so the cluster keeps
     *         its rate, per packet sent before it
     */
    public long spacingNanos(int packetBytes) {
        return packetBytes * 8_000_000_000L / bitrateBps;
    }
}
