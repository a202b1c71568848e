package dev.vc.relay;

import dev.vc.api.RtxSsrc;
import dev.vc.relay.RouterHarness.Peer;
import dev.vc.relay.layers.ForwardedStream;
import dev.vc.transport.udp.cc.ProbeCluster;
import dev.vc.transport.udp.cc.TransportFeedbackWriter;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import dev.vc.transport.udp.rtp.RtpHeader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import dev.vc.transport.udp.cc.ProbeCluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's downlink probes: padding-only RTX on the RTX SSRC of a stream the receiver gets, numbered with that
 * stream's retransmissions; none for a receiver no stream reaches; and none while the receiver's downlink queues: a
 * receiver's estimator is fed synthetic transport-cc feedback (no sockets, no clock) whose arrival times first show
 * a queue draining, then a steady one.
 */
class DownlinkProbesTest {
    private static final long MS = 1_000_000L;
    private final RouterHarness relay = new RouterHarness();
    private final List<byte[]> probes = new ArrayList<>();
    private final DownlinkProbes downlinkProbes = new DownlinkProbes((data, length, to, receiver) ->
            probes.add(java.util.Arrays.copyOf(data, length)));
    private final byte[] packet = TestClient.rtpWithTransportSequence(1234, 0);
    private final TransportFeedbackWriter feedback = new TransportFeedbackWriter(1500);
    private int sequence;
    private long now = 1_000 * MS;

    /** Gives {@code receiver} a stream of {@code sender} and forwards it one H.264 packet, as the router would. */
    private static ForwardedStream forwardOne(Peer sender, Peer receiver) {
        sender.member.fanout.add(sender.member, receiver.member);
        ForwardedStream stream = sender.member.fanout.stream(receiver.member);
        byte[] media = RouterHarness.h264(sender, 0, 500, 9_000, true, 0);
        assertTrue(stream.forward(media, 0, 0, 500, 9_000, true, 0));
        return stream;
    }

    @Test
    void shouldProbeOnTheRtxSsrcOfAStreamTheReceiverGetsNumberedWithItsRetransmissions() {
        Peer alice = relay.join("alice", 45_000);
        Peer bob = relay.join("bob", 46_000);
        exchange(bob.member.congestion, 20, n -> 10);                  // feedback flows: the initial clusters are due
        downlinkProbes.maybeStart(bob.member, now);
        assertEquals(0, downlinkProbes.clusters(), "no stream reaches bob yet: nothing to carry a probe");

        ForwardedStream stream = forwardOne(alice, bob);
        downlinkProbes.maybeStart(bob.member, now);
        assertEquals(1, downlinkProbes.clusters(), "the first of the initial clusters");
        now += 1_000 * MS;
        downlinkProbes.pump(now);                      // the rest of it, all due by now
        assertTrue(probes.size() > 1, "probes: " + probes.size());

        RtpHeader header = new RtpHeader();
        int expected = -1;
        for (byte[] probe : probes) {
            header.parse(probe, 0, probe.length);
            assertTrue(header.paddingOnly());
            assertEquals(RtxSsrc.of(alice.ssrc()), header.ssrc(), "alice's stream's RTX SSRC, as bob knows it");
            assertEquals(97, header.payloadType(), "the RTX payload type of the H.264 forwarded");
            assertTrue(expected < 0 || header.sequence() == expected, "consecutive numbers");
            expected = (header.sequence() + 1) & 0xFFFF;
        }
        byte[] media = RouterHarness.h264(alice, 0, 501, 9_000, false, 0);
        assertTrue(stream.forward(media, 0, 0, 501, 9_000, false, now));
        byte[] rtx = new byte[media.length + 2];
        int n = stream.retransmission(media, 0, media.length, rtx, 0);
        header.parse(rtx, 0, n);
        assertEquals(RtxSsrc.of(alice.ssrc()), header.ssrc());
        assertEquals(expected, header.sequence(), "a retransmission takes the number after the probes: one space");
    }

    @Test
    void shouldPaceAClusterAndCountTheMediaSentMeanwhileAsPartOfIt() {
        Peer alice = relay.join("alice", 45_000);
        Peer bob = relay.join("bob", 46_000);
        exchange(bob.member.congestion, 20, n -> 10);
        forwardOne(alice, bob);
        downlinkProbes.maybeStart(bob.member, now);
        assertEquals(1, downlinkProbes.clusters());
        assertTrue(downlinkProbes.probing(), "a cluster in flight: the media thread is to wake every millisecond");
        int atStart = probes.size();
        downlinkProbes.pump(now);
        assertEquals(atStart, probes.size(), "nothing more is due at the same instant");
        int sent = atStart;
        for (int ms = 1; ms <= 100 && downlinkProbes.probing(); ms++) {
            downlinkProbes.pump(now + ms * MS);
            assertTrue(probes.size() - sent <= 2, "a millisecond's share of the cluster, not all of it: "
                    + (probes.size() - sent));
            sent = probes.size();
        }
        assertFalse(downlinkProbes.probing(), "the cluster ended within its duration");
        assertTrue(probes.size() > atStart, "the rest of it went out paced");

        assertEquals(ProbeCluster.NONE, bob.member.congestion.clusterInFlight(), "media after it is media");
        now += 200 * MS;
        downlinkProbes.maybeStart(bob.member, now);                     // the second initial cluster
        assertTrue(downlinkProbes.probing());
        assertEquals(2, bob.member.congestion.clusterInFlight(), "media forwarded meanwhile is logged with it");
    }

