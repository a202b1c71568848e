package dev.vc.relay;

import dev.vc.api.RtxSsrc;
import dev.vc.api.control.ControlMessage;
import dev.vc.relay.RouterHarness.Delivery;
import dev.vc.relay.RouterHarness.Peer;
import dev.vc.relay.layers.ForwardedStream;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import dev.vc.transport.udp.dtls.DtlsCertificate;
import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpSequence;
import dev.vc.transport.udp.rtp.RtxPacket;
import dev.vc.transport.udp.srtp.SrtpContext;
import dev.vc.transport.udp.srtp.SrtpMasterKey;
import dev.vc.transport.udp.srtp.SrtpProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulcast through the router, without sockets: alice sends two H.264 layers (each packet's payload names its
 * layer and original sequence number, so a test can tell where a forwarded packet came from), bob and carol
 * receive. Each receiver must see one continuous stream under alice's layer-0 SSRC made of the layer it targets,
 * switching only at a keyframe; its NACKs, PLIs and alice's sender reports must be translated to and from the
 * layer it gets.
 */
class SimulcastRoutingTest {
    private static final long MS = 1_000_000L;
    private static final int[] TIMESTAMP_ORIGIN = {1_000_000, 7_000_000};

    private final RouterHarness relay = manual(new RouterHarness());
    private final int[] nextSequence = {1_000, 50_000};
    private int nextTransportSequence;
    private Peer alice;
    private Peer bob;
    private Peer carol;

    /** These tests set each receiver's layers themselves ({@code LayerSelectionTest} tests the relay's choice). */
    private static RouterHarness manual(RouterHarness harness) {
        harness.router.selectLayers(false);
        return harness;
    }

    /** One RTP packet as a receiver got it. */
    private record Got(int sequence, int timestamp, int ssrc, int layer, int originalSequence, int transportSequence,
                       byte[] data) {
    }

    @BeforeEach
    void aliceSendsTwoLayersToBobAndCarol() {
        alice = relay.join("alice", 43_000, 2);
        bob = relay.join("bob", 43_001);
        carol = relay.join("carol", 43_002);
        relay.deliveries.clear();
        relay.now = 1_000 * MS;
    }

    @Test
    void shouldGiveTheTwoLayerSenderDistinctSsrcsAndStartEveryReceiverAtLayerZero() {
        assertEquals(2, alice.layerSsrcs.size());
        assertEquals(alice.ssrc(), alice.ssrc(0));
        assertNotEquals(alice.ssrc(0), alice.ssrc(1));
        assertEquals(2, alice.member.layerCount());
        assertEquals(1, alice.member.layerOf(alice.ssrc(1)));
        assertEquals(0, relay.router.stream(bob.member, alice.member).target());
        assertEquals(0, relay.router.stream(alice.member, bob.member).target());
    }

    @Test
    void shouldGiveEachReceiverTheLayerItTargetsAsOneContinuousStreamUnderTheLayerZeroSsrc() {
        assertTrue(relay.router.target(carol.member, alice.member, 1, relay.now));
        for (int frame = 0; frame < 10; frame++) {
            frame(frame, frame == 0, frame == 0);
        }
        assertOneContinuousStream(received(bob), 0, 20);
        assertOneContinuousStream(received(carol), 1, 20);
        RelayStats.SimulcastStats stats = relay.router.simulcastStats(0, 0);
        assertArrayEquals(new long[] {20, 20, 0}, stats.forwardedByLayer());
        assertEquals(2, stats.layerSwitches(), "each receiver started once");
    }

