package dev.vc.relay.cluster.redis;

import static dev.vc.relay.cluster.redis.ClusterMembers.framesFrom;
import static dev.vc.relay.cluster.redis.ClusterMembers.sees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.RemoteStream;
import dev.vc.api.session.Participant;
import dev.vc.api.session.StreamStats;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import dev.vc.relay.RelayStats;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two relays serving one room over a trunk, without a cluster directory: participants on either relay see and
 * receive everyone, and each stream crosses the trunk once however many receivers it has on the other side.
 */
@Timeout(120)
class TrunkEndToEndTest {
    private static final String SECRET = "a trunk secret of the cluster";

    private static RelayServer relay(Path state, boolean srtp, String secret) {
        return RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .mediaInsecure(!srtp).stateDirectory(state.toString()).keepaliveMillis(500).trunkSecret(secret)
                .build());
    }

    private static InetSocketAddress control(RelayServer relay) {
        return new InetSocketAddress("127.0.0.1", relay.controlAddress().getPort());
    }

    private static Participant.Builder participant(String name, RelayServer relay, boolean srtp) {
        Config media = ClusterMembers.MEDIA.with("vc.media.security", srtp ? "srtp" : "insecure");
        return Participant.builder().config(media).name(name).room("team").relays(List.of(control(relay)))
                .set("vc.relay.fingerprint", relay.certificateFingerprint());
    }

    private static RelayStats.MemberStats member(RelayServer relay, String name) {
        return relay.stats().members().stream().filter(m -> m.displayName().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "srtp={0}")
    @ValueSource(booleans = {false, true})
    void shouldServeOneRoomFromTwoRelaysSendingEachStreamOverTheTrunkOnce(boolean srtp, @TempDir Path state)
            throws Exception {
        try (RelayServer a = relay(state, srtp, SECRET);
             RelayServer b = relay(state, srtp, SECRET);
             Participant alice = participant("alice", a, srtp).build();
             Participant bob = participant("bob", b, srtp).build();
             Participant carol = participant("carol", b, srtp).build()) {
            alice.start();
            bob.start();
            carol.start();
            b.openTrunk("team", control(a), "a");
            Await.until(() -> sees(alice, "bob", "carol") && sees(bob, "alice", "carol") && sees(carol, "alice", "bob"),
                    () -> "every participant sees the other two: " + alice.roster() + " " + bob.roster());
            Await.until(() -> framesFrom(alice, "bob") > 10 && framesFrom(alice, "carol") > 10
                            && framesFrom(bob, "alice") > 10 && framesFrom(carol, "alice") > 10,
                    () -> "video crosses the trunk both ways: " + alice.stats() + " " + bob.stats());

            // counted over an interval once everything flows: alice's stream has two receivers on b and crosses the
            // trunk once, so what a sends over the trunk is her packets plus a little feedback, never twice them
            String trunkOfB = "trunk 127.0.0.1:" + b.controlAddress().getPort();
            long aliceIn = member(a, "alice").packetsIn();
            long aTrunkOut = member(a, trunkOfB).packetsOut();
            long bobAndCarolIn = member(b, "bob").packetsIn() + member(b, "carol").packetsIn();
            long bTrunkOut = member(b, "trunk a").packetsOut();
            long frames = framesFrom(bob, "alice");
            Await.until(() -> framesFrom(bob, "alice") > frames + 30, () -> "bob receives more of alice");
            long fromAlice = member(a, "alice").packetsIn() - aliceIn;
            long overTrunkFromA = member(a, trunkOfB).packetsOut() - aTrunkOut;
            assertTrue(overTrunkFromA >= fromAlice * 8 / 10 && overTrunkFromA < fromAlice * 13 / 10,
                    "the trunk carried " + overTrunkFromA + " packets for alice's " + fromAlice);
            long bobAndCarol = member(b, "bob").packetsIn() + member(b, "carol").packetsIn() - bobAndCarolIn;
            long overTrunkFromB = member(b, "trunk a").packetsOut() - bTrunkOut;
            assertTrue(overTrunkFromB >= bobAndCarol * 8 / 10 && overTrunkFromB < bobAndCarol * 13 / 10,
                    "the trunk carried " + overTrunkFromB + " packets for bob's and carol's " + bobAndCarol);
            assertEquals(4, a.stats().members().size(), "alice, the trunk, and bob and carol as remote members");
            RelayStats.TrunkStats atA = a.stats().trunks();
            RelayStats.TrunkStats atB = b.stats().trunks();
            assertEquals(1, atA.open());
            assertEquals(2, atA.remoteStreams(), "bob and carol");
            assertEquals(1, atB.remoteStreams(), "alice");
            assertTrue(atA.packetsIn() > 0 && atA.packetsOut() > 0 && atA.bytesOut() > atA.packetsOut(), atA.toString());
            assertEquals(0, atA.announcementsRefused() + atB.announcementsRefused());
        }
    }

    @Test
    void shouldForwardOverTheTrunkTheLayerTheOtherRelaysLargestViewNeeds(@TempDir Path state) throws Exception {
        Config twoLayers = ClusterMembers.MEDIA.with("vc.width", "640").with("vc.height", "480")
                .with("vc.fps", "10").with("vc.simulcast.layers", "2");
        try (RelayServer a = relay(state, false, SECRET);
             RelayServer b = relay(state, false, SECRET);
             Participant alice = participant("alice", a, false).build();
             Participant bob = participant("bob", b, false).config(twoLayers).build()) {
            alice.start();
            bob.start();
            b.openTrunk("team", control(a), "a");
            Await.until(() -> framesFrom(alice, "bob") > 10 && widthOf(alice, "bob") == 640,
                    () -> "alice shows no size yet: bob's large layer crosses the trunk: " + alice.stats());

            RemoteStream bobOnA = alice.stats().streams().stream().map(StreamStats::stream)
                    .filter(s -> s.label().equals("bob")).findFirst().orElseThrow();
            alice.setViewSize(bobOnA, 320, 240);
            Await.until(() -> widthOf(alice, "bob") == 320,
                    () -> "the only view of bob on a is 320x240: b forwards his small layer over the trunk: "
                            + alice.stats());
            long frames = framesFrom(alice, "bob");
            Await.until(() -> framesFrom(alice, "bob") > frames + 10 && !bob.stats().layers().get(0).active(),
                    () -> "nobody wants bob's large layer any more: paused, the small one flowing: "
                            + bob.stats().layers());
            assertEquals(320, widthOf(alice, "bob"));
            assertEquals(0, a.stats().simulcast().viewSizesIgnored() + b.stats().simulcast().viewSizesIgnored());

            alice.setViewSize(bobOnA, 640, 480);
            Await.until(() -> widthOf(alice, "bob") == 640 && bob.stats().layers().get(0).active(),
                    () -> "alice shows bob large again: the large layer is back over the trunk: " + alice.stats());
        }
    }

    /** @return the width of the last picture {@code p} decoded of {@code from}'s stream, 0 before any */
    private static int widthOf(Participant p, String from) {
        return p.stats().streams().stream().filter(s -> s.stream().label().equals(from))
                .mapToInt(StreamStats::width).max().orElse(0);
    }

    @Test
    void shouldServeTrunksOfManyRoomsWithoutAThreadPerTrunk(@TempDir Path state) throws Exception {
        try (RelayServer a = relay(state, true, SECRET);
             RelayServer b = relay(state, true, SECRET)) {
            java.util.List<Participant> participants = new java.util.ArrayList<>();
            try {
                for (String room : List.of("one", "two", "three")) {
                    participants.add(participant(room + "-a", a, true).room(room).build());
                    participants.add(participant(room + "-b", b, true).room(room).build());
                }
                long threadsBefore = relayThreads();
                for (String room : List.of("one", "two", "three")) {
                    b.openTrunk(room, control(a), "a");
                }
                for (int i = 0; i < participants.size(); i += 2) {
                    Participant onA = participants.get(i);
                    Participant onB = participants.get(i + 1);
                    Await.until(() -> sees(onA, onB.name()) && sees(onB, onA.name()),
                            () -> "each room's participants see each other over its trunk: " + onA.roster());
                }
                assertEquals(threadsBefore, relayThreads(), "three trunks and no thread more: "
                        + Thread.getAllStackTraces().keySet());
            } finally {
                for (Participant p : participants) {
                    p.close();
                }
            }
        }
    }

    @Test
    void shouldOpenALostTrunkAgainOnceTheOtherRelayIsBack(@TempDir Path state) throws Exception {
        int controlPort = ClusterMembers.freePort();
        int mediaPort = ClusterMembers.freePort();
        RelaySettings settingsOfA = RelaySettings.builder().host("127.0.0.1").controlPort(controlPort)
                .mediaPort(mediaPort).mediaInsecure(true).stateDirectory(state.toString()).keepaliveMillis(500)
                .trunkSecret(SECRET).build();
        RelayServer a = RelayServer.start(settingsOfA);
        try (RelayServer b = relay(state, false, SECRET);
             Participant alice = participant("alice", a, false).build();
             Participant bob = participant("bob", b, false).build()) {
            alice.start();
            bob.start();
            b.openTrunk("team", control(a), "a");
            Await.until(() -> sees(alice, "bob") && sees(bob, "alice"), () -> "each sees the other over the trunk");

            a.close();   // no LEAVE over the trunk: to b the trunk is lost, not closed
            Await.until(() -> !sees(bob, "alice"), () -> "alice left bob's room with the trunk");
            a = RelayServer.start(settingsOfA);
            Await.until(() -> sees(alice, "bob") && sees(bob, "alice"),
                    () -> "alice back on a, and the trunk opened again: " + bob.roster());
            long frames = framesFrom(bob, "alice");
            Await.until(() -> framesFrom(bob, "alice") > frames + 10 && framesFrom(alice, "bob") > 10,
                    () -> "video crosses the reopened trunk both ways");
            assertTrue(b.stats().trunks().reopened() >= 1, "counted: " + b.stats().trunks());
            assertEquals(0, b.stats().trunks().givenUp());
        } finally {
            a.close();
        }
    }

    @Test
    void shouldGiveUpATrunkToARelayThatIsNotThereAfterItsAttempts(@TempDir Path state) throws Exception {
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", ClusterMembers.freePort());
        try (RelayServer b = relay(state, false, SECRET);
             Participant bob = participant("bob", b, false).build()) {
            b.openTrunk("team", nobody, "ghost");
            Await.until(() -> b.stats().trunks().givenUp() == 1, () -> "given up: " + b.stats().trunks());
            assertEquals(5, b.stats().trunks().reopened(), "the first attempt and 5 more, each refused");
            assertEquals(0, b.stats().trunks().open());
            assertTrue(sees(bob) && bob.roster().isEmpty(), "bob's room goes on, alone");
        }
    }

    @Test
    void shouldCloseARoomWithOnlyTrunksLeftWhenTheirOpenerGoes(@TempDir Path state) throws Exception {
        try (RelayServer a = relay(state, false, SECRET);
             RelayServer b = relay(state, false, SECRET);
             RelayServer c = relay(state, false, SECRET)) {
            Participant bob = participant("bob", b, false).build();
            try (Participant carol = participant("carol", c, false).build()) {
                b.openTrunk("team", control(a), "a");   // a has no participant in the room yet
                c.openTrunk("team", control(a), "a");
                Await.until(() -> a.stats().members().size() == 4, () -> "a holds both trunks and bob and carol "
                        + "as remote members: " + a.stats().members());
                bob.close();   // b's last participant: b closes its trunk
                Await.until(() -> a.stats().rooms() == 0, () -> "a closed the room and carol's relay's trunk: "
                        + a.stats().members());
                Await.until(() -> c.stats().members().size() == 1, () -> "c's trunk to a went: " + c.stats().members());
            } finally {
                bob.close();
            }
        }
    }

    /** @return the relays' threads alive now */
    private static long relayThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("vc-relay")).count();
    }

    @Test
    void shouldRefuseATrunkWithoutTheSecretAndDropItsRemoteMembersWhenItCloses(@TempDir Path state) throws Exception {
        try (RelayServer a = relay(state, false, SECRET);
             RelayServer b = relay(state, false, "another secret entirely");
             Participant alice = participant("alice", a, false).build();
             Participant bob = participant("bob", b, false).build()) {
            b.openTrunk("team", control(a), "a");
            Await.until(() -> a.stats().joinsRejected() >= 1, () -> "the trunk was refused");
            assertEquals(1, a.stats().members().size(), "nobody came over a refused trunk");
            assertTrue(!sees(alice, "bob") && !sees(bob, "alice"));
        }
    }
}
