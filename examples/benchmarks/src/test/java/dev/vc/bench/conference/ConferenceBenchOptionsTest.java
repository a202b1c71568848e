package dev.vc.bench.conference;

import dev.vc.api.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ConferenceBench's command line; no sockets. */
class ConferenceBenchOptionsTest {
    @Test
    void shouldDefaultToEveryCodecInRoomsOfTwoThreeAndFive() {
        ConferenceBenchOptions o = ConferenceBenchOptions.parse();
        assertEquals(List.of("h264", "jpeg", "h264-jcodec"), o.codecs());
        assertEquals(List.of(2, 3, 5), o.participants());
        assertEquals(20, o.seconds());
        assertEquals(3, o.warmup());
        assertEquals(Path.of("target", "bench", "conference"), o.out());
        assertEquals(9, o.runs());
    }

    @Test
    void shouldParseEveryFlagKeepingTheOrderGiven() {
        ConferenceBenchOptions o = ConferenceBenchOptions.parse("--codecs", "jpeg, h264", "--participants", "5,2",
                "--seconds", "2", "--warmup", "0", "--out", "/tmp/x");
        assertEquals(List.of("jpeg", "h264"), o.codecs());
        assertEquals(List.of(5, 2), o.participants());
        assertEquals(2, o.seconds());
        assertEquals(0, o.warmup());
        assertEquals(Path.of("/tmp/x"), o.out());
        assertEquals(4, o.runs());
    }

    @Test
    void shouldRejectBadInputWithAMessageNamingTheFlag() {
        assertMessage("--participants must be in 2..16, got 1", "--participants", "1,3");
        assertMessage("--participants must be in 2..16, got 17", "--participants", "17");
        assertMessage("--participants needs whole numbers, got 'three'", "--participants", "2,three");
        assertMessage("--codecs needs a comma-separated list without empty items, got 'h264,,jpeg'",
                "--codecs", "h264,,jpeg");
        assertMessage("--codecs lists 'jpeg' twice", "--codecs", "jpeg,jpeg");
        assertMessage("--participants lists '3' twice", "--participants", "3,3");
        assertMessage("--seconds must be in 1..3600, got 0", "--seconds", "0");
        assertMessage("--warmup must be in 0..60, got 61", "--warmup", "61");
        assertMessage("--seconds needs whole numbers, got '1.5'", "--seconds", "1.5");
        assertMessage("--out needs a directory", "--out", " ");
        assertMessage("--codecs needs 1..8 names, got 9", "--codecs", "a,b,c,d,e,f,g,h,i");
        assertMessage("missing value after --seconds", "--seconds");
        assertMessage("unknown option --rooms", "--rooms", "2");
        assertMessage("usage: ConferenceBench", "--help");
    }

    private static void assertMessage(String expected, String... args) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConferenceBenchOptions.parse(args));
        assertTrue(e.getMessage().startsWith(expected), "expected '" + expected + "', got: " + e.getMessage());
    }
}