    @Test
    void shouldAskAgainOnceTheSecondIsOverForAKeyframeAskedForWithinIt() {
        frame(0, true, true);
        relay.deliveries.clear();
        relay.router.target(bob.member, alice.member, 1, relay.now);
        relay.router.target(carol.member, alice.member, 1, relay.now + 10 * MS);  // carol joins within the second
        relay.router.target(bob.member, alice.member, 0, relay.now + 20 * MS);
        relay.router.target(bob.member, alice.member, 1, relay.now + 30 * MS);
        assertEquals(1, plisTo(alice).size(), "the second request waits");
        long firstPli = relay.now;
        while (relay.now - firstPli < LayerForwarding.RELAY_PLI_INTERVAL_NANOS) {
            frame(1, false, false);
        }
        assertEquals(1, plisTo(alice).size(), "not within the second");
        frame(2, false, false);
        assertEquals(List.of(List.of(MediaRouter.RELAY_SSRC, alice.ssrc(1)), List.of(MediaRouter.RELAY_SSRC,
                alice.ssrc(1))), plisTo(alice), "asked once more, with the first packet after the second");
        for (int frame = 3; frame < 40; frame++) {
            frame(frame, false, false);
        }
        assertEquals(2, plisTo(alice).size(), "asked once: the waiting request is gone");
    }

    @Test
    void shouldNotAskAgainWhenAKeyframeCameWithinTheSecond() {
        frame(0, true, true);
        relay.deliveries.clear();
        relay.router.target(bob.member, alice.member, 1, relay.now);
        relay.router.target(carol.member, alice.member, 1, relay.now + 10 * MS);
        frame(1, false, true);                                   // the keyframe asked for serves both
        for (int frame = 2; frame < 40; frame++) {
            frame(frame, false, false);
        }
        assertEquals(1, plisTo(alice).size(), "the keyframe answered the waiting request");
        assertEquals(1, relay.router.stream(carol.member, alice.member).current());
    }

    @Test
    void shouldSwitchOnlyAtAKeyframeOfTheNewLayerAndAskForOneWithAPliNamingItsSsrc() {
        for (int frame = 0; frame < 5; frame++) {
            frame(frame, frame == 0, frame == 0);
        }
        relay.deliveries.clear();
        relay.router.target(bob.member, alice.member, 1, relay.now);
        assertEquals(List.of(List.of(MediaRouter.RELAY_SSRC, alice.ssrc(1))), plisTo(alice), "a PLI for layer 1");
        relay.router.target(carol.member, alice.member, 1, relay.now + 10 * MS);
        assertEquals(1, plisTo(alice).size(), "at most one a second per layer");
        assertEquals(0b11, alice.member.layersWanted, "layer 0 still flows while layer 1 is awaited");
        relay.deliveries.clear();
        for (int frame = 5; frame < 8; frame++) {
            frame(frame, false, false);                          // no keyframe yet: bob stays on layer 0
        }
        frame(8, false, true);                                   // layer 0's packets, then layer 1's keyframe
        frame(9, false, false);
        frame(10, false, false);
        List<Got> got = received(bob);
        assertEquals(14, got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(i < 8 ? 0 : 1, got.get(i).layer(), "packet " + i);
            assertEquals(alice.ssrc(), got.get(i).ssrc());
            if (i > 0) {
                assertEquals(RtpSequence.next(got.get(i - 1).sequence()), got.get(i).sequence(), "continuous");
                assertTrue(got.get(i).timestamp() - got.get(i - 1).timestamp() >= 0, "time never goes back");
            }
        }
        assertTrue(got.get(8).timestamp() - got.get(7).timestamp() > 0, "the switch moves time on");
        assertEquals(4, relay.router.simulcastStats(0, 0).layerSwitches(), "two starts, two switches");
        assertEquals(0b10, alice.member.layersWanted, "nobody gets layer 0 any more");
    }

