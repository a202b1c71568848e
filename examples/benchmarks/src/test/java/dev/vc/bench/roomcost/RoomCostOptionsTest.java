package dev.vc.bench.roomcost;

import dev.vc.api.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RoomCostBench's command line; no sockets. */
class RoomCostOptionsTest {
    @Test
    void shouldDefaultToTheIssuesSweepWithH264Headless() {
        RoomCostOptions o = RoomCostOptions.parse();
        assertEquals(List.of("h264"), o.codecs());
        assertEquals(List.of(2, 4, 6, 8, 10, 12, 16), o.sizes());
        assertEquals(16, o.largestSize());
        assertEquals(10, o.seconds());
        assertEquals(3, o.warmup());
        assertEquals(4, o.recordSeconds());
        assertEquals("headless", o.renderer());
        assertEquals(Path.of("target", "room-cost"), o.out());
        assertFalse(o.threads());
    }

    @Test
    void shouldParseEveryFlag() {
        RoomCostOptions o = RoomCostOptions.parse("--codec", "h264,jpeg", "--sizes", "10, 3,16", "--seconds", "20",
                "--warmup", "0", "--record-seconds", "2", "--renderer", "swing", "--out", "/tmp/x", "--threads");
        assertEquals(List.of("h264", "jpeg"), o.codecs());
        assertEquals(List.of(10, 3, 16), o.sizes(), "sizes run in the order given");
        assertEquals(16, o.largestSize());
        assertEquals(20, o.seconds());
        assertEquals(0, o.warmup());
        assertEquals(2, o.recordSeconds());
        assertEquals("swing", o.renderer());
        assertEquals(Path.of("/tmp/x"), o.out());
        assertTrue(o.threads());
        assertEquals(List.of("jpeg"), RoomCostOptions.parse("--codec", "jpeg").codecs());
    }

    @Test
    void shouldRejectUnboundedOrMalformedRuns() {
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--sizes", "1"));
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--sizes", "2,33"));
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--sizes", "2,,4"));
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--sizes", "ten"));
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--codec", "h264,"));
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--seconds", "0"));
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--seconds", "601"));
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--warmup", "61"));
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--record-seconds", "11"));
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--renderer", "opengl"));
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--seconds"));
        assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--bogus", "1"));
        assertTrue(assertThrows(ConfigException.class, () -> RoomCostOptions.parse("--help")).getMessage()
                .startsWith("usage: RoomCostBench"));
    }
}