    @Test
    void shouldFillOnlyWhatTheMediaLeavesOfTheClustersRate() {
        Peer alice = relay.join("alice", 45_000);
        Peer bob = relay.join("bob", 46_000);
        Peer carol = relay.join("carol", 47_000);
        java.util.Map<Member, Long> padding = new java.util.HashMap<>();
        DownlinkProbes counted = new DownlinkProbes((data, length, to, receiver) -> padding.merge(receiver, (long) length,
                Long::sum));
        exchange(bob.member.congestion, 20, n -> 10);
        exchange(carol.member.congestion, 20, n -> 10);
        forwardOne(alice, bob);
        forwardOne(alice, carol);
        counted.maybeStart(bob.member, now);
        counted.maybeStart(carol.member, now);
        long media = 0;
        for (int ms = 1; ms <= 200 && counted.probing(); ms++) {
            if (ms % 4 == 0 && carol.member.congestion.clusterInFlight() != ProbeCluster.NONE) {
                int at = TransportSequenceNumber.locate(packet, 0, packet.length, TransportSequenceNumber.DEFAULT_ID);
                carol.member.congestion.stampDownlink(packet, at, 1200, now + ms * MS);  // 2.4 Mbit/s of media
                media += 1200;
            }
            counted.pump(now + ms * MS);
        }
        assertFalse(counted.probing(), "both clusters ended");
        long alone = padding.get(bob.member);
        long withMedia = padding.getOrDefault(carol.member, 0L);
        assertTrue(media > 0 && withMedia < alone - media / 2, "padding fills what the media leaves: " + withMedia
                + " B beside " + media + " B of media, " + alone + " B without");
        assertTrue(withMedia + media <= alone + 2 * DownlinkProbes.PACKET_BYTES,
                "the link sees the cluster's rate, not that rate on top of the media");
    }

    @Test
    void shouldNotStartAClusterWhileTheReceiversDownlinkQueues() {
        Peer alice = relay.join("alice", 45_000);
        Peer bob = relay.join("bob", 46_000);
        forwardOne(alice, bob);
        MemberCongestion downlink = bob.member.congestion;
        // 1 Mbit/s of 1200-byte packets whose one-way delay falls by 1 ms per packet: a queue draining
        for (int round = 0; round < 12; round++) {
            exchange(downlink, 20, n -> 300 - n);
        }
        assertTrue(downlink.downlinkQueueing(), "the detector sees the queue: " + downlink.downlinkEstimator().usage());
        downlinkProbes.maybeStart(bob.member, now);
        assertEquals(0, downlinkProbes.clusters(), "no probe into a queue");

        for (int round = 0; round < 40 && downlink.downlinkQueueing(); round++) {
            exchange(downlink, 20, n -> 10);                             // steady: no queue
        }
        assertFalse(downlink.downlinkQueueing());
        downlinkProbes.maybeStart(bob.member, now);
        assertEquals(1, downlinkProbes.clusters(), "the first of the initial clusters, once the queue is gone");
        assertTrue(downlinkProbes.packets() > 0);
    }

    /** Sends {@code count} packets 9.6 ms apart (1 Mbit/s) and answers them, packet n after {@code delayMs(n)}. */
    private void exchange(MemberCongestion downlink, int count, java.util.function.IntToLongFunction delayMs) {
        int first = sequence;
        long[] arrivals = new long[count];
        for (int i = 0; i < count; i++) {
            int at = TransportSequenceNumber.locate(packet, 0, packet.length, TransportSequenceNumber.DEFAULT_ID);
            downlink.stampDownlink(packet, at, 1200, now);
            arrivals[i] = now / 1000 + delayMs.applyAsLong(sequence) * 1000;
            sequence++;
            now += 9_600_000L;
        }
        feedback.begin(0x5555, 0, first & 0xFFFF, arrivals[0], sequence & 0xFF);
        for (int i = 0; i < count; i++) {
            feedback.addReceived((first + i) & 0xFFFF, arrivals[i]);
        }
        byte[] out = new byte[feedback.length()];
        feedback.write(out, 0);
        assertEquals(null, downlink.onDownlinkFeedback(out, 0, out.length, now));
    }
}
