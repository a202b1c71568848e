/**
 * Where a room is served, for a relay that is one of a cluster: the small interface ({@link RoomPlacement}) a cluster
 * implements and the relay consults on its control thread, without waiting, at each join of a room it does not
 * serve yet; found with {@link java.util.ServiceLoader} ({@link RoomPlacementProvider}) when
 * {@code vc.cluster.redis} is set. Without a cluster nothing here runs. The media path never consults it.
 */
package dev.vc.relay.placement;