    @Test
    void shouldAnswerANackFromTheLayerItsReceiverGetsWithTheHeaderItWasForwardedWith() {
        relay.router.target(bob.member, alice.member, 1, relay.now);
        for (int frame = 0; frame < 4; frame++) {
            frame(frame, frame == 0, frame == 0);
        }
        List<Got> got = received(bob);
        Got asked = got.get(3);
        int lastTransport = got.get(got.size() - 1).transportSequence();
        relay.deliveries.clear();
        nack(bob, asked.sequence());
        List<Got> resent = received(bob);
        assertEquals(1, resent.size(), "the relay resent it itself");
        Got again = resent.get(0);
        assertEquals(RtpSequence.next(lastTransport), again.transportSequence(), "a fresh transport-wide number");
        ForwardedStream stream = relay.router.stream(bob.member, alice.member);
        assertEquals(RtxSsrc.of(alice.ssrc()), again.ssrc(), "as RTX (RFC 4588), on bob's RTX SSRC of alice");
        assertEquals(stream.rtxSsrc(), again.ssrc());
        RtpHeader rtx = new RtpHeader().parse(again.data(), 0, again.data().length);
        assertEquals(97, rtx.payloadType(), "H.264's RTX payload type");
        assertEquals(asked.sequence(), RtxPacket.originalSequence(rtx), "the OSN is the number bob knows it by");
        byte[] expected = asked.data().clone();
        int at = TransportSequenceNumber.locate(expected, 0, expected.length, TransportSequenceNumber.DEFAULT_ID);
        TransportSequenceNumber.rewrite(expected, at, again.transportSequence());
        byte[] original = again.data().clone();
        int n = RtxPacket.unwrap(new RtpHeader().parse(original, 0, original.length), 0, original.length, 96,
                alice.ssrc());
        assertArrayEquals(expected, java.util.Arrays.copyOf(original, n),
                "unwrapped, the packet as bob got it: layer 1's, his numbers, alice's SSRC");
        assertTrue(plisTo(alice).isEmpty() && nacksTo(alice).isEmpty(), "alice never heard of it");
        assertEquals(1, relay.router.retransmissions());
    }

    @Test
    void shouldPassOnWhatTheRelayNeverReceivedTranslatedToTheLayersSsrcAndNumbers() {
        relay.router.target(bob.member, alice.member, 1, relay.now);
        frame(0, true, true);
        int lost = nextSequence[1]++;                            // layer 1's next packet never reaches the relay
        frame(1, false, false);
        List<Got> got = received(bob);
        int gap = -1;
        for (int i = 1; i < got.size(); i++) {
            if (got.get(i).sequence() != RtpSequence.next(got.get(i - 1).sequence())) {
                gap = RtpSequence.next(got.get(i - 1).sequence());
            }
        }
        assertTrue(gap >= 0, "bob sees a gap: " + got);
        relay.deliveries.clear();
        nack(bob, gap);
        assertEquals(List.of(List.of(bob.ssrc(), alice.ssrc(1), lost)), nacksTo(alice));
        RelayStats.SimulcastStats stats = relay.router.simulcastStats(0, 0);
        assertEquals(1, stats.nackTranslated());
        assertEquals(1, stats.nackUnanswerable());
    }

    @Test
    void shouldCountANackForNumbersItNeverForwardedAsUnanswerable() {
        frame(0, true, true);
        relay.deliveries.clear();
        nack(bob, 7);                                            // bob never saw a 7
        assertTrue(received(bob).isEmpty());
        assertTrue(nacksTo(alice).isEmpty());
        assertEquals(1, relay.router.simulcastStats(0, 0).nackUnanswerable());
        assertEquals(0, relay.router.simulcastStats(0, 0).nackTranslated());
        assertEquals(1, bob.member.drops.get(DropReason.NACK_LIMITED));
    }

    @Test
    void shouldTurnAReceiversPliIntoOneForTheLayerItGetsOrAwaits() {
        frame(0, true, true);
        relay.router.target(bob.member, alice.member, 1, relay.now);  // awaiting layer 1
        relay.deliveries.clear();
        relay.now += 2_000 * MS;
        pli(bob);
        pli(carol);
        pli(carol);                                              // coalesced: layer 0 was asked 0 ms ago
        assertEquals(List.of(List.of(bob.ssrc(), alice.ssrc(1)), List.of(carol.ssrc(), alice.ssrc(0))),
                plisTo(alice));
        assertEquals(1, carol.member.drops.get(DropReason.KEYFRAME_REQUEST_COALESCED));
        relay.router.target(carol.member, alice.member, ForwardedStream.NO_LAYER, relay.now);
        relay.now += 2_000 * MS;
        pli(carol);
        assertEquals(1, carol.member.drops.get(DropReason.NOT_RECEIVING), "carol hides alice");
    }

