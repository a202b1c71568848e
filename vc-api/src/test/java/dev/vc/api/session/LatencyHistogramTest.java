package dev.vc.api.session;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyHistogramTest {
    @Test
    void shouldReportPercentilesWithinOneBucket() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            histogram.record(ms * 1_000_000L);
        }
        LatencyStats stats = histogram.stats();
        assertEquals(100, stats.count());
        assertEquals(50.0, stats.p50(), 0.11);
        assertEquals(99.0, stats.p99(), 0.11);
        assertEquals(100.0, stats.max(), 1e-9);
    }

    @Test
    void shouldForgetSamplesOnReset() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(5_000_000);
        histogram.reset();
        assertEquals(LatencyStats.EMPTY, histogram.stats());
    }

    @Test
    void shouldAnswerAnyPercentileAndMergeHistograms() {
        LatencyHistogram low = new LatencyHistogram();
        LatencyHistogram high = new LatencyHistogram();
        for (int ms = 1; ms <= 50; ms++) {
            low.record(ms * 1_000_000L);
            high.record((50 + ms) * 1_000_000L);
        }
        assertEquals(0, new LatencyHistogram().percentile(0.5), "no samples");
        assertEquals(1.0, low.percentile(0), 0.11, "the smallest sample's bucket");
        assertEquals(50.0, low.percentile(1), 1e-9, "never above the largest sample");

        LatencyHistogram all = new LatencyHistogram();
        all.add(low);
        all.add(high);
        assertEquals(100, all.stats().count());
        assertEquals(50.0, all.percentile(0.5), 0.11);
        assertEquals(90.0, all.percentile(0.9), 0.11);
        assertEquals(all.stats().p99(), all.percentile(0.99), 1e-9, "the same figure as stats()");
        assertEquals(100.0, all.stats().max(), 1e-9);
        assertEquals(50, low.stats().count(), "adding leaves the source as it was");
        assertThrows(IllegalArgumentException.class, () -> all.percentile(1.5));
    }

    @Property(tries = 200)
    void percentilesAreOrderedAndBoundedByMax(
            @ForAll @Size(min = 1, max = 200) List<@LongRange(min = -1_000_000, max = 20_000_000_000L) Long> samples) {
        LatencyHistogram histogram = new LatencyHistogram();
        samples.forEach(histogram::record);
        LatencyStats s = histogram.stats();
        assertEquals(samples.size(), s.count());
        assertTrue(s.p50() <= s.p95() && s.p95() <= s.p99() && s.p99() <= s.max(), s.toString());
    }
}
