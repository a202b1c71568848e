package dev.vc.relay.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.testing.DocTables;
import dev.vc.testing.SettingsCheck;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
    @Test
    void shouldDeclareEveryKeyOnceWithADefaultItParses() {
        SettingsCheck.assertWellDeclared(ClusterSettings.ALL);
    }

    @Test
    void shouldBeListedWithTheirDefaultsInTheConfigurationPage() {
        SettingsCheck.assertDocumented(DocTables.read("configuration.md"), "ClusterSettings", ClusterSettings.ALL);
    }

    @Test
    void shouldRefuseAUrlWithCredentialsAndNeverShowThePassword() {
        ConfigException inUrl = assertThrows(ConfigException.class, () -> ClusterSettings.from(Config.empty()
                .with("vc.cluster.redis", "redis://:hunter2secret@127.0.0.1:6379")));
        assertFalse(inUrl.getMessage().contains("hunter2secret"), inUrl.getMessage());
        ClusterSettings settings = ClusterSettings.from(Config.empty().with("vc.cluster.redis", "redis://10.0.0.5:6379")
                .with("vc.cluster.redis.password", "hunter2secret"));
        assertEquals("hunter2secret", settings.password());
        assertFalse(settings.toString().contains("hunter2secret"), settings.toString());
        assertTrue(settings.toString().contains("password=***"));
    }

    @Test
    void shouldRefuseAnIdThatCouldNotBeStoredInALease() {
        assertThrows(ConfigException.class, () -> ClusterSettings.from(Config.empty()
                .with("vc.cluster.redis", "redis://127.0.0.1:6379").with("vc.cluster.relay.id", "a|b")));
    }
}
