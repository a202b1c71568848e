package dev.vc.capture;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.testing.DocTables;
import dev.vc.testing.SettingsCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CaptureSettingsTest {
    @Test
    void shouldDeclareEveryKeyOnceWithADefaultItParses() {
        SettingsCheck.assertWellDeclared(CaptureSettings.ALL);
    }

    @Test
    void shouldBeListedWithTheirDefaultsInTheConfigurationPage() {
        SettingsCheck.assertDocumented(DocTables.read("configuration.md"), "CaptureSettings", CaptureSettings.ALL);
    }

    @Test
    void shouldReadLoopByTheOneBooleanRule() {
        assertEquals(true, Config.empty().with(CaptureSettings.LOOP.key(), "TRUE").get(CaptureSettings.LOOP));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.empty().with(CaptureSettings.LOOP.key(), "yes").get(CaptureSettings.LOOP));
        assertEquals("vc.source.loop must be true or false, got 'yes'", e.getMessage());
    }
}
