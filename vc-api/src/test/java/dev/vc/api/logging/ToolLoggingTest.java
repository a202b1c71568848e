package dev.vc.api.logging;

import dev.vc.api.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tools' logging: warnings only on the console, details on request or in a file. */
class ToolLoggingTest {
    @TempDir
    Path dir;

    @AfterEach
    void reset() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    private static Handler console() {
        Handler[] handlers = LogManager.getLogManager().getLogger("").getHandlers();
        for (Handler h : handlers) {
            if (h instanceof java.util.logging.ConsoleHandler) {
                return h;
            }
        }
        throw new AssertionError("no console handler");
    }

    @Test
    void shouldShowOnlyWarningsOnTheConsoleByDefaultOneLineEach() {
        ToolLogging.configure(false, null);
        Handler console = console();
        assertFalse(console.isLoggable(new LogRecord(Level.INFO, "join #1")));
        assertTrue(console.isLoggable(new LogRecord(Level.WARNING, "no camera")));
        LogRecord warning = new LogRecord(Level.WARNING, "cannot open {0}");
        warning.setParameters(new Object[] {"/dev/video0"});
        warning.setLoggerName("dev.vc.capture.CameraSource");
        warning.setThrown(new IllegalStateException("busy"));
        String line = console.getFormatter().format(warning);
        assertEquals("WARNING CameraSource: cannot open /dev/video0 (java.lang.IllegalStateException: busy)"
                + System.lineSeparator(), line);
    }

    @Test
    void shouldShowDetailsWhenVerbose() {
        ToolLogging.configure(true, null);
        assertTrue(console().isLoggable(new LogRecord(Level.INFO, "join #1")));
        assertEquals(Level.INFO, LogManager.getLogManager().getLogger("").getLevel());
    }

    @Test
    void shouldWriteTheDetailsToTheLogFileWhateverTheConsoleShows() throws Exception {
        Path file = dir.resolve("relay.log");
        ToolLogging.configure(false, file);
        Logger.getLogger("dev.vc.relay.RoomDirectory").info("join 'alice' #1");
        Logger.getLogger("dev.vc.relay.RoomDirectory").fine("not this");
        String written = Files.readString(file);
        assertTrue(written.contains("join 'alice' #1"), written);
        assertFalse(written.contains("not this"), written);
        assertFalse(console().isLoggable(new LogRecord(Level.INFO, "x")), "the console stays quiet");
    }

    @Test
    void shouldRefuseALogFileItCannotWrite() {
        Path missing = dir.resolve("no-such-dir").resolve("x.log");
        ConfigException e = assertThrows(ConfigException.class, () -> ToolLogging.configure(false, missing));
        assertTrue(e.getMessage().contains("x.log"), e.getMessage());
    }
}
