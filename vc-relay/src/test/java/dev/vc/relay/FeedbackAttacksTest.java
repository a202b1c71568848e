package dev.vc.relay;

import dev.vc.relay.RouterHarness.Delivery;
import dev.vc.relay.RouterHarness.Peer;
import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feedback attacks on the relay, without sockets: a joined member sending NACK and PLI storms naming the
 * victims' streams, RTCP floods and forged compounds. The victims must see no more feedback than an honest room
 * causes, keep receiving each other's media, and every datagram not forwarded must be counted under a reason.
 */
class FeedbackAttacksTest {
    private static final long MS = 1_000_000L;
    private RouterHarness relay;
    private Peer alice;
    private Peer bob;
    private Peer carol;
    private Peer mallory;
    private Peer[] victims;

    @BeforeEach
    void threeVictimsAndAnAttackerInOneRoom() {
        relay = new RouterHarness();
        alice = relay.join("alice", 41_000);
        bob = relay.join("bob", 41_001);
        carol = relay.join("carol", 41_002);
        mallory = relay.join("mallory", 41_003);
        victims = new Peer[] {alice, bob, carol};
        relay.deliveries.clear();
    }

    /** Feedback packets (RTPFB, PSFB) delivered to {@code peer}, as {NACKs, PLIs}. */
    private int[] feedbackTo(Peer peer) {
        int[] counts = new int[2];
        for (Delivery d : relay.deliveries) {
            if (d.receiver() == peer.member && RtcpReader.isRtcp(d.data(), 0, d.data().length)) {
                RtcpReader.read(d.data(), 0, d.data().length, new RtcpHandler() {
                    @Override
                    public void onPacket(int type, int countOrFormat, int ssrc, int media) {
                        if (type == RtcpReader.RTPFB) {
                            counts[0]++;
                        } else if (type == RtcpReader.PSFB) {
                            counts[1]++;
                        }
                    }
                });
            }
        }
        return counts;
    }

    /** 30 frames of 4 packets from each victim, one frame each 33 ms: everyone must get all of them. */
    private void victimsSendASecondOfVideo(int firstSequence) {
        for (int frame = 0; frame < 30; frame++) {
            for (int p = 0; p < 4; p++) {
                for (Peer v : victims) {
                    relay.rtp(v, (firstSequence + frame * 4 + p) & 0xFFFF, 1_000);
                }
            }
            relay.now += 33 * MS;
        }
    }

    private void assertEveryVictimGotEveryOthersPackets(long each) {
        for (Peer sender : victims) {
            for (Peer receiver : victims) {
                if (sender != receiver) {
                    assertEquals(each, relay.rtpDelivered(sender, receiver), sender.member + " -> " + receiver.member);
                }
            }
        }
    }

    @Test
    void shouldAnswerANackStormFromItsCacheAndNeverPassItToTheVictims() {
        relay.now = 10 * MS;
        victimsSendASecondOfVideo(0);  // sequence numbers 0..119
        relay.deliveries.clear();
        int[] lost = new int[527];
        byte[] nack = new byte[12 + 4 * lost.length];
        int datagrams = 0;
        for (int round = 0; round < 20; round++) {               // 20 a second, for a second
            for (Peer v : victims) {
                for (int i = 0; i < lost.length; i++) {
                    lost[i] = (119 - 526 + i) & 0xFFFF;          // "the last 527 sequence numbers"
                }
                int n = RtcpWriter.nack(nack, 0, mallory.ssrc(), v.ssrc(), lost, lost.length);
                relay.send(mallory, nack, n);
                datagrams++;
            }
            relay.now += 50 * MS;
        }
        for (Peer v : victims) {
            assertEquals(0, feedbackTo(v)[0], "no NACK reaches " + v.member);
        }
        long resentBytes = relay.deliveries.stream().filter(d -> d.receiver() == mallory.member)
                .mapToLong(d -> d.data().length).sum();
        assertTrue(resentBytes * 8 <= 1_000_000 + 2_000_000 + 8_000,  // half a second of burst, a second of rate
                "retransmissions to the attacker stay within its budget: " + resentBytes + " bytes");
        assertTrue(relay.router.retransmissions() > 0, "the relay answered from its cache");
        long counted = relay.dropped(DropReason.NACK_LIMITED) + relay.dropped(DropReason.RTCP_BUDGET);
        assertTrue(counted > 0 && counted <= datagrams, "refusals counted: " + counted);
        relay.deliveries.clear();
        victimsSendASecondOfVideo(120);
        assertEveryVictimGotEveryOthersPackets(120);
    }

