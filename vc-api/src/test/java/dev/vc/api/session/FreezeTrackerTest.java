package dev.vc.api.session;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FreezeTrackerTest {
    private static final long MS = 1_000_000L;

    @Test
    void shouldMeasureTheLongestGapAndCountStuttersAndFreezes() {
        FreezeTracker tracker = new FreezeTracker();
        for (long at : new long[] {1_000, 1_033, 1_066, 1_300, 1_900, 1_933}) {
            tracker.onRendered(at * MS);
        }
        FreezeStats stats = tracker.stats();
        assertEquals(600, stats.longestGapMillis(), 1e-9);
        assertEquals(2, stats.gapsOver200Ms(), "234 ms and 600 ms");
        assertEquals(1, stats.freezesOver500Ms(), "600 ms");
    }

    @Test
    void shouldNotCountTheWaitForTheFirstFrameAsAGap() {
        FreezeTracker tracker = new FreezeTracker();
        tracker.onRendered(5_000 * MS);
        assertEquals(FreezeStats.EMPTY, tracker.stats());
    }

    @Test
    void shouldTimeARecoveryFromTheFirstLossToTheNextRenderedFrame() {
        FreezeTracker tracker = new FreezeTracker();
        tracker.onRendered(0);
        tracker.onKeyframeWait(100 * MS);
        tracker.onKeyframeWait(150 * MS);   // a second loss while waiting: the same recovery
        tracker.onRendered(400 * MS);
        tracker.onKeyframeWait(500 * MS);
        tracker.onRendered(600 * MS);
        FreezeStats stats = tracker.stats();
        assertEquals(2, stats.recoveries());
        assertEquals(300, stats.maxRecoveryMillis(), 1e-9);
        assertEquals(400, stats.totalRecoveryMillis(), 1e-9);
        assertEquals(200, stats.meanRecoveryMillis(), 1e-9);
    }

    @Test
    void shouldNotCountTheStreamsStartAsARecovery() {
        FreezeTracker tracker = new FreezeTracker();
        tracker.onKeyframeWait(0);
        tracker.onRendered(700 * MS);
        assertEquals(0, tracker.stats().recoveries());
        assertEquals(0, tracker.stats().meanRecoveryMillis());
    }

    @Property(tries = 300)
    void longestGapAndCountsFollowTheGaps(@ForAll @Size(min = 1, max = 100) List<@IntRange(min = 0, max = 2_000) Integer> gapsMillis) {
        FreezeTracker tracker = new FreezeTracker();
        long at = 10_000 * MS;
        tracker.onRendered(at);
        for (int gap : gapsMillis) {
            at += gap * MS;
            tracker.onRendered(at);
        }
        FreezeStats stats = tracker.stats();
        assertEquals(gapsMillis.stream().mapToInt(Integer::intValue).max().orElseThrow(), stats.longestGapMillis(), 1e-9);
        assertEquals(gapsMillis.stream().filter(g -> g > 200).count(), stats.gapsOver200Ms());
        assertEquals(gapsMillis.stream().filter(g -> g > 500).count(), stats.freezesOver500Ms());
        assertEquals(0, stats.recoveries());
    }
}
