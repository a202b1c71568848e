package dev.vc.transport.udp.cc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rate of the last half second's arrivals, from synthetic arrival times. */
class RecentArrivalRateTest {
    private final RecentArrivalRate recent = new RecentArrivalRate();

    /** {@code count} packets of 1,250 bytes, {@code gapMicros} apart from {@code fromMicros}. */
    private long arrive(long fromMicros, int count, long gapMicros) {
        long at = fromMicros;
        for (int i = 0; i < count; i++, at += gapMicros) {
            recent.onArrival(at, 1_250);
        }
        return at;
    }

    @Test
    void shouldKnowNothingUntilHalfAWindowArrived() {
        assertEquals(-1, recent.rateBps());
        arrive(1_000_000, 20, 10_000);                               // 190 ms
        assertEquals(-1, recent.rateBps());
        arrive(1_200_000, 10, 10_000);
        assertEquals(1_000_000, recent.rateBps(), 60_000, "1,250 B every 10 ms");
    }

    @Test
    void shouldFollowANewRateWithinAWindowWhateverCameBefore() {
        long at = arrive(1_000_000, 100, 50_000);                    // 200 kbit/s for 5 s
        assertEquals(200_000, recent.rateBps(), 25_000);
        arrive(at, 60, 10_000);                                      // then 1 Mbit/s for 600 ms
        assertEquals(1_000_000, recent.rateBps(), 60_000, "the old rate is out of the window");
    }

    @Test
    void shouldMeasureAShorterSpanBackFromTheLatestArrival() {
        long at = arrive(1_000_000, 100, 10_000);                    // 1 Mbit/s for a second
        arrive(at, 10, 40_000);                                      // then 250 kbit/s for 400 ms
        assertEquals(250_000, recent.rateBps(200_000), 70_000,
                "the last 200 ms (to a 50 ms bucket) hold only the new rate");
        assertEquals(400_000, recent.rateBps(), 80_000, "half a second still holds some of the old");
        assertEquals(recent.rateBps(), recent.rateBps(10_000_000), "at most the whole window");
    }

    @Test
    void shouldIgnoreArrivalsOlderThanTheWindow() {
        long at = arrive(5_000_000, 60, 10_000);
        recent.onArrival(1_000_000, 1_000_000);                      // reported late, from seconds ago
        assertEquals(1_000_000, recent.rateBps(), 60_000);
        arrive(at, 1, 10_000);
        assertEquals(1_000_000, recent.rateBps(), 60_000);
    }
}
