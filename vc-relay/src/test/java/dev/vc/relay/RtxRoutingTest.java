package dev.vc.relay;

import dev.vc.api.RtxSsrc;
import dev.vc.relay.RouterHarness.Delivery;
import dev.vc.relay.RouterHarness.Peer;
import dev.vc.relay.layers.ForwardedStream;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtxPacket;
import dev.vc.transport.udp.rtp.RtxPacketWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sender's retransmissions (RTX, RFC 4588) through the router, without sockets: alice sends H.264 to bob and
 * carol; a packet lost before the relay comes back on alice's RTX SSRC and must reach each receiver as RTX of its
 * own (its RTX SSRC and numbers, the OSN it knows the packet by), and be cached; hostile RTX is counted and dropped.
 */
class RtxRoutingTest {
    private static final long MS = 1_000_000L;

    private final RouterHarness relay = new RouterHarness();
    private Peer alice;
    private Peer bob;
    private Peer carol;
    private RtxPacketWriter alicesRtx;
    private int nextTransportSequence;

    @BeforeEach
    void aliceSendsToBobAndCarol() {
        relay.router.selectLayers(false);
        alice = relay.join("alice", 44_000);
        bob = relay.join("bob", 44_001);
        carol = relay.join("carol", 44_002);
        alicesRtx = new RtxPacketWriter(RtxSsrc.of(alice.ssrc()), 0x7000);
        relay.now = 1_000 * MS;
    }

    @Test
    void shouldGiveMediaSsrcsWhoseRtxSsrcsAreNobodysMediaSsrc() {
        for (Peer peer : List.of(alice, bob, carol)) {
            assertTrue(RtxSsrc.isMedia(peer.ssrc()), "the lowest bit clear: " + Integer.toHexString(peer.ssrc()));
            assertEquals(-1, alice.member.layerOf(RtxSsrc.of(peer.ssrc())));
        }
        assertEquals(0, alice.member.rtxLayerOf(RtxSsrc.of(alice.ssrc())));
        assertEquals(-1, alice.member.rtxLayerOf(alice.ssrc()));
    }

    @Test
    void shouldForwardARetransmissionOfWhatItNeverReceivedToEachReceiverAsItsOwnRtxAndCacheIt() {
        for (int s = 100; s < 110; s++) {
            if (s != 105) {                                        // 105 is lost on its way to the relay
                send(media(s, s == 100));
            }
        }
        int bobsNumber = bobsNumberOf(104) + 1;                    // the gap bob sees, and NACKs
        relay.deliveries.clear();
        nack(bob, bobsNumber);
        assertEquals(1, relay.deliveries.stream().filter(d -> d.receiver() == alice.member).count(),
                "passed on to alice: the relay never had it");
        relay.deliveries.clear();

        byte[] original = media(105, false);
        send(rtx(original));

        for (Peer receiver : List.of(bob, carol)) {
            List<byte[]> got = rtpTo(receiver);
            assertEquals(1, got.size(), "one retransmission for " + receiver.member);
            ForwardedStream stream = relay.router.stream(receiver.member, alice.member);
            RtpHeader rtx = new RtpHeader().parse(got.get(0), 0, got.get(0).length);
            assertEquals(stream.rtxSsrc(), rtx.ssrc(), "the receiver's RTX stream of alice");
            assertEquals(RtxSsrc.of(alice.ssrc()), rtx.ssrc());
            assertEquals(97, rtx.payloadType());
            int osn = RtxPacket.originalSequence(rtx);
            assertEquals(105L, stream.original(osn) & 0xFFFF, "the OSN maps back to alice's 105");
            byte[] back = got.get(0).clone();
            int n = RtxPacket.unwrap(new RtpHeader().parse(back, 0, back.length), 0, back.length, 96, alice.ssrc());
            RtpHeader unwrapped = new RtpHeader().parse(back, 0, n);
            assertEquals(osn, unwrapped.sequence());
            RtpHeader sent = new RtpHeader().parse(original, 0, original.length);
            assertArrayEquals(Arrays.copyOfRange(original, sent.payloadOffset(), original.length),
                    Arrays.copyOfRange(back, unwrapped.payloadOffset(), n), "alice's payload");
        }
        List<byte[]> bobs = rtpTo(bob);
        int bobsFirstRtx = new RtpHeader().parse(bobs.get(0), 0, bobs.get(0).length).sequence();

        relay.deliveries.clear();
        relay.now += 10 * MS;
        nack(bob, bobsNumber);                                     // lost again downstream: now from the cache
        List<byte[]> again = rtpTo(bob);
        assertEquals(1, again.size(), "answered from the cache");
        RtpHeader rtx = new RtpHeader().parse(again.get(0), 0, again.get(0).length);
        assertEquals(bobsNumber, RtxPacket.originalSequence(rtx));
        assertEquals((bobsFirstRtx + 1) & 0xFFFF, rtx.sequence(), "bob's RTX stream counts on");
        assertTrue(relay.deliveries.stream().noneMatch(d -> d.receiver() == alice.member), "alice not bothered");
    }

