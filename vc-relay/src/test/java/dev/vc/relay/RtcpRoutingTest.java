package dev.vc.relay;

import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's RTCP routing, without sockets: RTCP is read whole with the transport's {@link RtcpReader}, the
 * relay's own PLI is written with {@link RtcpWriter}, and forged or malformed compounds are dropped by reason.
 */
class RtcpRoutingTest {
    private final RouterHarness harness = new RouterHarness();
    private final List<RouterHarness.Delivery> deliveries = harness.deliveries;
    private Member alice;
    private Member bob;
    private Member carol;

    @BeforeEach
    void threeMembersBoundInOneRoom() {
        alice = harness.join("alice", 41_000).member;
        bob = harness.join("bob", 41_001).member;
        carol = harness.join("carol", 41_002).member;
        deliveries.clear();
        harness.now = 1_000_000_000L;
    }

    private void send(Member from, byte[] packet, int length) {
        harness.sendFrom(from.mediaAddress, packet, length);
    }

    @Test
    void shouldSendFeedbackOnlyToTheMemberItNames() {
        byte[] pli = new byte[12];
        send(alice, pli, RtcpWriter.pli(pli, 0, alice.ssrc, bob.ssrc));
        assertEquals(1, deliveries.size());
        assertEquals(bob, deliveries.get(0).receiver());
        assertArrayEquals(pli, deliveries.get(0).data(), "forwarded unchanged");
    }

    @Test
    void shouldSendReportsToTheRestOfTheRoom() {
        byte[] compound = new byte[64];
        int n = RtcpWriter.receiverReport(compound, 0, alice.ssrc, 0);
        n = RtcpWriter.cname(compound, n, alice.ssrc, "alice@host");
        send(alice, compound, n);
        assertEquals(List.of(bob, carol), deliveries.stream().map(RouterHarness.Delivery::receiver).toList());
    }

    @Test
    void shouldDropACompoundThatHidesAnotherMembersPacketAfterItsOwn() {
        byte[] compound = new byte[64];
        int n = RtcpWriter.receiverReport(compound, 0, alice.ssrc, 0);
        n = RtcpWriter.pli(compound, n, bob.ssrc, carol.ssrc);  // a PLI "from bob", forged by alice
        send(alice, compound, n);
        assertTrue(deliveries.isEmpty(), "forwarded: " + deliveries);
        assertEquals(1, alice.drops.get(DropReason.WRONG_SSRC));
    }

    @Test
    void shouldDropAMalformedCompoundAsMalformed() {
        byte[] compound = new byte[64];
        int n = RtcpWriter.receiverReport(compound, 0, alice.ssrc, 0);
        compound[3] = 9;  // the length field now runs past the datagram's end
        send(alice, compound, n);
        assertTrue(deliveries.isEmpty());
        assertEquals(1, alice.drops.get(DropReason.MALFORMED));
    }

    @Test
    void shouldAskEverySenderForAKeyframeWithAStandardPliWhenSomeoneBinds() {
        send(bob, TestClient.rtp(bob.ssrc, 0), 100);  // bob is sending
        deliveries.clear();
        Member dave = harness.join("dave", 41_003).member;
        List<int[]> plis = new ArrayList<>();
        for (RouterHarness.Delivery d : deliveries) {
            if (RtcpReader.isRtcp(d.data(), 0, d.data().length)) {
                RtcpReader.read(d.data(), 0, d.data().length, new RtcpHandler() {
                    @Override
                    public void onPictureLossIndication(int sender, int media) {
                        plis.add(new int[] {sender, media});
                        assertEquals(bob, d.receiver(), "the PLI goes to the sender it names");
                    }
                });
            }
        }
        assertEquals(1, plis.size(), "only bob is sending");
        assertArrayEquals(new int[] {MediaRouter.RELAY_SSRC, bob.ssrc}, plis.get(0));
        assertTrue(dave.mediaAddress != null);
    }
}
