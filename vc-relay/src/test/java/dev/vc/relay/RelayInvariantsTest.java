package dev.vc.relay;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.rtcp.RtcpReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's routing and membership driven in memory (no sockets) by random sequences of joins, leaves,
 * disconnects, address changes, honest and spoofed packets. After every step: no echo, no cross-room
 * delivery, every current bound room-mate gets each packet exactly once, spoofed packets go nowhere, and
 * every participant's roster (as built from the messages it was sent) matches the forwarding table.
 */
class RelayInvariantsTest {
    enum Kind { JOIN_A, JOIN_B, LEAVE, DISCONNECT, SEND, SPOOF, REBIND }

    record Step(Kind kind, int who, int other) {
    }

    /** A participant as the test drives it. */
    private static final class Client implements ControlPeer {
        final List<ControlMessage> received = new ArrayList<>();
        final InetSocketAddress control;
        Member member;
        MediaHello hello;
        InetSocketAddress media;
        long counter;
        boolean gone;

        Client(int n) {
            control = address(40_000 + n);
        }

        @Override
        public void send(ControlMessage message) {
            received.add(message);
        }

        @Override
        public InetSocketAddress remote() {
            return control;
        }

        /** The room as this client was told it: the join answer's roster plus later joins and leaves. */
        Set<Integer> rosterView() {
            Set<Integer> ids = new HashSet<>();
            for (ControlMessage m : received) {
                if (m instanceof JoinAccepted a) {
                    a.roster().forEach(p -> ids.add(p.participantId()));
                } else if (m instanceof ControlMessage.ParticipantJoined j) {
                    ids.add(j.participant().participantId());
                } else if (m instanceof ControlMessage.ParticipantLeft l) {
                    ids.remove(l.participantId());
                }
            }
            return ids;
        }
    }

    private record Delivery(InetSocketAddress to, Member receiver, int ssrc) {
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Property(tries = 300)
    void routingAndRostersStayConsistent(@ForAll("steps") List<Step> steps) {
        RelaySettings settings = RelaySettings.builder().mediaInsecure(true).maxParticipantsPerRoom(4).build();
        RoomDirectory directory = new RoomDirectory(settings);
        directory.mediaPort(5001);
        List<Delivery> deliveries = new ArrayList<>();
        MediaRouter router = new MediaRouter(directory, 1500,
                (data, length, to, receiver) -> {
                    if (!RtcpReader.isRtcp(data, 0, length)) {  // the relay's own RTCP (layer caps) is not media
                        deliveries.add(new Delivery(to, receiver, ssrcOf(data, length)));
                    }
                });
        List<Client> clients = new ArrayList<>();
        int nextPort = 50_000;

        long now = 0;
        for (Step step : steps) {
            now += HelloRules.REBIND_INTERVAL_NANOS;  // a binding may move once per step
            deliveries.clear();
            List<Client> live = clients.stream().filter(c -> c.member != null && !c.gone).toList();
            Client who = live.isEmpty() ? null : live.get(step.who() % live.size());
            switch (step.kind()) {
                case JOIN_A, JOIN_B -> {
                    Client c = new Client(clients.size());
                    clients.add(c);
                    RoomDirectory.JoinResult result = directory.join(new Join(step.kind() == Kind.JOIN_A ? "a" : "b",
                            "p" + clients.size(), "", Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG)), c, now);
                    c.send(result.reply());
                    c.member = result.member();
                    if (c.member != null) {
                        c.hello = new MediaHello(((JoinAccepted) result.reply()).sessionKey());
                        c.media = address(nextPort++);
                        hello(router, c, now);
                    }
                }
                case LEAVE, DISCONNECT -> {
                    if (who != null) {
                        directory.leave(who.member, step.kind() == Kind.LEAVE ? "left" : "connection lost");
                        who.gone = true;
                    }
                }
                case REBIND -> {
                    if (who != null) {
                        InetSocketAddress old = who.media;
                        who.media = address(nextPort++);
                        deliveries.clear();
                        hello(router, who, now);
                        deliveries.clear();
                        router.onDatagram(rtp(who.member.ssrc), 100, old, now);
                        assertTrue(deliveries.isEmpty(), "the old address no longer speaks for " + who.member);
                    }
                }
                case SEND -> {
                    if (who != null) {
                        router.onDatagram(rtp(who.member.ssrc), 100, who.media, now);
                        Set<Member> expected = new HashSet<>();
                        for (Client other : live) {
                            if (other != who && other.member.room == who.member.room) {
                                expected.add(other.member);
                            }
                        }
                        Set<Member> got = new HashSet<>();
                        for (Delivery d : deliveries) {
                            assertNotSame(who.member, d.receiver(), "no echo");
                            assertSame(who.member.room, d.receiver().room, "no cross-room delivery");
                            assertEquals(d.receiver().mediaAddress, d.to(), "sent to the bound address");
                            assertEquals(who.member.ssrc, d.ssrc());
                            assertTrue(got.add(d.receiver()), "each room-mate once");
                        }
                        assertEquals(expected, got, "every current room-mate gets it");
                    }
                }
                case SPOOF -> {
                    if (who != null && live.size() > 1) {
                        Client victim = live.get(step.other() % live.size());
                        if (victim != who) {
                            router.onDatagram(rtp(victim.member.ssrc), 100, who.media, now);
                            assertTrue(deliveries.isEmpty(), "a stolen SSRC goes nowhere");
                        }
                    }
                }
            }
            checkRosters(clients, directory);
        }
    }

    private static void hello(MediaRouter router, Client c, long now) {
        byte[] packet = new byte[MediaHello.REQUEST_BYTES];
        int n = c.hello.writeRequest(packet, 0, c.member.id, ++c.counter, 7);
        router.onDatagram(packet, n, c.media, now);
        assertEquals(c.media, c.member.mediaAddress, "a valid hello binds");
    }

    private static void checkRosters(List<Client> clients, RoomDirectory directory) {
        Map<Room, Set<Integer>> rooms = new HashMap<>();
        for (Member m : directory.members()) {
            rooms.computeIfAbsent(m.room, r -> new HashSet<>()).add(m.id);
            assertSame(m, directory.byAddress(m.mediaAddress), "forwarding table points at the member");
        }
        for (Client c : clients) {
            if (c.member == null || c.gone) {
                continue;
            }
            Set<Integer> expected = new HashSet<>(rooms.get(c.member.room));
            expected.remove(c.member.id);
            assertEquals(expected, c.rosterView(), "roster of " + c.member);
            assertEquals(new HashSet<>(List.of(c.member.room.snapshot())).size(), expected.size() + 1);
        }
    }

    private static byte[] rtp(int ssrc) {
        return TestClient.rtp(ssrc, 0);
    }

    private static int ssrcOf(byte[] data, int length) {
        return length >= 12 ? java.nio.ByteBuffer.wrap(data).getInt(8) : 0;
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 20))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }
}
