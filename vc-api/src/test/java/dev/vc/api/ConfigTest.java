package dev.vc.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {
    @AfterEach
    void clearProperties() {
        System.clearProperty(Config.FILE_PROPERTY);
        System.clearProperty("vc.codec");
        System.clearProperty("vc.fps");
    }

    @Test
    void shouldLayerBuilderCallsOverSystemPropertiesOverFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vc.properties");
        Files.writeString(file, "vc.codec=from-file\nvc.fps=15\nvc.width=320\nother.key=ignored\n");
        System.setProperty(Config.FILE_PROPERTY, file.toString());
        System.setProperty("vc.fps", "25");

        Config config = Config.load().with("vc.width", "800");

        assertEquals("from-file", config.get("vc.codec", "?"));
        assertEquals(25, config.getInt("vc.fps", 30, 1, 240));
        assertEquals(800, config.getInt("vc.width", 640, 16, 8192));
        assertTrue(config.get("other.key").isEmpty(), "only vc.* keys are read");
    }

    @Test
    void shouldFailClearlyWhenTheNamedFileIsMissing(@TempDir Path dir) {
        System.setProperty(Config.FILE_PROPERTY, dir.resolve("absent.properties").toString());
        ConfigException e = assertThrows(ConfigException.class, Config::load);
        assertTrue(e.getMessage().contains("absent.properties"), e.getMessage());
    }

    @Test
    void shouldRejectMalformedAndOutOfRangeIntegers() {
        Config config = Config.of(Map.of("vc.fps", "fast", "vc.width", "99999"));
        ConfigException notNumber = assertThrows(ConfigException.class, () -> config.getInt("vc.fps", 30, 1, 240));
        assertTrue(notNumber.getMessage().contains("vc.fps"), notNumber.getMessage());
        ConfigException outOfRange = assertThrows(ConfigException.class,
                () -> config.getInt("vc.width", 640, 16, 8192));
        assertTrue(outOfRange.getMessage().contains("16..8192"), outOfRange.getMessage());
    }

    @Test
    void shouldTreatBlankValuesAsUnsetAndRemoveWithNull() {
        Config config = Config.of(Map.of("vc.codec", "  ", "vc.source", "synthetic"));
        assertEquals("jpeg", config.get("vc.codec", "jpeg"));
        assertTrue(config.with("vc.source", null).get("vc.source").isEmpty());
    }
}
