package dev.vc.transport.udp.cc;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-packet path of a hop allocates nothing in steady state: stamping and finding the sequence number,
 * recording arrivals, writing feedback, and the estimator taking sent packets and feedback.
 */
class CongestionControlAllocationTest {
    private static final int PACKETS = 200_000;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldNotAllocatePerPacketInSteadyState() {
        SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(BitrateLimits.DEFAULT);
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder(1, 4096, 1200,
                TransportFeedbackRecorder.DEFAULT_INTERVAL_MICROS);
        byte[] rtp = new byte[1200];
        rtp[0] = (byte) 0x90;
        byte[] feedback = new byte[1200];
        long now = 0;
        int seq = 0;
        for (int round = 0; round < 3; round++) {          // the first rounds warm up (class loading, JIT)
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < PACKETS; i++) {
                TransportSequenceNumber.writeExtension(rtp, 12, TransportSequenceNumber.DEFAULT_ID, seq);
                estimator.onPacketSent(seq, now, rtp.length);
                if (i % 50 != 7) {                           // 2 % loss
                    int found = TransportSequenceNumber.find(rtp, 0, rtp.length, TransportSequenceNumber.DEFAULT_ID);
                    recorder.onPacket(found, 2, now + 20_000 + (i % 3) * 300);
                }
                while (recorder.isFeedbackDue(now + 20_000)) {
                    int length = recorder.writeFeedback(feedback, 0, now + 20_000);
                    estimator.onFeedback(feedback, 0, length, now + 40_000);
                }
                seq = (seq + 1) & 0xFFFF;
                now += 1_000;
            }
            long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            if (round == 2) {
                assertTrue(allocated < 16_384, "allocated " + allocated + " B over " + PACKETS + " packets");
            }
        }
        assertTrue(estimator.targetBitrateBps() > 0);
    }
}
