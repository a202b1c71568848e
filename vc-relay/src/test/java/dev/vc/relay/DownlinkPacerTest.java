package dev.vc.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.testing.Allocations;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The relay's per-receiver pacer, on a clock of its own: a burst leaves at the pacing rate, in order, each packet
 * handed back when it leaves; nothing waits without an estimate or with pacing off; no packet waits past the limit,
 * and no more than the limit wait.
 */
class DownlinkPacerTest {
    private static final long MS = 1_000_000L;
    private static final int SIZE = 1_200;

    private long estimateBps = -1;
    private final List<long[]> released = new ArrayList<>();   // {first byte, length, transportAt, time}
    private int early;
    private final DownlinkPacer.Release release = new DownlinkPacer.Release() {
        @Override
        public void release(Member receiver, byte[] packet, int length, int transportAt, long now) {
            released.add(new long[] {packet[0], length, transportAt, now});
        }

        @Override
        public void releasedEarly() {
            early++;
        }
    };

    private DownlinkPacer pacer(double factor) {
        return new DownlinkPacer(null, () -> estimateBps, factor);
    }

    /** Offers a packet whose first byte is {@code tag}: sent at once (recorded) or held. */
    private static void offer(DownlinkPacer pacer, int tag, long now, DownlinkPacer.Release release) {
        byte[] packet = new byte[SIZE];
        packet[0] = (byte) tag;
        if (pacer.admits(SIZE, now)) {
            release.release(null, packet, SIZE, -1, now);
        } else {
            pacer.hold(packet, SIZE, tag, now, release);
        }
    }

    @Test
    void shouldHoldNothingWithoutAnEstimateOrWithPacingOff() {
        DownlinkPacer unpaced = pacer(1.5);
        for (int i = 0; i < 50; i++) {
            offer(unpaced, i, 0, release);
        }
        assertEquals(50, released.size(), "no estimate yet: every packet leaves as it comes");
        estimateBps = 100_000;
        DownlinkPacer off = pacer(0);
        for (int i = 0; i < 50; i++) {
            offer(off, i, 0, release);
        }
        assertEquals(100, released.size(), "pacing off: every packet leaves as it comes");
        assertEquals(0, off.waiting());
    }

    @Test
    void shouldSendABurstAtThePacingRateInOrder() {
        estimateBps = 1_000_000;                       // paced at 1.5 Mbit/s: a 1,200-byte packet every 6.4 ms
        DownlinkPacer pacer = pacer(1.5);
        for (int i = 0; i < 20; i++) {
            offer(pacer, i, 0, release);
        }
        assertEquals(1, released.size(), "the burst allowance (5 ms) lets one packet through at once");
        assertEquals(19, pacer.waiting());
        for (long t = 1; t <= 300 && pacer.waiting() > 0; t++) {
            pacer.pump(t * MS, release);
        }
        assertEquals(20, released.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(i, released.get(i)[0], "released in the order offered");
        }
        for (int i = 1; i < 20; i++) {
            assertEquals(i, released.get(i)[2], "each held packet keeps where its transport-wide number is");
        }
        double seconds = released.get(19)[3] / 1e9;
        double rate = 19 * SIZE * 8 / seconds;
        assertTrue(rate > 1_400_000 && rate < 1_650_000, "paced at about 1.5 Mbit/s: " + rate);
    }

    @Test
    void shouldReleaseAPacketThatWaitedTheLimitWhateverTheBudget() {
        estimateBps = 30_000;                          // 45 kbit/s: 213 ms per packet
        DownlinkPacer pacer = pacer(1.5);
        for (int i = 0; i < 5; i++) {
            offer(pacer, i, 0, release);
        }
        for (long t = 1; t <= 400 && pacer.waiting() > 0; t++) {
            pacer.pump(t * MS, release);
        }
        assertEquals(5, released.size());
        assertEquals(4, early, "the first left within the budget, the others at the limit");
        for (long[] r : released) {
            assertTrue(r[3] <= DownlinkPacer.MAX_WAIT_NANOS + MS, "left within the wait limit: " + r[3] / MS + " ms");
        }
    }

    @Property(tries = 50)
    void shouldNeverHoldMoreThanTheLimit(@ForAll @IntRange(min = 1, max = 400) int burst) {
        estimateBps = 100_000;
        released.clear();
        early = 0;
        DownlinkPacer pacer = pacer(1.5);
        for (int i = 0; i < burst; i++) {
            offer(pacer, i, 0, release);
        }
        assertEquals(Math.min(burst - 1, DownlinkPacer.MAX_PACKETS), pacer.waiting());
        assertEquals(burst, released.size() + pacer.waiting(), "every packet either left or waits");
        assertEquals(Math.max(0, burst - 1 - DownlinkPacer.MAX_PACKETS), early, "released early, the queue full");
        for (int i = 0; i < released.size(); i++) {
            assertEquals((byte) i, (byte) released.get(i)[0], "the oldest leave first");
        }
    }

    @Test
    void shouldKeepItsOwnCopyOfAHeldPacket() {
        estimateBps = 100_000;
        DownlinkPacer pacer = pacer(1.5);
        byte[] buffer = new byte[SIZE];
        assertTrue(pacer.admits(SIZE, 0));
        assertFalse(pacer.admits(SIZE, 0), "the budget is spent");
        buffer[0] = 7;
        pacer.hold(buffer, SIZE, -1, 0, release);
        buffer[0] = 9;                                 // the router rewrites its buffer for the next receiver
        pacer.pump(DownlinkPacer.MAX_WAIT_NANOS, release);
        assertEquals(7, released.get(0)[0]);
    }

    @Test
    void shouldAllocateNothingOnceItsSlotsAreMade() {
        estimateBps = 2_000_000;
        DownlinkPacer pacer = pacer(1.5);
        DownlinkPacer.Release discard = new DownlinkPacer.Release() {
            @Override
            public void release(Member receiver, byte[] packet, int length, int transportAt, long now) {
            }

            @Override
            public void releasedEarly() {
            }
        };
        byte[] packet = new byte[SIZE];
        long now = 0;
        for (int round = 0; round < 2; round++) {     // the first round makes the slots
            long before = Allocations.currentThread();
            for (int i = 0; i < 10_000; i++) {
                now += MS / 4;                         // 4 packets a millisecond: 9.6 Mbit/s, above the pace
                if (!pacer.admits(SIZE, now)) {
                    pacer.hold(packet, SIZE, -1, now, discard);
                }
                pacer.pump(now, discard);
            }
            long allocated = Allocations.currentThread() - before;
            if (round == 1 && before >= 0) {   // a copy per packet would be 1,200 B; the counter's own call a few
                assertTrue(allocated < 1_000, "bytes allocated in 10,000 packets in steady state: " + allocated);
            }
        }
        assertTrue(pacer.waiting() > 0, "the pacer was holding packets throughout");
    }
}
