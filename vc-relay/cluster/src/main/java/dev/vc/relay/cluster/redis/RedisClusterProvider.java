package dev.vc.relay.cluster.redis;

import dev.vc.relay.cluster.ClusterSettings;
import dev.vc.relay.placement.RelayNode;
import dev.vc.relay.placement.RoomPlacement;
import dev.vc.relay.placement.RoomPlacementProvider;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The cluster on Redis, as the relay finds it ({@link java.util.ServiceLoader}): reads {@link ClusterSettings} from
 * the relay's configuration, works out the host redirects name and the relay's id, and starts the
 * {@link RedisCluster}. An unreachable Redis is no error: the relay starts and registers once Redis answers.
 */
public final class RedisClusterProvider implements RoomPlacementProvider {
    /** For {@link java.util.ServiceLoader}. */
    public RedisClusterProvider() {
    }

    @Override
    public RoomPlacement start(RelayNode node) {
        ClusterSettings settings = ClusterSettings.from(node.config());
        String host = settings.advertiseHost() != null ? settings.advertiseHost() : advertised(node);
        String id = settings.relayId() != null ? settings.relayId() : host + ":" + node.controlAddress().getPort();
        int capacity = settings.capacity() > 0 ? settings.capacity() : node.maxRooms() * node.maxPerRoom();
        RedisCluster cluster = new RedisCluster(settings, node, new RelayLease(id, host, node.controlAddress().getPort(),
                node.mediaPort(), capacity, node.maxRooms(), 0, 0));
        cluster.start();
        return cluster;
    }

    /** The bound host, or this machine's address when the relay listens on every interface. */
    private static String advertised(RelayNode node) {
        InetAddress bound = node.controlAddress().getAddress();
        if (bound != null && !bound.isAnyLocalAddress()) {
            return bound.getHostAddress();
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            throw new dev.vc.api.ConfigException("cannot tell this relay's address for redirects: set "
                    + ClusterSettings.ADVERTISE_HOST.key(), e);
        }
    }
}
