package dev.vc.relay.placement;

/**
 * A relay's view of its cluster, as {@code /metrics} shows it ({@code vc_cluster_*}). No address, password or
 * room name: counts only.
 *
 * @param relayId        this relay's id in the cluster
 * @param directoryUp    the directory (Redis) answered the last request
 * @param relays         live relays in the registry at the last look, this one included
 * @param rooms          rooms this relay holds in the directory
 * @param placedHere     joins of a new room placed on this relay
 * @param servedToo      joins of a room other relays serve that this relay took too (the room spans relays)
 * @param redirected     joins sent to another relay
 * @param refused        joins refused because the directory could not be reached or every relay was full
 * @param directoryErrors requests to the directory that failed (connection lost, timed out)
 * @param reRegistrations times this relay registered again after its lease had lapsed (the directory restarted or
 *                       was unreachable longer than the lease)
 * @param roomConflicts  rooms this relay serves that the directory gives to another live relay, now
 */
public record ClusterStats(String relayId, boolean directoryUp, int relays, int rooms, long placedHere, long servedToo,
                           long redirected, long refused, long directoryErrors, long reRegistrations,
                           long roomConflicts) {
}
