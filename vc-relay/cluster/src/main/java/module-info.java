/**
 * A cluster of vc relays on Redis: each relay registers itself with a lease it renews, a directory maps each room to
 * the relay serving it, a join of a new room through any relay is placed on the least loaded one and redirected
 * there, and when a relay dies its lease and rooms expire so its clients rejoin elsewhere. Put this module beside
 * {@code dev.vc.relay} and set {@code vc.cluster.redis}; without it the relay stands alone and carries no Redis
 * client. See {@code docs/cluster.md}.
 */
module dev.vc.relay.cluster {
    requires dev.vc.relay;
    // Jedis: the blocking Redis client, driven only from the cluster's own thread (docs/cluster.md, "Why Jedis").
    requires redis.clients.jedis;

    exports dev.vc.relay.cluster;
    provides dev.vc.relay.placement.RoomPlacementProvider with dev.vc.relay.cluster.redis.RedisClusterProvider;
}
