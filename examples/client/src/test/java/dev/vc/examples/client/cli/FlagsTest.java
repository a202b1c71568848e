package dev.vc.examples.client.cli;

import dev.vc.api.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Flags}: one parser for every example's command line. */
class FlagsTest {
    private static final String USAGE = "usage: Tool [--n N] [--x X] [--on]";

    private static Flags parse(String... args) {
        return Flags.parse(args, USAGE, List.of("--on"), List.of("--n", "--x"));
    }

    private static void assertMessage(String expected, Runnable parse) {
        assertEquals(expected, assertThrows(ConfigException.class, parse::run).getMessage());
    }

    @Test
    void shouldFallBackToTheDefaultsWhenNothingIsGiven() {
        Flags flags = parse();
        assertEquals(7, flags.integer("--n", 7));
        assertEquals(7L, flags.longInteger("--n", 7));
        assertEquals(0.5, flags.decimal("--n", 0.5));
        assertNull(flags.string("--x", null));
        assertEquals(Path.of("out"), flags.directory("--x", Path.of("out")));
        assertNull(flags.address("--x", null));
        assertEquals(List.of(1, 2), flags.integers("--x", List.of(1, 2)));
        assertFalse(flags.has("--on"));
        assertFalse(flags.has("--n"));
    }

    @Test
    void shouldReadTypedValuesAndSwitchesInAnyOrder() {
        Flags flags = parse("--on", "--n", "42", "--x", "a, b,c");
        assertTrue(flags.has("--on"));
        assertTrue(flags.has("--n"));
        assertEquals(42, flags.integer("--n", 0));
        assertEquals(42.0, flags.decimal("--n", 0));
        assertEquals(List.of("a", "b", "c"), flags.strings("--x", List.of()));
        assertEquals(List.of(5, 3), parse("--x", "5,3").integers("--x", List.of()));
        InetSocketAddress address = parse("--x", "relay.lan:6000").address("--x", null);
        assertEquals("relay.lan", address.getHostString());
        assertEquals(6000, address.getPort());
    }

    @Test
    void shouldKeepTheLastValueOfARepeatedFlag() {
        Flags flags = parse("--n", "1", "--on", "--n", "2", "--on");
        assertEquals(2, flags.integer("--n", 0));
        assertTrue(flags.has("--on"));
    }

    @Test
    void shouldTakeTheNextArgumentAsTheValueEvenIfItLooksLikeAFlag() {
        assertEquals("--on", parse("--x", "--on").string("--x", null));
    }

    @Test
    void shouldRejectTheShapeOfTheCommandLineInOneLinePointingToTheHelp() {
        assertMessage("unknown option --bogus (--help lists the options)", () -> parse("--bogus", "1"));
        assertMessage("unknown option --bogus (--help lists the options)", () -> parse("--bogus"));
        assertMessage("missing value after --n (--help lists the options)", () -> parse("--on", "--n"));
    }

    @Test
    void shouldAnswerTheHelpWithTheUsage() {
        assertEquals(USAGE, assertThrows(HelpRequested.class, () -> parse("--n", "1", "--help")).getMessage());
        assertEquals(USAGE, assertThrows(HelpRequested.class, () -> parse("-h")).getMessage());
    }

    @Test
    void shouldRejectBadValuesNamingTheFlag() {
        assertMessage("--n needs whole numbers, got '1.5'", () -> parse("--n", "1.5").integer("--n", 0));
        assertMessage("--n needs whole numbers, got 'x'", () -> parse("--n", "x").longInteger("--n", 0));
        assertMessage("--n needs a number, got 'fast'", () -> parse("--n", "fast").decimal("--n", 0));
        assertMessage("--x needs whole numbers, got 'two'", () -> parse("--x", "1,two").integers("--x", List.of()));
        assertMessage("--x needs a comma-separated list without empty items, got 'a,,b'",
                () -> parse("--x", "a,,b").strings("--x", List.of()));
        assertMessage("--x needs a comma-separated list without empty items, got 'a,'",
                () -> parse("--x", "a,").strings("--x", List.of()));
        assertMessage("--x lists 'a' twice", () -> parse("--x", "a, a").strings("--x", List.of()));
        assertMessage("--x needs a directory", () -> parse("--x", " ").directory("--x", null));
        assertMessage("--x needs host:port, got 'nohost'", () -> parse("--x", "nohost").address("--x", null));
        assertMessage("--x port must be in 1..65535, got 0", () -> parse("--x", "h:0").address("--x", null));
    }

    @Test
    void shouldCheckRangesInclusively() {
        Flags.check("--n", 1, 1, 3);
        Flags.check("--n", 3, 1, 3);
        assertMessage("--n must be in 1..3, got 0", () -> Flags.check("--n", 0, 1, 3));
        assertMessage("--n must be in 1..3, got 4", () -> Flags.check("--n", 4, 1, 3));
    }

    @Test
    void shouldRefuseToReadAFlagThatWasNotDeclared() {
        assertThrows(IllegalArgumentException.class, () -> parse().integer("--typo", 0));
    }
}
