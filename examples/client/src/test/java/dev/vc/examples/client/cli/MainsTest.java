package dev.vc.examples.client.cli;

import dev.vc.api.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

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
