package dev.vc.record;

import dev.vc.testing.DocTables;
import dev.vc.testing.SettingsCheck;
import org.junit.jupiter.api.Test;

class RecordSettingsTest {
    @Test
    void shouldDeclareEveryKeyOnceWithADefaultItParses() {
        SettingsCheck.assertWellDeclared(RecordSettings.ALL);
    }

    @Test
    void shouldBeListedWithTheirDefaultsInTheConfigurationPage() {
        SettingsCheck.assertDocumented(DocTables.read("configuration.md"), "RecordSettings", RecordSettings.ALL);
    }
}
