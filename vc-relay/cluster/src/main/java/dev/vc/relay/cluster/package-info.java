/**
 * The cluster's settings ({@link dev.vc.relay.cluster.ClusterSettings}); the cluster itself runs behind the relay's
 * {@link dev.vc.relay.placement.RoomPlacement}, started by the relay when {@code vc.cluster.redis} is set.
 */
package dev.vc.relay.cluster;
