package dev.vc.api.session;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
