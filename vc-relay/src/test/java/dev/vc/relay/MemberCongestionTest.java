package dev.vc.relay;

import dev.vc.transport.udp.cc.TransportFeedbackWriter;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a member's downlink counts as overflowing ({@link MemberCongestion#downlinkOverflowing}): synthetic
 * transport-cc feedback about packets the relay stamped, no sockets, no clock.
 */
class MemberCongestionTest {
    private static final long MS = 1_000_000L;
    private final MemberCongestion downlink = new MemberCongestion(0x7663_2d72, 1024, 1200, 100, 0);
    private final byte[] packet = TestClient.rtpWithTransportSequence(1234, 0);
    private final TransportFeedbackWriter feedback = new TransportFeedbackWriter(1500);
    private int sequence;
    private int feedbackCount;
    private long now = 1_000 * MS;

    /** Sends {@code count} 1,200-byte packets 5 ms apart; the feedback reports one in {@code keepOneIn} received. */
    private void exchange(int count, int keepOneIn) {
        int first = sequence;
        long firstArrival = now / 1000 + 20_000;               // 20 ms on the way
        for (int i = 0; i < count; i++) {
            int at = TransportSequenceNumber.locate(packet, 0, packet.length, TransportSequenceNumber.DEFAULT_ID);
            downlink.stampDownlink(packet, at, 1200, now);
            sequence++;
            now += 5 * MS;
        }
        feedback.begin(0x5555, 0, first & 0xFFFF, firstArrival, feedbackCount++ & 0xFF);
        for (int i = 0; i < count; i++) {
            if (i % keepOneIn == 0 || i == count - 1) {       // the last one arrives: the gaps before it are losses
                feedback.addReceived((first + i) & 0xFFFF, firstArrival + i * 5_000L);
            }
        }
        byte[] out = new byte[feedback.length()];
        feedback.write(out, 0);
        assertEquals(null, downlink.onDownlinkFeedback(out, 0, out.length, now));
    }

    @Test
    void shouldCountAsOverflowingFromTheFirstMessageThatLosesAQuarterOfEightPacketsOrMore() {
        exchange(10, 1);
        assertFalse(downlink.downlinkOverflowing(), "nothing lost");
        exchange(10, 1);
        exchange(10, 2);                                       // 4 of 10 lost: the 20-packet fraction is not due
        assertTrue(downlink.downlinkOverflowing(), "one message losing 40 % is enough");
        exchange(10, 1);
        assertTrue(downlink.downlinkOverflowing(), "the 20 packets with the lossy message: 4 lost, 20 %");
        exchange(10, 1);
        exchange(10, 1);
        assertFalse(downlink.downlinkOverflowing(), "clean messages and a clean 20-packet fraction end it");
    }

    /** A drop-tail-free FIFO bottleneck: when each packet sent through it arrives, 20 ms on the way besides. */
    private final class Bottleneck {
        long capacityBps;
        private long freeAtMicros;
        private final java.util.ArrayDeque<long[]> inFlight = new java.util.ArrayDeque<>();   // {sequence, arrival}
        private long nextFeedbackMicros;
        private boolean surged;

        Bottleneck(long capacityBps) {
            this.capacityBps = capacityBps;
        }

        /** Sends {@code packets} 1,200-byte packets at once, then lets time pass to {@code untilNanos}. */
        void send(int packets, long untilNanos) {
            for (int i = 0; i < packets; i++) {
                int at = TransportSequenceNumber.locate(packet, 0, packet.length, TransportSequenceNumber.DEFAULT_ID);
                downlink.stampDownlink(packet, at, 1200, now);
                long sent = now / 1000;
                freeAtMicros = Math.max(freeAtMicros, sent) + 1200 * 8 * 1_000_000L / capacityBps;
                inFlight.add(new long[] {sequence++, freeAtMicros + 20_000});
            }
            for (; now < untilNanos; now += MS) {
                if (now / 1000 >= nextFeedbackMicros) {
                    nextFeedbackMicros = now / 1000 + 50_000;      // feedback every 50 ms of what arrived
                    report(now / 1000);
                }
            }
        }

        private void report(long nowMicros) {
            if (inFlight.isEmpty() || inFlight.peek()[1] > nowMicros) {
                return;
            }
            long first = inFlight.peek()[0];
            feedback.begin(0x5555, 0, (int) first & 0xFFFF, inFlight.peek()[1], feedbackCount++ & 0xFF);
            while (!inFlight.isEmpty() && inFlight.peek()[1] <= nowMicros) {
                long[] p = inFlight.poll();
                feedback.addReceived((int) p[0] & 0xFFFF, p[1]);
            }
            byte[] out = new byte[feedback.length()];
            feedback.write(out, 0);
            assertEquals(null, downlink.onDownlinkFeedback(out, 0, out.length, nowMicros * 1000 + 20 * MS));
            surged |= downlink.downlinkSurging();
        }

        /** 30 frames a second of {@code packets} packets each for {@code seconds}. */
        void frames(int packets, int frames) {
            for (int i = 0; i < frames; i++) {
                send(packets, now + 33 * MS);
            }
        }
    }

    @Test
    void shouldNotTakeAKeyframeDrainingAtTheLinksRateForASurge() {
        Bottleneck link = new Bottleneck(800_000);
        link.frames(2, 120);                                   // 4 s of 640 kbit/s through 800
        assertFalse(link.surged);
        link.send(25, now + 33 * MS);                          // a 30 KB keyframe: 300 ms of the link
        link.frames(2, 60);
        long queueMillis = downlink.downlinkEstimator().queueingDelayMicros() / 1000;
        assertFalse(link.surged, "the queue grew by 300 ms within 300 ms, but the link went on carrying its rate");
        assertTrue(queueMillis < 50, "and it drained: " + queueMillis + " ms");
    }

    @Test
    void shouldCallALinkThatNarrowedUnderWhatIsSentASurge() {
        Bottleneck link = new Bottleneck(2_500_000);
        link.frames(6, 120);                                   // 4 s of 1.9 Mbit/s through 2.5
        assertFalse(link.surged);
        link.capacityBps = 600_000;
        link.frames(6, 12);                                    // 400 ms more at 1.9 Mbit/s through 0.6
        assertTrue(link.surged, "within 400 ms, queue "
                + downlink.downlinkEstimator().queueingDelayMicros() / 1000 + " ms");
    }

    @Test
    void shouldNotJudgeOneMessageOfFewPackets() {
        exchange(10, 1);
        exchange(10, 1);
        exchange(6, 2);                                        // 2 of 6 lost
        assertFalse(downlink.downlinkOverflowing(), "too few packets in the message, too few in the fraction");
    }
}
