package dev.vc.relay;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import dev.vc.transport.udp.MediaHello;
import dev.vc.transport.udp.cc.TransportFeedback;
import dev.vc.transport.udp.cc.TransportFeedbackHandler;
import dev.vc.transport.udp.cc.TransportFeedbackReader;
import dev.vc.transport.udp.cc.TransportFeedbackRecorder;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transport-cc on both of the relay's hops, without sockets (as {@link RtcpRoutingTest}): the relay answers a
 * sender with feedback about its uplink, stamps each receiver's own transport-wide sequence numbers on the
 * packets it forwards, and takes each receiver's feedback into that receiver's downlink estimate only.
 */
class TransportCcRoutingTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_000 * MS;

    private record Delivery(Member receiver, byte[] data) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();
    private RoomDirectory directory;
    private MediaRouter router;
    private Member alice;
    private Member bob;
    private Member carol;

    @BeforeEach
    void threeMembersBoundInOneRoom() {
        directory = new RoomDirectory(RelaySettings.builder().mediaInsecure(true).ccFeedbackPerSecond(20).build());
        directory.mediaPort(5001);
        router = new MediaRouter(directory, 1500,
                (data, length, to, receiver) -> deliveries.add(new Delivery(receiver, Arrays.copyOf(data, length))));
        alice = join("alice", 42_000);
        bob = join("bob", 42_001);
        carol = join("carol", 42_002);
        deliveries.clear();
    }

    @Test
    void shouldAnswerASenderWithFeedbackCoveringItsPackets() {
        for (int i = 0; i < 10; i++) {
            sendRtp(alice, 100 + i, T0 + i * 5 * MS);
        }
        sendRtp(alice, 110, T0 + 60 * MS);  // the 50 ms interval has passed: feedback is due
        List<byte[]> feedback = deliveries.stream().filter(d -> d.receiver() == alice && (d.data()[0] & 0x1F) == 15)
                .map(Delivery::data).toList();
        assertEquals(1, feedback.size(), "one feedback message to alice");
        Report report = read(feedback.get(0));
        assertEquals(MediaRouter.RELAY_SSRC, report.sender);
        assertEquals(alice.ssrc, report.media);
        for (int s = 100; s <= 110; s++) {
            assertTrue(report.received.contains(s), "reports " + s + ": " + report.received);
        }
        assertEquals(1, alice.congestion.uplinkFeedbackSent.sum());
    }

    @Test
    void shouldGiveEachReceiverItsOwnConsecutiveSequenceNumbers() {
        for (int i = 0; i < 6; i++) {
            sendRtp(alice, 5_000 + i, T0 + i * MS);      // interleaved senders, each with its own numbering
            sendRtp(bob, 60_000 + i, T0 + i * MS);
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), sequencesTo(carol));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), sequencesTo(bob));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), sequencesTo(alice));
    }

    /**
     * Alice sends 40 packets of 1,000 bytes 10 ms apart; carol's end reports them as vc's clients do, each
     * {@code growthMicros} later than the one before (0: 20 ms after it was sent, a path with no queue; more: a queue
     * growing).
     */
    private void carolReportsHerDownlink(long growthMicros) {
        TransportFeedbackRecorder carolsEnd = new TransportFeedbackRecorder(carol.ssrc, 1024, 1200, 50_000);
        for (int i = 0; i < 40; i++) {
            long now = T0 + i * 10 * MS;
            long arrival = now / 1000 + 20_000 + i * growthMicros;
            byte[] packet = Arrays.copyOf(TestClient.rtpWithTransportSequence(alice.ssrc, i), 1_000);   // 800 kbit/s
            router.onDatagram(packet, packet.length, alice.mediaAddress, now);
            deliveries.stream().filter(d -> d.receiver() == carol).reduce((a, b) -> b).ifPresent(d ->
                    carolsEnd.onPacket(TransportSequenceNumber.find(d.data(), 0, d.data().length,
                            TransportSequenceNumber.DEFAULT_ID), alice.ssrc, arrival));
            if (carolsEnd.isFeedbackDue(arrival)) {
                byte[] fb = new byte[1200];
                int n = carolsEnd.writeFeedback(fb, 0, arrival);
                deliveries.clear();
                router.onDatagram(fb, n, carol.mediaAddress, now + 25 * MS);
                assertTrue(deliveries.isEmpty(), "transport-cc feedback is never forwarded: " + deliveries);
            }
        }
    }

    @Test
    void shouldTakeAReceiversFeedbackIntoItsEstimateOnlyAndForwardNothing() {
        carolReportsHerDownlink(0);
        assertTrue(carol.congestion.downlinkFeedbackTaken.sum() > 0);
        assertTrue(carol.congestion.downlinkEstimateBps() > 0, "carol's downlink has an estimate");
        assertEquals(-1, alice.congestion.downlinkEstimateBps(), "alice's is untouched");
        assertEquals(-1, bob.congestion.downlinkEstimateBps(), "bob's is untouched");
    }

    @Test
    void shouldNotPaceADownlinkThatShowedNoLimit() {
        carolReportsHerDownlink(0);
        assertTrue(carol.congestion.downlinkEstimateBps() > 0, "carol's downlink has an estimate");
        assertEquals(-1, carol.congestion.pacingEstimateBps(), "but never over-used: nothing to pace to");
        deliveries.clear();
        for (int i = 0; i < 100; i++) {
            sendRtp(alice, 1_000 + i, T0 + 500 * MS);
        }
        assertEquals(100, mediaTo(carol).size(), "the burst goes as it came: waiting would only add latency");
        assertFalse(router.pacing());
    }

    @Test
    void shouldPaceABurstToAReceiverWithAnEstimateNumberingEachPacketAsItLeaves() {
        carolReportsHerDownlink(2_000);                  // a queue growing 2 ms a packet: the downlink over-used
        long paceBps = carol.congestion.pacingEstimateBps() * RelaySettings.PACING_PERCENT.defaultValue() / 100;
        assertTrue(paceBps > 0, "carol's downlink over-used: it is paced to its estimate");
        deliveries.clear();
        long burstAt = T0 + 500 * MS;
        for (int i = 0; i < 100; i++) {                 // 10 KB at once: a keyframe's packets
            byte[] packet = TestClient.rtpWithTransportSequence(alice.ssrc, 1_000 + i);
            packet[packet.length - 1] = (byte) i;
            router.onDatagram(packet, packet.length, alice.mediaAddress, burstAt);
        }
        assertEquals(100, mediaTo(bob).size(), "bob, who sent no feedback, gets the burst as it came");
        int atOnce = mediaTo(carol).size();
        assertTrue(atOnce >= 1 && atOnce < 20, "carol gets a few at once, the rest wait: " + atOnce);
        assertTrue(router.pacing(), "the media thread is to wake every millisecond meanwhile");
        for (int ms = 1; ms <= 300 && router.pacing(); ms++) {
            router.pumpPaced(burstAt + ms * MS);
            long bytes = mediaTo(carol).stream().mapToLong(d -> d.length).sum();
            long allowed = paceBps * (ms + 5) / 8_000 + 100;   // the rate, 5 ms of burst, one packet
            assertTrue(bytes <= allowed, "by " + ms + " ms: " + bytes + " bytes, the pace allows " + allowed);
        }
        assertFalse(router.pacing(), "the burst has left");
        RelayStats.SimulcastStats stats = router.simulcastStats(0, 0);
        assertEquals(100 - atOnce, stats.pacedPackets(), "the packets that waited are counted");
        assertEquals(0, stats.pacedEarly(), "none waited past the limit");
        List<byte[]> toCarol = mediaTo(carol);
        assertEquals(100, toCarol.size(), "nothing dropped");
        List<Integer> numbers = sequencesTo(carol);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, toCarol.get(i)[toCarol.get(i).length - 1], "in the order they came");
            assertEquals((numbers.get(0) + i) & 0xFFFF, numbers.get(i), "numbered as they left, no gap");
        }
    }

    private List<byte[]> mediaTo(Member receiver) {
        return deliveries.stream().filter(d -> d.receiver() == receiver && d.data()[1] != (byte) 205)
                .map(Delivery::data).toList();
    }

    @Test
    void shouldDropFeedbackThatIsForgedMalformedOrFlooding() {
        byte[] fb = feedbackFrom(bob.ssrc);
        router.onDatagram(fb, fb.length, carol.mediaAddress, T0);    // bob's SSRC, sent by carol
        assertEquals(1, carol.drops.get(DropReason.WRONG_SSRC));
        assertEquals(0, bob.congestion.downlinkFeedbackTaken.sum());

        byte[] bad = feedbackFrom(carol.ssrc);
        bad[14] = 0;
        bad[15] = 0;                                                  // a status count of 0
        router.onDatagram(bad, bad.length, carol.mediaAddress, T0);
        assertEquals(1, carol.drops.get(DropReason.MALFORMED_FEEDBACK));
        assertEquals(-1, carol.congestion.downlinkEstimateBps());

        byte[] good = feedbackFrom(carol.ssrc);
        for (int i = 0; i < 100; i++) {
            router.onDatagram(good, good.length, carol.mediaAddress, T0);  // 100 at once, 20 per second allowed
        }
        assertTrue(carol.drops.get(DropReason.FEEDBACK_FLOOD) >= 79, "flood dropped: "
                + carol.drops.get(DropReason.FEEDBACK_FLOOD));
        assertTrue(deliveries.isEmpty(), "nothing forwarded: " + deliveries);
    }

    private static byte[] feedbackFrom(int ssrc) {
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder(ssrc, 64, 1200, 50_000);
        recorder.onPacket(7, 1234, 1_000);
        recorder.onPacket(8, 1234, 2_000);
        byte[] out = new byte[1200];
        int n = recorder.writeFeedback(out, 0, 60_000);
        return Arrays.copyOf(out, n);
    }

    private List<Integer> sequencesTo(Member receiver) {
        return deliveries.stream().filter(d -> d.receiver() == receiver && d.data()[1] != (byte) 205)
                .map(d -> TransportSequenceNumber.find(d.data(), 0, d.data().length, TransportSequenceNumber.DEFAULT_ID))
                .toList();
    }

    private void sendRtp(Member from, int transportSequence, long nowNanos) {
        byte[] packet = TestClient.rtpWithTransportSequence(from.ssrc, transportSequence);
        router.onDatagram(packet, packet.length, from.mediaAddress, nowNanos);
    }

    private static final class Report implements TransportFeedbackHandler {
        int sender;
        int media;
        final List<Integer> received = new ArrayList<>();

        @Override
        public void onFeedback(int senderSsrc, int mediaSsrc, int baseSequence, int statusCount, int referenceTime,
                               int feedbackPacketCount) {
            sender = senderSsrc;
            media = mediaSsrc;
        }

        @Override
        public void onReceived(int sequence, long arrivalMicros) {
            received.add(sequence);
        }

        @Override
        public void onNotReceived(int sequence) {
        }
    }

    private static Report read(byte[] message) {
        assertEquals(TransportFeedback.PACKET_TYPE, message[1] & 0xFF);
        assertEquals(TransportFeedback.FORMAT, message[0] & 0x1F);
        Report report = new Report();
        TransportFeedbackReader.read(message, 0, message.length, report);
        return report;
    }

    private Member join(String name, int port) {
        ControlPeer peer = new ControlPeer() {
            @Override
            public void send(ControlMessage message) {
            }

            @Override
            public InetSocketAddress remote() {
                return address(port + 1000);
            }
        };
        RoomDirectory.JoinResult result = directory.join(
                new Join("cc", name, "", Set.of(VideoCodec.H264), Set.of(VideoCodec.H264)), peer, 0);
        Member member = result.member();
        MediaHello hello = new MediaHello(((JoinAccepted) result.reply()).sessionKey());
        byte[] packet = new byte[MediaHello.REQUEST_BYTES];
        router.onDatagram(packet, hello.writeRequest(packet, 0, member.id, 1, 7), address(port), 0);
        return member;
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