    @Test
    void shouldCountAndDropHostileRetransmissions() {
        for (int s = 100; s < 110; s++) {
            send(media(s, s == 100));
        }
        relay.deliveries.clear();
        byte[] copy = rtx(media(103, false));
        int header = new RtpHeader().parse(copy, 0, copy.length).payloadOffset();
        send(Arrays.copyOf(copy, header + 1));                      // no room for an OSN
        byte[] badType = copy.clone();
        badType[1] = 50;
        send(badType);
        assertEquals(2, alice.member.drops.get(DropReason.RTX_MALFORMED));

        send(copy);                                                // the relay holds 103 already
        assertEquals(1, alice.member.drops.get(DropReason.RTX_DUPLICATE));

        send(rtx(media((109 - 500) & 0xFFFF, false)));            // far older than the cache
        send(rtx(media(200, false)));                              // newer than anything alice sent
        assertEquals(2, alice.member.drops.get(DropReason.RTX_OUT_OF_WINDOW));

        byte[] padding = new byte[dev.vc.transport.udp.rtp.PaddingPacketWriter.MAX_LENGTH];
        int n = dev.vc.transport.udp.rtp.PaddingPacketWriter.write(padding, 0, 97, 7, 0, RtxSsrc.of(alice.ssrc()), 0, 40);
        relay.send(alice, padding, n);                            // a probe on the RTX SSRC, as browsers send them
        assertEquals(1, relay.router.simulcastStats(0, 0).paddingPackets(), "measured as padding, not an RTX");

        byte[] stranger = copy.clone();
        java.nio.ByteBuffer.wrap(stranger).putInt(8, RtxSsrc.of(bob.ssrc()));   // someone else's RTX SSRC
        send(stranger);
        assertEquals(1, alice.member.drops.get(DropReason.WRONG_SSRC));
        assertTrue(relay.deliveries.isEmpty(), "nothing forwarded: " + relay.deliveries.size());
    }

    private void send(byte[] packet) {
        relay.send(alice, packet, packet.length);
        relay.now += MS;
    }

    private byte[] media(int sequence, boolean keyframe) {
        byte[] packet = RouterHarness.h264(alice, 0, sequence, 90_000 + sequence / 4 * 3000, keyframe,
                nextTransportSequence++);
        return packet;
    }

    private byte[] rtx(byte[] original) {
        byte[] out = new byte[original.length + RtxPacket.OSN_LENGTH];
        assertNotEquals(-1, alicesRtx.wrap(original, 0, original.length, out, 0));
        return out;
    }

    private int bobsNumberOf(int alicesSequence) {
        ForwardedStream stream = relay.router.stream(bob.member, alice.member);
        for (byte[] p : rtpTo(bob)) {
            int s = (p[2] & 0xFF) << 8 | (p[3] & 0xFF);
            if ((stream.original(s) & 0xFFFF) == alicesSequence) {
                return s;
            }
        }
        throw new AssertionError("bob never got " + alicesSequence);
    }

    private void nack(Peer from, int sequence) {
        byte[] nack = new byte[16];
        relay.send(from, nack, RtcpWriter.nack(nack, 0, from.ssrc(), alice.ssrc(), new int[] {sequence}, 1));
    }

    private List<byte[]> rtpTo(Peer receiver) {
        List<byte[]> got = new ArrayList<>();
        for (Delivery d : relay.deliveries) {
            if (d.receiver() == receiver.member && !RtcpReader.isRtcp(d.data(), 0, d.data().length)) {
                got.add(d.data());
            }
        }
        return got;
    }
}