    @Test
    void shouldSendEachReceiverOnlyTheSenderReportOfItsLayerRewrittenToItsStream() {
        relay.router.target(bob.member, alice.member, 1, relay.now);
        frame(0, true, true);
        Got bobs = received(bob).get(0);
        Got carols = received(carol).get(0);
        int bobOffset = bobs.timestamp() - TIMESTAMP_ORIGIN[1];
        int carolOffset = carols.timestamp() - TIMESTAMP_ORIGIN[0];
        Peer dave = relay.join("dave", 43_003);                  // bound, but nothing forwarded to him yet
        relay.deliveries.clear();
        byte[] compound = new byte[128];
        int n = RtcpWriter.senderReport(compound, 0, alice.ssrc(0), 42L << 32, TIMESTAMP_ORIGIN[0] + 6000, 2, 200, 0);
        n = RtcpWriter.senderReport(compound, n, alice.ssrc(1), 42L << 32, TIMESTAMP_ORIGIN[1] + 6000, 2, 200, 0);
        n = RtcpWriter.cname(compound, n, alice.ssrc(0), "alice@host");
        relay.send(alice, compound, n);
        assertEquals(List.of(List.of(alice.ssrc(), TIMESTAMP_ORIGIN[1] + 6000 + bobOffset)), senderReports(bob));
        assertEquals(List.of(List.of(alice.ssrc(), TIMESTAMP_ORIGIN[0] + 6000 + carolOffset)), senderReports(carol));
        assertTrue(senderReports(dave).isEmpty(), "no layer forwarded to dave yet: no SR");
        for (Peer receiver : List.of(bob, carol, dave)) {
            assertEquals(1, relay.delivered(receiver), "the SDES reaches " + receiver.member);
        }
        assertEquals(0, alice.member.drops.get(DropReason.MALFORMED), "one SR per layer in a compound is fine");
    }

    @Test
    void shouldComputeTheWantedLayersAndTellTheSenderOnlyWhenTheyChange() {
        LayersWantedNotifier notifier = new LayersWantedNotifier();
        frame(0, true, true);
        notifier.tell(alice.member);
        assertEquals(List.of(new ControlMessage.LayersWanted(0b01)), layersWanted(alice), "only layer 0 is received");
        notifier.tell(alice.member);
        assertEquals(1, notifier.sent(), "nothing new, nothing sent");
        relay.router.target(bob.member, alice.member, 1, relay.now);
        relay.router.target(carol.member, alice.member, 1, relay.now);
        assertEquals(0b11, alice.member.layersWanted);
        frame(1, false, true);                                   // both switch: layer 0 is no longer wanted
        notifier.tell(alice.member);
        assertEquals(List.of(new ControlMessage.LayersWanted(0b01), new ControlMessage.LayersWanted(0b10)),
                layersWanted(alice), "changes between two ticks coalesce into the latest");
        relay.router.target(bob.member, alice.member, ForwardedStream.NO_LAYER, relay.now);
        relay.router.target(carol.member, alice.member, ForwardedStream.NO_LAYER, relay.now);
        assertEquals(0, alice.member.layersWanted, "nobody shows alice: she may pause");
        relay.directory.leave(bob.member, "left");
        relay.directory.leave(carol.member, "left");
        frame(2, false, false);                                  // alice's next datagram sees her alone
        assertEquals(0b01, alice.member.layersWanted, "alone, layer 0 stays wanted for the next newcomer");
        notifier.tell(alice.member);
        assertEquals(3, notifier.sent());
    }

