package dev.vc.relay.cluster.redis;

import static dev.vc.relay.cluster.redis.ClusterMembers.framesFrom;
import static dev.vc.relay.cluster.redis.ClusterMembers.participant;
import static dev.vc.relay.cluster.redis.ClusterMembers.relay;
import static dev.vc.relay.cluster.redis.ClusterMembers.sees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.JoinRejectedException;
import dev.vc.api.session.ConnectionState;
import dev.vc.api.session.Participant;
import dev.vc.relay.RelayServer;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Relays of a cluster with participants: redirects, a relay killed, Redis down and back. */
@Timeout(120)
class ClusterEndToEndTest {
    private static InetSocketAddress control(RelayServer relay) {
        return new InetSocketAddress("127.0.0.1", relay.controlAddress().getPort());
    }

    @Test
    void shouldRedirectAJoinToTheRelayServingTheRoom(@TempDir Path state) throws Exception {
        try (RedisServer redis = RedisServer.start();
             RelayServer a = relay(redis, state, 2_000);
             RelayServer b = relay(redis, state, 2_000)) {
            Await.until(() -> a.stats().cluster().relays() == 2 && b.stats().cluster().relays() == 2,
                    () -> "both relays registered: " + a.stats().cluster());
            String pin = a.certificateFingerprint();
            try (Participant alice = participant("alice", "team", pin, control(b)).build();
                 Participant bob = participant("bob", "team", pin, control(a)).build()) {
                alice.start();
                bob.start();
                Await.until(() -> framesFrom(bob, "alice") > 0 && framesFrom(alice, "bob") > 0,
                        () -> "each receives the other: " + bob.stats());
                assertEquals(2, b.stats().members().size(), "both are on the room's relay");
                assertEquals(0, a.stats().members().size());
                assertEquals(1, a.stats().cluster().redirected(), "the relay bob asked redirected him");
                assertEquals(1, b.stats().cluster().placedHere(), "alice's join placed the room on her relay");
            }
        }
    }

    @Test
    void shouldKeepMeetingsGoingWhileRedisIsDownAndPlaceNewRoomsOnceItIsBack(@TempDir Path state) throws Exception {
        try (RedisServer redis = RedisServer.start();
             RelayServer a = relay(redis, state, 300)) {
            Await.until(() -> a.stats().cluster().relays() == 1, () -> "registered");
            String pin = a.certificateFingerprint();
            try (Participant alice = participant("alice", "team", pin, control(a)).build();
                 Participant bob = participant("bob", "team", pin, control(a)).build()) {
                alice.start();
                bob.start();
                Await.until(() -> framesFrom(bob, "alice") > 0, () -> "bob receives alice");

                redis.kill();
                Await.until(() -> !a.stats().cluster().directoryUp(), () -> "the relay noticed: " + a.stats().cluster());
                long before = framesFrom(bob, "alice");
                Await.until(() -> framesFrom(bob, "alice") > before + 10, () -> "the meeting goes on");
                JoinRejectedException refused = assertThrows(JoinRejectedException.class,
                        () -> participant("carol", "other", pin, control(a)).build().close());
                assertEquals(ControlMessage.RejectReason.CLUSTER_UNAVAILABLE, refused.reason(), refused.getMessage());
                try (Participant dave = participant("dave", "team", pin, control(a)).build()) {
                    assertTrue(sees(dave, "alice", "bob"), "a room the relay serves still takes joins");
                }
                assertEquals(ConnectionState.CONNECTED, alice.connectionState());

                redis.restart();
                Await.until(() -> a.stats().cluster().reRegistrations() >= 1 && a.stats().cluster().rooms() == 1,
                        () -> "registered again with its room: " + a.stats().cluster());
                try (Participant carol = participant("carol", "other", pin, control(a)).build()) {
                    assertEquals("carol", carol.name(), "new rooms are placed again");
                }
            }
        }
    }

    @Test
    void shouldBringAKilledRelaysClientsBackInTheirRoomOnAnotherRelay(@TempDir Path state) throws Exception {
        try (RedisServer redis = RedisServer.start();
             RelayServer b = relay(redis, state, 2_000);
             ClusterMembers.RelayProcess a = new ClusterMembers.RelayProcess(redis, state)) {
            Await.until(() -> b.stats().cluster().relays() == 2, () -> "both relays registered; the process said: "
                    + a.said());
            String pin = b.certificateFingerprint();
            try (Participant alice = participant("alice", "team", pin, a.control, control(b)).build();
                 Participant bob = participant("bob", "team", pin, a.control, control(b)).build()) {
                alice.start();
                bob.start();
                Await.until(() -> framesFrom(bob, "alice") > 0 && framesFrom(alice, "bob") > 0,
                        () -> "each receives the other");
                assertEquals(0, b.stats().members().size(), "the room is on the relay they asked first");

                a.kill();
                Await.until(() -> b.stats().members().size() == 2, () -> "both rejoined on the other relay: "
                        + alice.connectionState() + ", " + bob.connectionState());
                Await.until(() -> alice.connectionState() == ConnectionState.CONNECTED
                        && bob.connectionState() == ConnectionState.CONNECTED && sees(alice, "bob")
                        && sees(bob, "alice"), () -> "both back, each seeing the other");
                long aliceSeen = framesFrom(bob, "alice");
                long bobSeen = framesFrom(alice, "bob");
                Await.until(() -> framesFrom(bob, "alice") > aliceSeen && framesFrom(alice, "bob") > bobSeen,
                        () -> "video flows again both ways");
            }
        }
    }
}
