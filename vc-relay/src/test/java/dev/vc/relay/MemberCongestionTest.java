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

    @Test
    void shouldNotJudgeOneMessageOfFewPackets() {
        exchange(10, 1);
        exchange(10, 1);
        exchange(6, 2);                                        // 2 of 6 lost
        assertFalse(downlink.downlinkOverflowing(), "too few packets in the message, too few in the fraction");
    }
}