    @Test
    void shouldMeasurePaddingForTheSendersFeedbackAndNeverForwardIt() {
        frame(0, true, true);
        relay.deliveries.clear();
        byte[] probe = new byte[60];
        probe[0] = (byte) 0xB0;                                  // V=2, P, X
        probe[1] = 96;
        ByteBuffer.wrap(probe).putShort(2, (short) nextSequence[1]++).putInt(8, alice.ssrc(1));
        int probeTransport = nextTransportSequence++;
        TransportSequenceNumber.writeExtension(probe, 12, TransportSequenceNumber.DEFAULT_ID, probeTransport);
        probe[59] = 40;                                          // everything after the extension is padding
        relay.send(alice, probe, probe.length);
        assertEquals(0, relay.delivered(bob) + relay.delivered(carol), "a probe is not forwarded");
        assertEquals(1, relay.router.simulcastStats(0, 0).paddingPackets());
        relay.now += 100 * MS;
        frame(1, false, false);
        List<Integer> reported = new ArrayList<>();
        for (Delivery d : relay.deliveries) {
            if (d.receiver() == alice.member && d.data()[1] == (byte) RtcpReader.RTPFB) {
                dev.vc.transport.udp.cc.TransportFeedbackReader.read(d.data(), 0, d.data().length,
                        new dev.vc.transport.udp.cc.TransportFeedbackHandler() {
                            @Override
                            public void onFeedback(int sender, int media, int base, int count, int reference,
                                                   int feedbackCount) {
                            }

                            @Override
                            public void onReceived(int sequence, long arrivalMicros) {
                                reported.add(sequence);
                            }

                            @Override
                            public void onNotReceived(int sequence) {
                            }
                        });
            }
        }
        assertTrue(reported.contains(probeTransport), "the probe's arrival is reported: " + reported);
    }

    @Test
    void shouldForwardALegacySingleLayerSendersPacketsUnchangedFromAnyPacket() {
        byte[] delta = TestClient.rtp(bob.ssrc(), 0);
        delta[12] = 0x41;                                        // a non-IDR slice: no keyframe needed to start
        ByteBuffer.wrap(delta).putShort(2, (short) 777).putInt(4, 123_456);
        relay.send(bob, delta.clone(), delta.length);
        List<byte[]> toCarol = relay.deliveries.stream().filter(d -> d.receiver() == carol.member)
                .map(Delivery::data).toList();
        assertEquals(1, toCarol.size());
        assertArrayEquals(delta, toCarol.get(0), "byte for byte");
        assertEquals(List.of(bob.ssrc()), bob.layerSsrcs);
        relay.deliveries.clear();
        assertTrue(relay.router.target(carol.member, bob.member, 2, relay.now));
        assertEquals(0, relay.router.stream(carol.member, bob.member).target(), "a single layer is all there is");
        assertTrue(plisTo(bob).isEmpty(), "it is already forwarded: no keyframe asked");
        assertEquals(0b1, bob.member.layersWanted);
    }

    @Test
    void layersWantedIsNeverSentToALegacyMemberThatIsWatched() {
        LayersWantedNotifier notifier = new LayersWantedNotifier();
        notifier.tell(bob.member);
        notifier.tell(carol.member);
        assertFalse(bob.control.stream().anyMatch(m -> m instanceof ControlMessage.LayersWanted));
        assertEquals(0, notifier.sent());
    }

    /**
     * A receiver whose DTLS handshake is still finishing (the relay's handshake thread has not published its keys)
     * gets nothing, and its stream does not start: the relay's output would drop the first packets of a keyframe
     * that came before the keys and send the rest once they are in, an IDR slice without its SPS and PPS under
     * numbers that show no loss, which the receiver's decoder rejects. Its stream starts at the first keyframe after
     * its keys, from that keyframe's first packet.
     */
    @Test
    void shouldStartAReceiversStreamOnlyAtAKeyframeAfterItsKeys() throws Exception {
        MemberSrtp handshaking = new MemberSrtp(DtlsCertificate.generate().fingerprint());
        bob.member.srtp = handshaking;
        byte[] start = packet(0, nextSequence[0]++, TIMESTAMP_ORIGIN[0], true);
        relay.send(alice, start, start.length);
        assertEquals(List.of(), received(bob), "nothing before its keys");
        assertEquals(ForwardedStream.NO_LAYER, relay.router.stream(bob.member, alice.member).current(),
                "its stream has not started");
        handshaking.sending = SrtpContext.forSending(new SrtpMasterKey(SrtpProfile.AEAD_AES_128_GCM, new byte[16],
                new byte[12]));
        byte[] rest = packet(0, nextSequence[0]++, TIMESTAMP_ORIGIN[0], false);
        relay.send(alice, rest, rest.length);
        assertEquals(List.of(), received(bob), "nor the rest of a keyframe whose start came before them");
        relay.now += 33 * MS;
        frame(1, false, false);
        assertEquals(List.of(), received(bob), "nor a delta frame");
        int keyframe = nextSequence[0];
        frame(2, true, false);
        List<Got> got = received(bob);
        assertOneContinuousStream(got, 0, 2);
        assertEquals(keyframe, got.get(0).originalSequence(), "from the keyframe's first packet");
        assertEquals(6, received(carol).size(), "a keyed receiver got all of it");
    }

