/**
 * The cluster on Redis, behind the relay's {@link dev.vc.relay.placement.RoomPlacement}: the connection
 * ({@link dev.vc.relay.cluster.redis.RedisLink}), the keys and the scripts that read and write them
 * ({@link dev.vc.relay.cluster.redis.Directory}), the choice of a relay for a new room
 * ({@link dev.vc.relay.cluster.redis.Placer}) and the thread that runs it all
 * ({@link dev.vc.relay.cluster.redis.RedisCluster}). Not exported.
 */
package dev.vc.relay.cluster.redis;
