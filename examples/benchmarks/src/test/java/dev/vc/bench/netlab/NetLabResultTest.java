package dev.vc.bench.netlab;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The figures a run derives from the link's counters and the members' lines, from synthetic ones. */
class NetLabResultTest {
    private static final Scenario TWO_STEPS = new Scenario("drop", List.of("p1"), List.of("p2"), true,
            CapacitySchedule.parse("0:1000,5:500"));

    @Test
    void shouldTimeTheSendingRateFallingBelowTheNewCapacity() {
        // 900 kbit/s until 6.0 s, then 400: below 500 once the trailing half second holds only the lower rate.
        List<LinkTick> ticks = new ArrayList<>();
        for (long end = 100; end <= 10_000; end += 100) {
            long bps = end <= 6_000 ? 900_000 : 400_000;
            ticks.add(new LinkTick(end, 100, end <= 5_000 ? 1_000_000 : 500_000, bps / 8 / 10, 0, 0));
        }
        NetLabResult r = new NetLabResult(TWO_STEPS, 10, seconds(10, 1000, 5, 500), ticks, List.of(), "0", "0");
        List<NetLabResult.Phase> phases = r.phases();
        assertEquals(2, phases.size());
        assertTrue(Double.isNaN(phases.get(0).reactionSeconds()), "the first step is no drop");
        // trailing 5 ticks at 6.4 s: 4 x 400 + 900 = 2500, not below 5 x 500; at 6.5 s: 5 x 400 is
        assertEquals(1.5, phases.get(1).reactionSeconds(), 1e-9);
    }

    @Test
    void shouldSayNeverWhenTheRateStaysAbove() {
        List<LinkTick> ticks = new ArrayList<>();
        for (long end = 100; end <= 10_000; end += 100) {
            ticks.add(new LinkTick(end, 100, 500_000, 900_000 / 8 / 10, 0, 0));
        }
        NetLabResult r = new NetLabResult(TWO_STEPS, 10, seconds(10, 1000, 5, 500), ticks, List.of(), "0", "0");
        assertEquals(Double.POSITIVE_INFINITY, r.phases().get(1).reactionSeconds());
    }

    @Test
    void shouldMeasureUtilisationAfterThePhasesFirstSeconds() {
        List<LinkSecond> link = seconds(10, 1000, 5, 500);
        // seconds 1-2 of each phase (t = 1, 2 and 6, 7) pass nothing, the rest pass 80 % of the capacity
        List<LinkSecond> shaped = new ArrayList<>();
        for (LinkSecond s : link) {
            boolean settling = s.t() <= 2 || s.t() == 6 || s.t() == 7;
            shaped.add(new LinkSecond(s.t(), s.link(), s.capacityKbps(), settling ? 0 : 0.8 * s.capacityKbps(), 0, 0,
                    0, 0));
        }
        NetLabResult r = new NetLabResult(TWO_STEPS, 10, shaped, List.of(), List.of(), "0", "0");
        assertEquals(0.8, r.phases().get(0).utilisation(), 1e-9);
        assertEquals(0.8, r.phases().get(1).utilisation(), 1e-9);
    }

    @Test
    void shouldTakeTheLongestGapOfAStreamOverTheRun() {
        List<LabLine> lines = List.of(LabLine.parse("stream t=1 who=p2 from=p1 fps=30.0 gap_max_ms=40.0"),
                LabLine.parse("stream t=2 who=p2 from=p1 fps=20.0 gap_max_ms=612.5"),
                LabLine.parse("stream t=3 who=p2 from=p1 fps=30.0 gap_max_ms=35.0"),
                LabLine.parse("stream t=2 who=p1 from=p2 fps=30.0 gap_max_ms=900.0"));
        NetLabResult r = new NetLabResult(TWO_STEPS, 3, List.of(), List.of(), lines, "0", "0");
        assertEquals(612.5, r.longestGapMs("p2", "p1"));
        assertTrue(r.crossesLink("p2", "p1"));
        assertTrue(!r.crossesLink("p1", "p2"), "p1 is beside the relay: its downlink is not shaped");
    }

    @Test
    void shouldCountDroppedPacketsAsArrivedAtTheirMeanSize() {
        QdiscCounters before = new QdiscCounters(10_000, 10, 0, 0, 0);
        QdiscCounters after = new QdiscCounters(20_000, 20, 2, 3_000, 3);
        LinkTick tick = LinkTick.between(before, after, 100, 100, new TokenBucket(1_000_000, 10_240, 300));
        assertEquals(10_000 + 3_000 + 2 * 1_000, tick.arrivedBytes());
        assertEquals(2, tick.drops());
        assertEquals(1_200, tick.arrivedKbps(), 1e-9, "15,000 bytes in 100 ms");
        assertEquals(24, tick.queueMillis(), 1e-9, "3,000 bytes waiting drain in 24 ms at 1 Mbit/s");
    }

    private static List<LinkSecond> seconds(int count, double firstKbps, int stepAt, double thenKbps) {
        List<LinkSecond> rows = new ArrayList<>();
        for (int t = 1; t <= count; t++) {
            double capacity = t <= stepAt ? firstKbps : thenKbps;
            rows.add(new LinkSecond(t, "edge1-down", capacity, capacity, 0, 0, 0, 0));
        }
        return rows;
    }
}