    /**
     * A receiver bound between a keyframe's first packet (vc's senders open it with SPS and PPS in a STAP-A) and its
     * IDR slice does not start there: the slice without its parameter sets is a keyframe its decoder cannot decode.
     * It starts at the next keyframe, from its STAP-A.
     */
    @Test
    void shouldNotStartAReceiverAtAnIdrSliceWhoseParameterSetsCameBeforeIt() {
        int sequence = nextSequence[0];
        int timestamp = TIMESTAMP_ORIGIN[0];
        sendKeyframePacket(STAP_A_WITH_SPS, sequence, timestamp);
        Peer dave = relay.join("dave", 43_003);
        sendKeyframePacket(IDR_FIRST_FRAGMENT, sequence + 1, timestamp);
        sendKeyframePacket(IDR_LAST_FRAGMENT, sequence + 2, timestamp);
        assertEquals(0, relay.rtpDelivered(alice, dave), "nothing of a keyframe begun before it");
        assertEquals(3, relay.rtpDelivered(alice, bob), "a receiver there before it gets all of it");
        relay.now += 100 * MS;
        sendKeyframePacket(STAP_A_WITH_SPS, sequence + 3, timestamp + 9000);
        sendKeyframePacket(IDR_FIRST_FRAGMENT, sequence + 4, timestamp + 9000);
        sendKeyframePacket(IDR_LAST_FRAGMENT, sequence + 5, timestamp + 9000);
        List<byte[]> got = relay.deliveries.stream().filter(d -> d.receiver() == dave.member)
                .map(Delivery::data).filter(d -> d.length >= 12 && (d[0] & 0xC0) == 0x80 && !RtcpReader.isRtcp(d, 0, d.length)
                        && ByteBuffer.wrap(d).getInt(8) == alice.ssrc()).toList();
        assertEquals(3, got.size(), "the next keyframe, whole");
        RtpHeader rtp = new RtpHeader().parse(got.get(0), 0, got.get(0).length);
        assertEquals(STAP_A_WITH_SPS[0], got.get(0)[rtp.payloadOffset()], "from its STAP-A");
    }

    private static final byte[] STAP_A_WITH_SPS = {(byte) 0x78, 0x00, 0x02, 0x67, 0x42};
    private static final byte[] IDR_FIRST_FRAGMENT = {(byte) 0x7c, (byte) 0x85};
    private static final byte[] IDR_LAST_FRAGMENT = {(byte) 0x7c, (byte) 0x45};

    /** Sends a packet of alice's layer 0 with this payload start; the last fragment carries the marker bit. */
    private void sendKeyframePacket(byte[] payloadStart, int sequence, int timestamp) {
        byte[] packet = packet(0, sequence, timestamp, true);
        RtpHeader rtp = new RtpHeader().parse(packet, 0, packet.length);
        java.util.Arrays.fill(packet, rtp.payloadOffset(), packet.length, (byte) 0);
        System.arraycopy(payloadStart, 0, packet, rtp.payloadOffset(), payloadStart.length);
        if (payloadStart != IDR_LAST_FRAGMENT) {
            packet[1] &= 0x7F;
        }
        relay.send(alice, packet, packet.length);
    }

    // --- driving alice and reading what the others got

    /** Sends two packets of each of alice's layers for frame {@code frame}; the first of a layer may be an IDR. */
    private void frame(int frame, boolean keyframe0, boolean keyframe1) {
        for (int layer = 0; layer < 2; layer++) {
            for (int p = 0; p < 2; p++) {
                boolean keyframe = p == 0 && (layer == 0 ? keyframe0 : keyframe1);
                byte[] packet = packet(layer, nextSequence[layer]++, TIMESTAMP_ORIGIN[layer] + frame * 3000, keyframe);
                relay.send(alice, packet, packet.length);
            }
        }
        relay.now += 33 * MS;
    }

