package dev.vc.examples.client.cli;

import dev.vc.api.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainsTest {
    @Test
    void shouldExitWithTheWorksStatusOrOneOnExpectedFailures() {
        assertEquals(2, Mains.status("t", () -> 2));
        assertEquals(1, Mains.status("t", () -> {
            throw new ConfigException("--x must be in 1..2, got 3");
        }));
        assertEquals(1, Mains.status("t", () -> {
            throw new IOException("no route");
        }));
    }

    @Test
    void shouldPrintTheUsageAndSucceedOnHelp() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Mains.status("t", () -> {
                throw new HelpRequested("usage: t [--x X]");
            }));
        } finally {
            System.setOut(stdout);
        }
        assertEquals("usage: t [--x X]" + System.lineSeparator(), printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldExitWith130AndKeepTheInterruptWhenInterrupted() {
        try {
            assertEquals(130, Mains.status("t", () -> {
                throw new InterruptedException();
            }));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