    @Test
    void shouldAnswerAnHonestNackWithoutBotheringTheSender() {
        relay.now = 10 * MS;
        victimsSendASecondOfVideo(0);
        relay.deliveries.clear();
        byte[] nack = new byte[16];
        int n = RtcpWriter.nack(nack, 0, bob.ssrc(), alice.ssrc(), new int[] {100}, 1);
        relay.send(bob, nack, n);
        assertEquals(1, relay.rtxDelivered(alice, bob), "the relay resent alice's packet 100 to bob, as RTX");
        assertEquals(0, feedbackTo(alice)[0], "alice never saw the NACK");
        // A packet the relay never received is asked of the sender.
        relay.deliveries.clear();
        relay.rtp(alice, 121, 1_000);                              // 120 lost on its way to the relay
        n = RtcpWriter.nack(nack, 0, bob.ssrc(), alice.ssrc(), new int[] {120}, 1);
        relay.send(bob, nack, n);
        assertEquals(1, feedbackTo(alice)[0]);
    }

    @Test
    void shouldCoalesceAPliStormToTwoKeyframeRequestsASecondPerVictim() {
        relay.now = 10 * MS;
        byte[] pli = new byte[12];
        int sent = 0;
        for (int i = 0; i < 500; i++) {                             // 500 a second, for a second
            for (Peer v : victims) {
                relay.send(mallory, pli, RtcpWriter.pli(pli, 0, mallory.ssrc(), v.ssrc()));
                sent++;
            }
            relay.now += 2 * MS;
        }
        int forwarded = 0;
        for (Peer v : victims) {
            int plis = feedbackTo(v)[1];
            assertTrue(plis >= 1 && plis <= 2, v.member + " got " + plis + " PLIs in a second");
            forwarded += plis;
        }
        assertEquals(sent - forwarded, relay.dropped(DropReason.KEYFRAME_REQUEST_COALESCED)
                + relay.dropped(DropReason.RTCP_BUDGET), "every PLI not forwarded is counted");
    }

    @Test
    void shouldCoalesceAPliHiddenAfterAReceiverReport() {
        relay.now = 10 * MS;
        byte[] compound = new byte[64];
        int sent = 0;
        for (int i = 0; i < 100; i++) {
            int n = RtcpWriter.receiverReport(compound, 0, mallory.ssrc(), 0);
            n = RtcpWriter.pli(compound, n, mallory.ssrc(), alice.ssrc());
            relay.send(mallory, compound, n);
            sent++;
            relay.now += 2 * MS;
        }
        assertEquals(1, feedbackTo(alice)[1], "a compound with feedback is policed as feedback");
        assertEquals(0, feedbackTo(bob)[1] + feedbackTo(carol)[1], "and goes only to the stream it names");
        assertEquals(sent - 1, relay.dropped(DropReason.KEYFRAME_REQUEST_COALESCED));
    }

    @Test
    void shouldDropForgedSenderReportsAndByesInsideACompound() {
        byte[] compound = new byte[128];
        int n = RtcpWriter.receiverReport(compound, 0, mallory.ssrc(), 0);
        n = RtcpWriter.senderReport(compound, n, bob.ssrc(), 0, 0, 10, 1000, 0);
        compound[n] = (byte) 0x81;                                 // BYE naming bob
        compound[n + 1] = (byte) RtcpReader.BYE;
        compound[n + 3] = 1;
        java.nio.ByteBuffer.wrap(compound).putInt(n + 4, bob.ssrc());
        n += 8;
        relay.send(mallory, compound, n);
        assertEquals(0, relay.deliveries.size());
        assertEquals(1, mallory.member.drops.get(DropReason.WRONG_SSRC));
    }

    @Test
    void shouldHoldAnRtcpFloodToTheMembersBudget() {
        relay.now = 10 * MS;
        byte[] compound = new byte[1_200];
        int n = RtcpWriter.receiverReport(compound, 0, mallory.ssrc(), 0);
        n = RtcpWriter.cname(compound, n, mallory.ssrc(), "x".repeat(200));
        int sent = 0;
        for (int i = 0; i < 1_000; i++) {                           // 1,000 a second
            relay.send(mallory, compound, n);
            sent++;
            relay.now += MS;
        }
        long forwarded = relay.delivered(alice);
        assertTrue(forwarded * n * 8 <= 400_000 + 200_000, "forwarded " + forwarded + " of " + sent);
        assertEquals(sent - forwarded, relay.dropped(DropReason.RTCP_BUDGET));
        relay.deliveries.clear();
        victimsSendASecondOfVideo(0);
        assertEveryVictimGotEveryOthersPackets(120);
    }
}
