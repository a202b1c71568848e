package dev.vc.relay.cluster.redis;

import static dev.vc.relay.cluster.redis.ClusterMembers.framesFrom;
import static dev.vc.relay.cluster.redis.ClusterMembers.participant;
import static dev.vc.relay.cluster.redis.ClusterMembers.sees;
import static dev.vc.relay.cluster.redis.ClusterMembers.spanningRelay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.session.Participant;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelayStats;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rooms that span relays through the cluster's placement: a room larger than one relay's limit is served by several
 * relays joined by trunks, each pair by one, and every participant sees and receives everyone.
 */
@Timeout(180)
class SpanningEndToEndTest {
    private static InetSocketAddress control(RelayServer relay) {
        return new InetSocketAddress("127.0.0.1", relay.controlAddress().getPort());
    }

    private static long count(RelayServer relay, RelayStats.Role role) {
        return relay.stats().members().stream().filter(m -> m.role() == role).count();
    }

    /** @return this relay's own participants */
    private static long local(RelayServer relay) {
        return count(relay, RelayStats.Role.PARTICIPANT);
    }

    /** @return the other relays' participants this relay shows, as remote members */
    private static long remote(RelayServer relay) {
        return count(relay, RelayStats.Role.REMOTE);
    }

    private static long trunks(RelayServer relay) {
        return count(relay, RelayStats.Role.TRUNK);
    }

    @Test
    void shouldSpreadARoomLargerThanARelaysLimitOverThreeRelaysJoinedByTrunks(@TempDir Path state) throws Exception {
        try (RedisServer redis = RedisServer.start();
             RelayServer a = spanningRelay(redis, state, 2, "when-full");
             RelayServer b = spanningRelay(redis, state, 2, "when-full");
             RelayServer c = spanningRelay(redis, state, 2, "when-full")) {
            Await.until(() -> a.stats().cluster().relays() == 3, () -> "three relays registered");
            String pin = a.certificateFingerprint();
            List<Participant> everyone = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {   // one at a time, each through a first
                    Participant p = participant("p" + i, "team", pin, control(a), control(b), control(c)).build();
                    everyone.add(p);
                    p.start();
                }
                for (Participant p : everyone) {
                    String[] others = everyone.stream().filter(o -> o != p).map(Participant::name)
                            .toArray(String[]::new);
                    Await.until(() -> sees(p, others), () -> p.name() + " sees everyone: " + p.roster());
                }
                for (Participant p : everyone) {
                    for (Participant from : everyone) {
                        if (from != p) {
                            Await.until(() -> framesFrom(p, from.name()) > 5,
                                    () -> p.name() + " receives " + from.name() + ": " + p.stats());
                        }
                    }
                }
                assertEquals(5, local(a) + local(b) + local(c), "each participant joined one relay");
                assertTrue(local(a) <= 2 && local(b) <= 2 && local(c) <= 2, "no relay above its limit of 2: "
                        + local(a) + " " + local(b) + " " + local(c));
                assertEquals(6, trunks(a) + trunks(b) + trunks(c), "one trunk per pair of the three relays, a "
                        + "member at both of its ends");
                long servedToo = a.stats().cluster().servedToo() + b.stats().cluster().servedToo()
                        + c.stats().cluster().servedToo();
                assertEquals(2, servedToo, "the second and third relays served the room too");
                for (RelayServer relay : List.of(a, b, c)) {
                    assertEquals(5 - local(relay), remote(relay), "each relay shows every other relay's participants");
                }
            } finally {
                for (Participant p : everyone) {
                    p.close();
                }
            }
        }
    }

    @Test
    void shouldServeAJoinWhereItArrivesWhenRoomsAlwaysSpan(@TempDir Path state) throws Exception {
        try (RedisServer redis = RedisServer.start();
             RelayServer a = spanningRelay(redis, state, 10, "always");
             RelayServer b = spanningRelay(redis, state, 10, "always")) {
            Await.until(() -> a.stats().cluster().relays() == 2, () -> "two relays registered");
            String pin = a.certificateFingerprint();
            try (Participant alice = participant("alice", "team", pin, control(a)).build();
                 Participant bob = participant("bob", "team", pin, control(b)).build()) {
                alice.start();
                bob.start();
                Await.until(() -> sees(alice, "bob") && sees(bob, "alice"), () -> "each sees the other");
                Await.until(() -> framesFrom(alice, "bob") > 5 && framesFrom(bob, "alice") > 5,
                        () -> "each receives the other over the trunk");
                assertEquals(1, local(a));
                assertEquals(1, local(b));
                assertEquals(0, a.stats().cluster().redirected() + b.stats().cluster().redirected());
            }
        }
    }
}
