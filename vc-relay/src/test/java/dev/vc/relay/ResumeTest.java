package dev.vc.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A member that dropped out comes back as itself with its resume token, within the grace period only. */
class ResumeTest {
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final RoomDirectory directory = new RoomDirectory(RelaySettings.builder().resumeGraceMillis(60_000).build());

    {
        directory.mediaPort(5001);
    }

    /** A control connection that keeps what it is sent. */
    private static final class Peer implements ControlPeer {
        final List<ControlMessage> received = new ArrayList<>();

        @Override
        public void send(ControlMessage message) {
            received.add(message);
        }

        @Override
        public InetSocketAddress remote() {
            return new InetSocketAddress("127.0.0.1", 40_000);
        }
    }

    private static Join join(String room, String name) {
        return new Join(room, name, "", Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG),
                List.of(new ControlMessage.Layer(320, 240, 0), new ControlMessage.Layer(160, 120, 0)));
    }

    private RoomDirectory.JoinResult join(String name, byte[] token, Peer peer, long now) {
        RoomDirectory.JoinResult result = directory.join(join("team", name), token, peer, now);
        assertNotNull(result.member(), () -> "admitted: " + result.reply());
        return result;
    }

    private static JoinAccepted accepted(RoomDirectory.JoinResult result) {
        return (JoinAccepted) result.reply();
    }

    @Test
    void shouldResumeTheSameIdAndSsrcsAfterAConnectionLoss() {
        long now = System.nanoTime();
        Peer bob = new Peer();
        join("bob", null, bob, now);
        RoomDirectory.JoinResult first = join("alice", null, new Peer(), now);
        assertEquals(ControlMessage.RESUME_TOKEN_BYTES, first.resumeToken().length);
        directory.leave(first.member(), "connection lost");
        assertEquals(new ControlMessage.ParticipantLeft(first.member().id, "connection lost"), bob.received.get(1));

        RoomDirectory.JoinResult again = join("alice", first.resumeToken(), new Peer(), now + GRACE_NANOS / 2);
        assertEquals(accepted(first).participantId(), accepted(again).participantId());
        assertEquals(accepted(first).layerSsrcs(), accepted(again).layerSsrcs());
        assertNull(again.replaced(), "nobody was left to replace");
        assertEquals(new ControlMessage.ParticipantJoined(again.member().asRosterEntry()), bob.received.get(2),
                "the room sees the same participant come back");
        assertEquals(1, directory.resumedJoins());
        assertTrue(!java.util.Arrays.equals(first.resumeToken(), again.resumeToken()), "every join gets a new token");
    }

    @Test
    void shouldReplaceAMemberStillPresentWithoutTellingTheRoom() {
        long now = System.nanoTime();
        Peer bob = new Peer();
        join("bob", null, bob, now);
        RoomDirectory.JoinResult first = join("alice", null, new Peer(), now);
        int told = bob.received.size();

        RoomDirectory.JoinResult again = join("alice", first.resumeToken(), new Peer(), now + 1);
        assertSame(first.member(), again.replaced(), "the old connection is to be closed");
        assertEquals(first.member().id, again.member().id);
        assertArrayEquals(first.member().layerSsrcs(), again.member().layerSsrcs());
        assertSame(again.member(), directory.byId(first.member().id));
        assertEquals(List.of(new ControlMessage.ParticipantJoined(again.member().asRosterEntry())),
                bob.received.subList(told, bob.received.size()), "no departure, one (same) arrival");
        directory.leave(first.member(), "connection lost");   // the old connection closing later changes nothing
        assertSame(again.member(), directory.byId(first.member().id));
    }

    @Test
    void shouldJoinAnewWithAWrongTokenAfterLeaveOrAfterTheGracePeriod() {
        long now = System.nanoTime();
        RoomDirectory.JoinResult first = join("alice", null, new Peer(), now);
        directory.leave(first.member(), "timed out");
        byte[] forged = first.resumeToken();
        forged[forged.length - 1] ^= 1;
        RoomDirectory.JoinResult wrong = join("alice", forged, new Peer(), now);
        assertNotEquals(first.member().id, wrong.member().id, "one wrong bit: a new participant");

        directory.leave(wrong.member(), "left");
        RoomDirectory.JoinResult afterLeave = join("alice", wrong.resumeToken(), new Peer(), now);
        assertNotEquals(wrong.member().id, afterLeave.member().id, "LEAVE forgets the identity");

        directory.leave(afterLeave.member(), "connection lost");
        RoomDirectory.JoinResult late = join("alice", afterLeave.resumeToken(), new Peer(),
                System.nanoTime() + GRACE_NANOS + 1);
        assertNotEquals(afterLeave.member().id, late.member().id, "after the grace period: a new participant");

        directory.leave(late.member(), "connection lost");
        RoomDirectory.JoinResult otherRoom = directory.join(join("elsewhere", "alice"), late.resumeToken(), new Peer(),
                now);
        assertNotEquals(late.member().id, otherRoom.member().id, "a token resumes only in its own room");
        assertEquals(0, directory.resumedJoins());
    }
}
