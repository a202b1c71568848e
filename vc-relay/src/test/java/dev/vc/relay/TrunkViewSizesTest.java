package dev.vc.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlMessage;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * What a trunk tells the other relay of its participants' view sizes here: the largest width and height this relay's
 * own participants show each at, nothing while none was stated, the largest size once a receiver states none, and
 * no more often than a client's reports.
 */
class TrunkViewSizesTest {
    private static final RelaySettings SETTINGS = RelaySettings.builder().build();
    private static final long HALF_SECOND = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int BOBS_ID_THERE = 7;

    private final Room room = new Room("team");
    private final List<ControlMessage> toOtherRelay = new ArrayList<>();
    private final Member trunk = member(1, 10, peer(toOtherRelay));
    private final Member bob = member(2, 20, peer(new ArrayList<>()));   // the other relay's participant
    private final Member alice = member(3, 30, peer(new ArrayList<>()));
    private final Member carol = member(4, 40, peer(new ArrayList<>()));
    private long now = 1_000;

    TrunkViewSizesTest() {
        trunk.trunk = new TrunkLink("b", true);
        bob.via = trunk;
        trunk.trunk.add(BOBS_ID_THERE, bob);
        for (Member m : List.of(trunk, bob, alice, carol)) {
            room.add(m);
        }
    }

    private Member member(int id, int ssrc, ControlPeer connection) {
        return new Member(id, new int[] {ssrc}, List.of(ControlMessage.Layer.UNSTATED), "m" + id, VideoCodec.JPEG,
                room, connection, new byte[16], SETTINGS, 0,
                new MemberCongestion(MediaRouter.RELAY_SSRC, 64, 1200, 10, 0));
    }

    private static ControlPeer peer(List<ControlMessage> sent) {
        return new ControlPeer() {
            @Override
            public void send(ControlMessage message) {
                sent.add(message);
            }

            @Override
            public InetSocketAddress remote() {
                return new InetSocketAddress("127.0.0.1", 1);
            }
        };
    }

    /** @return what the trunk sent the other relay at the next interval */
    private List<ControlMessage> nextInterval() {
        now += HALF_SECOND;
        toOtherRelay.clear();
        trunk.trunk.views.tell(trunk, now);
        return List.copyOf(toOtherRelay);
    }

    @Test
    void shouldTellTheLargestViewOfTheOwnParticipantsOnlyWhenEveryOneStatedOne() {
        assertEquals(List.of(), nextInterval(), "nobody stated a size: nothing said, the other relay forwards the largest");
        alice.viewSizes.put(bob.id, 320, 240);
        assertEquals(List.of(), nextInterval(), "carol stated none: she may want the largest layer");
        carol.viewSizes.put(bob.id, 160, 180);
        assertEquals(List.of(new ControlMessage.ViewSize(BOBS_ID_THERE, 320, 240)), nextInterval(),
                "the largest width and height; bob's id there");
        carol.viewSizes.put(bob.id, 160, 300);
        assertEquals(List.of(new ControlMessage.ViewSize(BOBS_ID_THERE, 320, 300)), nextInterval());
        assertEquals(List.of(), nextInterval(), "nothing changed");
        alice.viewSizes.put(bob.id, 0, 0);
        carol.viewSizes.put(bob.id, 0, 0);
        assertEquals(List.of(new ControlMessage.ViewSize(BOBS_ID_THERE, 0, 0)), nextInterval(), "nobody shows bob");

        Member dave = member(5, 50, peer(new ArrayList<>()));
        room.add(dave);
        assertEquals(List.of(new ControlMessage.ViewSize(BOBS_ID_THERE, TrunkViewSizes.LARGEST, TrunkViewSizes.LARGEST)),
                nextInterval(), "dave stated no size: the largest layer again");
    }

    @Test
    void shouldSendNoMoreOftenThanAClientAndIgnoreWhatTheTrunkAndRemoteMembersShow() {
        alice.viewSizes.put(bob.id, 320, 240);
        carol.viewSizes.put(bob.id, 320, 240);
        trunk.viewSizes.put(bob.id, 1920, 1080);   // a trunk's or a remote member's entry is no view here
        bob.viewSizes.put(bob.id, 1920, 1080);
        assertEquals(List.of(new ControlMessage.ViewSize(BOBS_ID_THERE, 320, 240)), nextInterval());
        alice.viewSizes.put(bob.id, 640, 480);
        toOtherRelay.clear();
        trunk.trunk.views.tell(trunk, now + HALF_SECOND - 1);
        assertEquals(List.of(), toOtherRelay, "within 500 ms of the last: not yet");
        carol.viewSizes.put(bob.id, 322, 242);
        alice.viewSizes.put(bob.id, 324, 240);
        assertEquals(List.of(), nextInterval(), "within a few pixels of what was said: no change");
    }
}
