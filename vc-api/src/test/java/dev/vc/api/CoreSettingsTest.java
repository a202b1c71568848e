package dev.vc.api;

import dev.vc.testing.DocTables;
import dev.vc.testing.SettingsCheck;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CoreSettingsTest {
    /** Every module's settings home; each module's test checks its own section of docs/configuration.md. */
    private static final Set<String> HOMES = Set.of("CoreSettings", "CaptureSettings", "H264Options", "UdpSettings",
            "SwingSettings", "RelaySettings", "ClusterSettings", "RecordSettings");

    @Test
    void shouldDeclareEveryKeyOnceWithADefaultItParses() {
        SettingsCheck.assertWellDeclared(CoreSettings.ALL);
    }

    @Test
    void shouldBeListedWithTheirDefaultsInTheConfigurationPage() {
        SettingsCheck.assertDocumented(DocTables.read("configuration.md"), "CoreSettings", CoreSettings.ALL);
    }

    @Test
    void shouldListEveryKeyOfTheConfigurationPageUnderTheHomeThatDeclaresIt() {
        SettingsCheck.assertEveryTableHasAHome(DocTables.read("configuration.md"), HOMES);
    }

    @Test
    void shouldNameEachCodecsDecoderKey() {
        for (VideoCodec codec : VideoCodec.values()) {
            String name = codec.name().toLowerCase(java.util.Locale.ROOT);
            assertEquals("vc.decoder." + name, CoreSettings.decoder(codec).key());
        }
    }

    @Test
    void shouldRefuseSelfViewValuesOtherThanTrueOrFalse() {
        for (String word : new String[] {"yes", "on", "1", "garbage"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> Config.of(Map.of("vc.self.view", word)).get(CoreSettings.SELF_VIEW));
            assertEquals("vc.self.view must be true or false, got '" + word + "'", e.getMessage());
        }
    }
}
