package dev.vc.ui.swing;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.testing.DocTables;
import dev.vc.testing.SettingsCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SwingSettingsTest {
    @Test
    void shouldDeclareEveryKeyOnceWithADefaultItParses() {
        SettingsCheck.assertWellDeclared(SwingSettings.ALL);
    }

    @Test
    void shouldBeListedWithTheirDefaultsInTheConfigurationPage() {
        SettingsCheck.assertDocumented(DocTables.read("configuration.md"), "SwingSettings", SwingSettings.ALL);
    }

    @Test
    void shouldNameTheKeyAndTheAcceptedFormsOfABadValue() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SwingSettings.from(Config.empty().with("vc.ui.scaling", "cubic")));
        assertEquals("vc.ui.scaling must be nearest or bilinear, got 'cubic'", e.getMessage());
    }
}
