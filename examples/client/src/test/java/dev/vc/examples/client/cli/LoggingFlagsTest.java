package dev.vc.examples.client.cli;

import dev.vc.api.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tools' logging flags are taken out of the command line and applied; the rest goes on unchanged. */
class LoggingFlagsTest {
    @TempDir
    Path dir;

    @AfterEach
    void quiet() {
        LoggingFlags.apply(new String[0]);
    }

    private static boolean detailsLogged() {
        return System.getLogger("dev.vc.relay.RoomDirectory").isLoggable(System.Logger.Level.INFO);
    }

    @Test
    void shouldTakeOutTheLoggingFlagsAndKeepTheRestInOrder() {
        String log = dir.resolve("demo.log").toString();
        assertArrayEquals(new String[] {"--seconds", "3", "--codec", "jpeg"},
                LoggingFlags.apply(new String[] {"--seconds", "3", "-v", "--log-file", log, "--codec", "jpeg"}));
        assertTrue(detailsLogged());
    }

    @Test
    void shouldBeQuietWithoutThem() {
        assertArrayEquals(new String[] {"--headless"}, LoggingFlags.apply(new String[] {"--headless"}));
        assertFalse(detailsLogged());
        assertTrue(System.getLogger("dev.vc.relay.RoomDirectory").isLoggable(System.Logger.Level.WARNING));
    }

    @Test
    void shouldRefuseALogFileFlagWithoutAPath() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> LoggingFlags.apply(new String[] {"--seconds", "3", "--log-file"}));
        assertEquals("--log-file needs a path", e.getMessage());
    }
}