    private byte[] packet(int layer, int sequence, int timestamp, boolean keyframe) {
        return RouterHarness.h264(alice, layer, sequence, timestamp, keyframe, nextTransportSequence++);
    }

    private void nack(Peer from, int sequence) {
        byte[] nack = new byte[16];
        relay.send(from, nack, RtcpWriter.nack(nack, 0, from.ssrc(), alice.ssrc(), new int[] {sequence}, 1));
    }

    private void pli(Peer from) {
        byte[] pli = new byte[12];
        relay.send(from, pli, RtcpWriter.pli(pli, 0, from.ssrc(), alice.ssrc()));
    }

    private List<Got> received(Peer receiver) {
        List<Got> got = new ArrayList<>();
        RtpHeader rtp = new RtpHeader();
        for (Delivery d : relay.deliveries) {
            byte[] data = d.data();
            if (d.receiver() == receiver.member && data.length > 24 && (data[0] & 0xC0) == 0x80
                    && !RtcpReader.isRtcp(data, 0, data.length)) {
                rtp.parse(data, 0, data.length);
                int payload = rtp.payloadOffset();
                got.add(new Got(rtp.sequence(), rtp.timestamp(), rtp.ssrc(), data[payload + 1],
                        (data[payload + 2] & 0xFF) << 8 | data[payload + 3] & 0xFF,
                        TransportSequenceNumber.find(data, 0, data.length, TransportSequenceNumber.DEFAULT_ID), data));
            }
        }
        return got;
    }

    private static void assertOneContinuousStream(List<Got> got, int layer, int count) {
        assertEquals(count, got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(layer, got.get(i).layer(), "only layer " + layer);
            if (i > 0) {
                assertEquals(RtpSequence.next(got.get(i - 1).sequence()), got.get(i).sequence(), "continuous");
                assertEquals(RtpSequence.next(got.get(i - 1).originalSequence()), got.get(i).originalSequence());
            }
        }
        assertTrue(got.stream().allMatch(g -> g.ssrc() == got.get(0).ssrc()), "one SSRC");
    }

    /** The PLIs delivered to {@code peer}, as [sender SSRC, media SSRC]. */
    private List<List<Integer>> plisTo(Peer peer) {
        List<List<Integer>> plis = new ArrayList<>();
        readRtcpTo(peer, new RtcpHandler() {
            @Override
            public void onPictureLossIndication(int sender, int media) {
                plis.add(List.of(sender, media));
            }
        });
        return plis;
    }

    /** The NACKed sequence numbers delivered to {@code peer}, as [sender SSRC, media SSRC, sequence]. */
    private List<List<Integer>> nacksTo(Peer peer) {
        List<List<Integer>> nacks = new ArrayList<>();
        readRtcpTo(peer, new RtcpHandler() {
            @Override
            public void onNack(int sender, int media, int pid, int blp) {
                nacks.add(List.of(sender, media, pid));
                assertEquals(0, blp);
            }
        });
        return nacks;
    }

    /** The sender reports delivered to {@code peer}, as [SSRC, RTP timestamp]. */
    private List<List<Integer>> senderReports(Peer peer) {
        List<List<Integer>> reports = new ArrayList<>();
        readRtcpTo(peer, new RtcpHandler() {
            @Override
            public void onSenderReport(int ssrc, long ntpTimestamp, int rtpTimestamp, long packets, long octets) {
                reports.add(List.of(ssrc, rtpTimestamp));
            }
        });
        return reports;
    }

    private void readRtcpTo(Peer peer, RtcpHandler handler) {
        for (Delivery d : relay.deliveries) {
            if (d.receiver() == peer.member && RtcpReader.isRtcp(d.data(), 0, d.data().length)) {
                RtcpReader.read(d.data(), 0, d.data().length, handler);
            }
        }
    }

    private static List<ControlMessage> layersWanted(Peer peer) {
        return peer.control.stream().filter(m -> m instanceof ControlMessage.LayersWanted).toList();
    }
}
