package dev.vc.bench.faults.impair;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delay line on synthetic time: packets numbered by their first byte, released when the clock says so. */
class DelayLineTest {
    private static final long MS = 1_000_000L;

    private final List<Integer> out = new ArrayList<>();
    private final Impairer.Output sink = (data, length) -> out.add(data[0] & 0xFF);

    private static byte[] packet(int n) {
        return new byte[] {(byte) n, 0, 0, 0};
    }

    @Test
    void aConstantDelayReleasesEachPacketExactlyThatLongAfterItArrived() {
        DelayLine line = new DelayLine(50 * MS, 0, 16, new SplittableRandom(1));
        line.accept(packet(1), 4, 0, sink);
        line.accept(packet(2), 4, 3 * MS, sink);
        assertEquals(50 * MS, line.releaseDue(0, sink));
        assertEquals(50 * MS, line.releaseDue(50 * MS - 1, sink));
        assertEquals(List.of(), out);
        assertEquals(53 * MS, line.releaseDue(50 * MS, sink));
        assertEquals(List.of(1), out);
        assertEquals(Long.MAX_VALUE, line.releaseDue(60 * MS, sink));
        assertEquals(List.of(1, 2), out);
        assertEquals(2, line.sent());
        assertEquals(0, line.heldPackets());
    }

    /**
     * Packets arrive at random moments and the clock jumps to each release time the line announces: every packet
     * leaves in order, no earlier than the delay after its arrival, and no later than the delay plus the jitter,
     * unless it waited for the packet ahead of it.
     */
    @Property(tries = 200)
    void jitterAddsAtMostItsBoundAndNeverReorders(@ForAll @LongRange(min = 0, max = 100) long delayMs,
                                                   @ForAll @LongRange(min = 0, max = 50) long jitterMs,
                                                   @ForAll @IntRange(min = 0, max = 5) int meanGapMs,
                                                   @ForAll long seed) {
        long delay = delayMs * MS;
        long jitter = jitterMs * MS;
        DelayLine line = new DelayLine(delay, jitter, 1000, new SplittableRandom(seed));
        SplittableRandom arrivals = new SplittableRandom(seed + 1);
        int n = 200;
        long[] arrived = new long[n];
        long[] left = new long[n];
        int[] done = {0};
        long[] clock = {0};
        Impairer.Output timed = (data, length) -> {
            int k = data[0] & 0xFF | (data[1] & 0xFF) << 8;
            assertEquals(done[0], k, "in arrival order");
            left[k] = clock[0];
            done[0]++;
        };
        long next = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            long at = clock[0] + (meanGapMs == 0 ? 0 : arrivals.nextLong(2L * meanGapMs * MS));
            while (next <= at) {
                clock[0] = next;
                next = line.releaseDue(next, timed);
            }
            clock[0] = at;
            arrived[i] = at;
            line.accept(new byte[] {(byte) i, (byte) (i >>> 8)}, 2, at, timed);
            next = line.releaseDue(at, timed);
        }
        for (int guard = 0; next != Long.MAX_VALUE && guard <= n; guard++) {
            clock[0] = next;
            next = line.releaseDue(next, timed);
        }
        assertEquals(n, done[0]);
        for (int i = 0; i < n; i++) {
            assertTrue(left[i] >= arrived[i] + delay, "packet " + i + " left early");
            long latest = Math.max(arrived[i] + delay + jitter, i == 0 ? 0 : left[i - 1]);
            assertTrue(left[i] <= latest, "packet " + i + " left " + (left[i] - latest) + " ns late");
        }
        assertEquals(n, line.sent());
        assertEquals(0, line.overflowed());
    }

    @Test
    void aFullLineDropsAndCountsWhatItHasNoRoomFor() {
        DelayLine line = new DelayLine(10 * MS, 0, 4, new SplittableRandom(1));
        for (int i = 0; i < 10; i++) {
            line.accept(packet(i), 4, i, sink);
        }
        line.accept(new byte[DelayLine.SLOT_BYTES + 1], DelayLine.SLOT_BYTES + 1, 20, sink);
        assertEquals(4, line.heldPackets());
        assertEquals(7, line.overflowed(), "six that found it full, one too large");
        line.releaseDue(20 * MS, sink);
        assertEquals(List.of(0, 1, 2, 3), out);
        line.accept(packet(42), 4, 20 * MS, sink);
        line.releaseDue(30 * MS, sink);
        assertEquals(List.of(0, 1, 2, 3, 42), out, "room again once the line drained; the ring wraps");
    }

    @Test
    void withoutDelayItHoldsNothingAndSendsAtOnce() {
        DelayLine line = new DelayLine(0, 0, 0, new SplittableRandom(1));
        line.accept(packet(9), 4, 0, sink);
        assertEquals(List.of(9), out);
        assertEquals(0, line.heldPackets());
        assertEquals(Long.MAX_VALUE, line.releaseDue(0, sink));
        assertEquals(1, line.sent());
    }

    @Test
    void refusesANegativeDelayOrNoRoom() {
        assertThrows(IllegalArgumentException.class, () -> new DelayLine(-1, 0, 4, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new DelayLine(0, -1, 4, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new DelayLine(MS, 0, 0, new SplittableRandom(1)));
    }
}
