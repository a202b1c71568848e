package dev.vc.relay.cluster.redis;

import java.util.Comparator;
import java.util.List;

/**
 * Chooses the relay a new room goes to: the least loaded live relay with room for it, this relay on a tie. A
 * relay's load is its participants, plus, for each room placed on it that has no members there yet, the cluster's
 * average room size (at least 1): a room is placed before anyone is in it, and a burst of placements through one
 * relay must not all land on the relay that looked emptiest a moment ago. A relay is full when its participants
 * reach its capacity or the rooms placed on it its room limit.
 *
 * <pre>{@code
 * RelayLease target = placer.choose(directory.look());   // null: every relay is full
 * }</pre>
 */
final class Placer {
    private final String selfId;

    /** @param selfId this relay's id, preferred on a tie */
    Placer(String selfId) {
        this.selfId = selfId;
    }

    /**
     * @param relays the live relays with the rooms placed on each
     * @return the relay to place a new room on, or null when every one is full
     */
    RelayLease choose(List<Directory.Candidate> relays) {
        long participants = 0;
        long rooms = 0;
        for (Directory.Candidate c : relays) {
            participants += c.lease().participants();
            rooms += c.lease().rooms();
        }
        double roomSize = rooms == 0 ? 1 : Math.max(1, (double) participants / rooms);
        Comparator<Directory.Candidate> order = Comparator.<Directory.Candidate>comparingDouble(c -> load(c, roomSize))
                .thenComparing(c -> !c.lease().id().equals(selfId))
                .thenComparing(c -> c.lease().id());
        return relays.stream().filter(Placer::hasRoom).min(order).map(Directory.Candidate::lease).orElse(null);
    }

    /** @return the relay's participants, and for each room placed on it but not yet joined there, a room's worth */
    static double load(Directory.Candidate c, double roomSize) {
        int waiting = Math.max(0, c.roomsPlaced() - c.lease().rooms());
        return c.lease().participants() + waiting * roomSize;
    }

    private static boolean hasRoom(Directory.Candidate c) {
        return c.lease().participants() < c.lease().capacity() && c.roomsPlaced() < c.lease().maxRooms();
    }
}
