package dev.vc.relay.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The choice of a relay for a new room, without Redis: leases in, a relay out. */
class PlacerTest {
    private static Directory.Candidate relay(String id, int participants, int rooms, int placed, int capacity) {
        return new Directory.Candidate(new RelayLease(id, "127.0.0.1", 5000, 5001, capacity, 100, participants, rooms),
                placed);
    }

    @Test
    void shouldPreferItselfOnATieAndTheLeastLoadedOtherwise() {
        Placer placer = new Placer("b");
        assertEquals("b", placer.choose(List.of(relay("a", 0, 0, 0, 10), relay("b", 0, 0, 0, 10))).id());
        assertEquals("a", placer.choose(List.of(relay("a", 2, 1, 1, 10), relay("b", 3, 1, 1, 10))).id());
    }

    @Test
    void shouldCountARoomPlacedButNotJoinedYetAsAnAverageRoom() {
        // a: 10 participants in 2 rooms (average 5 over the cluster), b: 0 participants but 3 rooms just placed
        Placer placer = new Placer("a");
        assertEquals("a", placer.choose(List.of(relay("a", 10, 2, 2, 100), relay("b", 0, 0, 3, 100))).id());
    }

    @Test
    void shouldPlaceNothingWhenEveryRelayIsFull() {
        assertNull(new Placer("a").choose(List.of(relay("a", 10, 1, 1, 10), relay("b", 5, 1, 100, 50))));
    }

    @Property
    void shouldChooseARelayWithRoomWhoseLoadIsTheLeast(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 60) Integer> participants,
            @ForAll @IntRange(min = 0, max = 5) int waiting) {
        List<Directory.Candidate> relays = new ArrayList<>();
        for (int i = 0; i < participants.size(); i++) {
            int p = participants.get(i);
            relays.add(relay("r" + i, p, p / 5, p / 5 + (i == 0 ? waiting : 0), 50));
        }
        RelayLease chosen = new Placer("r0").choose(relays);
        List<Directory.Candidate> open = relays.stream()
                .filter(c -> c.lease().participants() < c.lease().capacity()).toList();
        if (open.isEmpty()) {
            assertNull(chosen);
            return;
        }
        long sum = relays.stream().mapToLong(c -> c.lease().participants()).sum();
        long rooms = relays.stream().mapToLong(c -> c.lease().rooms()).sum();
        double size = rooms == 0 ? 1 : Math.max(1, (double) sum / rooms);
        Directory.Candidate picked = relays.stream().filter(c -> c.lease() == chosen).findFirst().orElseThrow();
        assertTrue(open.contains(picked), "a relay with room");
        for (Directory.Candidate c : open) {
            assertTrue(Placer.load(picked, size) <= Placer.load(c, size), picked + " is not the least loaded: " + c);
        }
    }
}
