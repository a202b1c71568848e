package dev.vc.bench.faults;

import dev.vc.api.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FaultBench's command line; no sockets. */
class FaultBenchOptionsTest {
    @Test
    void shouldDefaultToThreeH264ParticipantsAndTheIssuesScenarios() {
        FaultBenchOptions o = FaultBenchOptions.parse();
        assertEquals(3, o.participants());
        assertEquals("h264", o.codec());
        assertEquals(20, o.seconds());
        assertEquals(3, o.warmup());
        assertEquals(List.of("none", "random:1", "random:5", "random:10", "bursty:1", "bursty:5", "bursty:10",
                "reorder:5", "duplicate:5"), o.scenarios());
        assertEquals(FaultBenchOptions.Links.BOTH, o.links());
        assertEquals(1, o.seed());
        assertEquals(Path.of("target", "bench", "faults"), o.out());
    }

    @Test
    void shouldParseEveryFlag() {
        FaultBenchOptions o = FaultBenchOptions.parse("--participants", "2", "--codec", "jpeg", "--seconds", "5",
                "--warmup", "0", "--scenarios", "random:5, bursty:5:4+reorder:1,", "--links", "down", "--seed", "42",
                "--out", "/tmp/x");
        assertEquals(2, o.participants());
        assertEquals("jpeg", o.codec());
        assertEquals(5, o.seconds());
        assertEquals(0, o.warmup());
        assertEquals(List.of("random:5", "bursty:5:4+reorder:1"), o.scenarios());
        assertEquals(FaultBenchOptions.Links.DOWN, o.links());
        assertFalse(o.links().up());
        assertTrue(o.links().down());
        assertEquals(42, o.seed());
        assertEquals(Path.of("/tmp/x"), o.out());
    }

    @Test
    void shouldRejectUnboundedOrMeaninglessRuns() {
        assertThrows(ConfigException.class, () -> FaultBenchOptions.parse("--participants", "1"));
        assertThrows(ConfigException.class, () -> FaultBenchOptions.parse("--participants", "9"));
        assertThrows(ConfigException.class, () -> FaultBenchOptions.parse("--seconds", "0"));
        assertThrows(ConfigException.class, () -> FaultBenchOptions.parse("--warmup", "61"));
        assertThrows(ConfigException.class, () -> FaultBenchOptions.parse("--scenarios", "jitter:5"));
        assertThrows(ConfigException.class, () -> FaultBenchOptions.parse("--scenarios", ","));
        assertThrows(ConfigException.class, () -> FaultBenchOptions.parse("--links", "sideways"));
        assertThrows(ConfigException.class, () -> FaultBenchOptions.parse("--seed", "x"));
        assertThrows(ConfigException.class, () -> FaultBenchOptions.parse("--seconds"));
        assertThrows(ConfigException.class, () -> FaultBenchOptions.parse("--bogus", "1"));
        assertTrue(assertThrows(ConfigException.class, () -> FaultBenchOptions.parse("--help")).getMessage()
                .contains("usage: FaultBench"));
    }
}
