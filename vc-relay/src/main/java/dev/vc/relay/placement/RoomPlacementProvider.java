package dev.vc.relay.placement;

/**
 * Makes a relay part of a cluster: found with {@link java.util.ServiceLoader} when {@code vc.cluster.redis} is set
 * ({@code vc-relay-cluster} provides one), started once the relay's ports are bound.
 *
 * <pre>{@code
 * module com.example.cluster {
 *     requires dev.vc.relay;
 *     provides dev.vc.relay.placement.RoomPlacementProvider with com.example.cluster.MyProvider;
 * }
 * }</pre>
 */
public interface RoomPlacementProvider {
    /**
     * Joins the cluster: registers the relay and starts keeping its lease.
     *
     * @param node the relay: its addresses, limits, load and configuration
     * @return the running placement
     * @throws dev.vc.api.ConfigException if the configuration is wrong (the directory's unreachability is not an
     *                                    error: the relay starts and registers once it can)
     */
    RoomPlacement start(RelayNode node);
}
