package dev.vc.transport.udp.cc;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link QueueingDelay} from synthetic send and arrival times: packets every 5 ms, feedback every 50 ms. */
class QueueingDelayTest {
    private static final long PATH_MICROS = 20_000;
    private final QueueingDelay queue = new QueueingDelay();
    private long send;

    @Property(tries = 50)
    void aPathThatHoldsNothingQueuesNothingWhateverTheClocksOffset(@ForAll @LongRange(min = -1_000_000_000L,
            max = 1_000_000_000L) long clockOffset) {
        QueueingDelay path = new QueueingDelay();              // jqwik may reuse the instance between tries
        for (long sent = 0; sent < 1_000_000; sent += 5_000) {
            path.onPacket(sent, sent + clockOffset + PATH_MICROS);
            if (sent % 50_000 == 0) {
                path.onMessage(sent);
            }
        }
        assertEquals(0, path.delayMicros());
        assertEquals(0, path.growthMicros(100_000));
    }

    @Test
    void shouldSayNothingBeforeAPacketWasAcknowledged() {
        queue.onMessage(0);
        assertEquals(0, queue.delayMicros());
        assertEquals(0, queue.growthMicros(1));
    }

    @Test
    void shouldMeasureAQueueGrowingAsFastAsTimePassesAsASurge() {
        for (int i = 0; i < 100; i++) {
            packet(PATH_MICROS);                               // half a second at the path's own delay
        }
        long held = 0;
        for (int i = 0; i < 40; i++) {                         // 200 ms into a link at half the rate sent
            held += 5_000;
            packet(PATH_MICROS + held);
        }
        assertEquals(held, queue.delayMicros(), "the delay above the path's");
        long grown = queue.growthMicros(100_000);
        assertTrue(grown >= 100_000 && grown <= 150_000, "grew as fast as time passed: " + grown);
    }

    @Test
    void shouldSeeAKeyframesBurstAsAStepThatDrains() {
        for (int i = 0; i < 100; i++) {
            packet(PATH_MICROS);
        }
        for (int i = 0; i < 10; i++) {                         // 150 ms of a keyframe queued in 50 ms
            packet(PATH_MICROS + 15_000L * (i + 1));
        }
        long peak = queue.delayMicros();
        for (int i = 0; i < 30; i++) {                         // drains in 150 ms
            packet(PATH_MICROS + Math.max(0, peak - 5_000L * (i + 1) * 2));
        }
        assertEquals(0, queue.delayMicros());
        assertTrue(queue.growthMicros(100_000) < 0, "draining");
    }

    @Test
    void shouldCallAQueueStandingOnlyWhenEveryPacketOverTheSpanWaited() {
        for (int i = 0; i < 100; i++) {
            packet(PATH_MICROS);
        }
        assertEquals(0, queue.standingMicros(500_000), "no queue");
        for (int i = 0; i < 10; i++) {                         // a keyframe's step of 150 ms ...
            packet(PATH_MICROS + 15_000L * (i + 1));
        }
        for (int i = 0; i < 30; i++) {                         // ... that drains
            packet(PATH_MICROS + Math.max(0, 150_000 - 10_000L * (i + 1)));
        }
        assertEquals(0, queue.standingMicros(500_000), "a burst that drained within the span does not stand");
        for (int i = 0; i < 60; i++) {                         // 300 ms at 80-95 ms of queue
            packet(PATH_MICROS + 80_000 + (i % 4) * 5_000);
        }
        assertEquals(0, queue.standingMicros(500_000), "not yet for a whole span");
        assertEquals(80_000, queue.standingMicros(250_000), "the least any packet waited over 250 ms");
        for (int i = 0; i < 60; i++) {
            packet(PATH_MICROS + 80_000 + (i % 4) * 5_000);
        }
        assertEquals(80_000, queue.standingMicros(500_000), "stood for the whole span");
    }

    @Test
    void shouldSayNoQueueStandsWhileTheMessagesDoNotCoverTheSpan() {
        for (int i = 0; i < 20; i++) {
            packet(PATH_MICROS + 100_000L * Math.min(i, 1));
        }
        assertEquals(0, queue.standingMicros(500_000), "100 ms of history cannot tell 500 ms");
    }

    @Test
    void shouldForgetABaseOlderThanTheWindowSoAMovedRouteIsNotAQueue() {
        for (int i = 0; i < 100; i++) {
            packet(PATH_MICROS);
        }
        int window = (int) (QueueingDelay.BUCKETS * QueueingDelay.BUCKET_MICROS / 5_000);
        for (int i = 0; i < window + 400; i++) {
            packet(PATH_MICROS + 30_000);                      // a longer route from here on
        }
        assertEquals(0, queue.delayMicros(), "the longer route is the new base");
    }

    /** One packet sent now that took {@code delayMicros}; a feedback message every tenth packet. */
    private void packet(long delayMicros) {
        queue.onPacket(send, send + delayMicros);
        send += 5_000;
        if (send % 50_000 == 0) {
            queue.onMessage(send);
        }
    }
}
