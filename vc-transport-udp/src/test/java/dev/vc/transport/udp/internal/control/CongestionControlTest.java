package dev.vc.transport.udp.internal.control;

import dev.vc.transport.udp.cc.BitrateLimits;
import dev.vc.transport.udp.cc.TransportFeedbackRecorder;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's uplink loop in simulated time (no clock, no socket): packets written by the RTP writer are
 * stamped by {@link CongestionControl#stamp}, cross a bottleneck, are recorded by the far end's
 * {@link TransportFeedbackRecorder} (as the relay does), and its feedback comes back through
 * {@link CongestionControl#onFeedback}.
 */
class CongestionControlTest {
    private static final int PACKET_BYTES = 1200;
    private static final long PROPAGATION_MICROS = 20_000;
    private static final long PACING_BPS = 50_000_000;

    @Test
    void shouldHaveNoEstimateBeforeFeedbackAndPaceAtTheConfiguredRate() {
        CongestionControl cc = newControl();
        assertEquals(-1, cc.targetBitrateBps());
        assertEquals(PACING_BPS, cc.pacingBps());
    }

    @Test
    void shouldStampConsecutiveSequenceNumbersIntoTheWritersExtension() {
        CongestionControl cc = newControl();
        RtpPacketWriter rtp = new RtpPacketWriter(0x1111, 96, 0, 0);
        byte[] packet = new byte[PACKET_BYTES];
        for (int i = 0; i < 3; i++) {
            rtp.writeHeader(packet, 0, false, 0, 0);
            assertTrue(cc.stamp(packet, 0, PACKET_BYTES, i));
            assertEquals(i, TransportSequenceNumber.find(packet, 0, PACKET_BYTES, TransportSequenceNumber.DEFAULT_ID));
        }
        byte[] rtcp = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, 1};
        assertTrue(!cc.stamp(rtcp, 0, rtcp.length, 0), "RTCP is not stamped");
    }

    @Test
    void shouldLowerTheTargetWhenFeedbackShowsOveruse() {
        CongestionControl cc = newControl();
        new Hop(cc, 500_000).run(1_500_000, 4_000_000);           // 1.5 Mbit/s into 500 kbit/s for 4 s
        long target = cc.targetBitrateBps();
        assertTrue(target > 0 && target < 600_000, "target " + target + " below the 1 Mbit/s start");
        assertEquals((long) (target * CongestionControl.PACE_MULTIPLIER), cc.pacingBps(), "pacing at 2.5 x");
        assertTrue(cc.feedbackReceived() > 10);
    }

    @Test
    void shouldRaiseTheTargetWithSpareCapacity() {
        CongestionControl cc = newControl();
        new Hop(cc, 20_000_000).run(-1, 20_000_000);               // follows its target on a 20 Mbit/s link
        assertTrue(cc.targetBitrateBps() > 1_500_000, "target " + cc.targetBitrateBps() + " grew from 1 Mbit/s");
    }

    @Test
    void shouldCountMalformedFeedbackAndKeepTheEstimate() {
        CongestionControl cc = newControl();
        byte[] bad = {(byte) 0x8F, (byte) 205, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2};
        cc.onFeedback(bad, 0, bad.length, 1_000);
        assertEquals(1, cc.feedbackMalformed());
        assertEquals(-1, cc.targetBitrateBps());
    }

    private static CongestionControl newControl() {
        return new CongestionControl(0x1111, new BitrateLimits(30_000, 1_000_000, 20_000_000), 4096, 1200,
                PACING_BPS, false);
    }

    /** A bottleneck with an unbounded FIFO queue, a fixed propagation delay, and feedback every 50 ms. */
    private static final class Hop {
        private final CongestionControl cc;
        private final long capacityBps;
        private final TransportFeedbackRecorder farEnd = new TransportFeedbackRecorder(0x2222, 4096, 1200, 50_000);
        private final RtpPacketWriter rtp = new RtpPacketWriter(0x1111, 96, 0, 0);
        private final byte[] packet = new byte[PACKET_BYTES];
        private final byte[] feedback = new byte[1200];
        private final ArrayDeque<long[]> inFlight = new ArrayDeque<>();       // {arrival µs, sequence}
        private final ArrayDeque<Object[]> feedbackInFlight = new ArrayDeque<>(); // {arrival µs, bytes}
        private long linkFreeMicros;

        Hop(CongestionControl cc, long capacityBps) {
            this.cc = cc;
            this.capacityBps = capacityBps;
        }

        /** @param rateBps fixed sending rate, or -1 to send at the target (the start rate before feedback) */
        void run(long rateBps, long durationMicros) {
            long nextSend = 0;
            for (long now = 0; now < durationMicros; now += 1_000) {
                while (nextSend <= now) {
                    long rate = rateBps > 0 ? rateBps : cc.targetBitrateBps() > 0 ? cc.targetBitrateBps() : 1_000_000;
                    send(nextSend);
                    nextSend += PACKET_BYTES * 8_000_000L / rate;
                }
                while (!inFlight.isEmpty() && inFlight.peek()[0] <= now) {
                    long[] p = inFlight.poll();
                    farEnd.onPacket((int) p[1], 0x1111, p[0]);
                }
                if (farEnd.isFeedbackDue(now)) {
                    int n = farEnd.writeFeedback(feedback, 0, now);
                    feedbackInFlight.add(new Object[] {now + PROPAGATION_MICROS, java.util.Arrays.copyOf(feedback, n)});
                }
                while (!feedbackInFlight.isEmpty() && (long) feedbackInFlight.peek()[0] <= now) {
                    byte[] message = (byte[]) feedbackInFlight.poll()[1];
                    cc.onFeedback(message, 0, message.length, now * 1000);
                }
            }
        }

        private void send(long nowMicros) {
            rtp.writeHeader(packet, 0, false, 0, 0);
            cc.stamp(packet, 0, PACKET_BYTES, nowMicros * 1000);
            int sequence = TransportSequenceNumber.find(packet, 0, PACKET_BYTES, TransportSequenceNumber.DEFAULT_ID);
            long serialization = PACKET_BYTES * 8_000_000L / capacityBps;
            linkFreeMicros = Math.max(linkFreeMicros, nowMicros) + serialization;
            inFlight.add(new long[] {linkFreeMicros + PROPAGATION_MICROS, sequence});
        }
    }
}
