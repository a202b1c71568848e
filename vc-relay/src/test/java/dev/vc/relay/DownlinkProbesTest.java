package dev.vc.relay;

import dev.vc.relay.RouterHarness.Peer;
import dev.vc.transport.udp.cc.TransportFeedbackWriter;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's downlink probes wait while the receiver's downlink queues: a receiver's estimator is fed synthetic
 * transport-cc feedback (no sockets, no clock) whose arrival times first show a queue draining, then a steady one.
 */
class DownlinkProbesTest {
    private static final long MS = 1_000_000L;
    private final RouterHarness relay = new RouterHarness();
    private final List<byte[]> probes = new ArrayList<>();
    private final DownlinkProbes downlinkProbes = new DownlinkProbes((data, length, to, receiver) -> probes.add(data));
    private final byte[] packet = TestClient.rtpWithTransportSequence(1234, 0);
    private final TransportFeedbackWriter feedback = new TransportFeedbackWriter(1500);
    private int sequence;
    private long now = 1_000 * MS;

    @Test
    void shouldNotStartAClusterWhileTheReceiversDownlinkQueues() {
        Peer bob = relay.join("bob", 46_000);
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
