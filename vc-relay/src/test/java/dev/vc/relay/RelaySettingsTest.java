package dev.vc.relay;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.testing.DocTables;
import dev.vc.testing.SettingsCheck;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RelaySettingsTest {
    @Test
    void shouldDeclareEveryKeyOnceWithADefaultItParses() {
        SettingsCheck.assertWellDeclared(RelaySettings.ALL);
    }

    @Test
    void shouldBeListedWithTheirDefaultsInBothPages() {
        SettingsCheck.assertDocumented(DocTables.read("configuration.md"), "RelaySettings", RelaySettings.ALL);
        SettingsCheck.assertDocumented(DocTables.read("relay.md"), "RelaySettings", RelaySettings.ALL);
    }

    @Test
    void shouldTakeTheBuildersDefaultsFromTheDeclarations() {
        RelaySettings built = RelaySettings.builder().build();
        RelaySettings read = RelaySettings.from(Config.empty()).build();
        for (RelaySettings settings : new RelaySettings[] {built, read}) {
            assertEquals(RelaySettings.HOST.defaultValue(), settings.host());
            assertEquals(RelaySettings.MEDIA_PORT.defaultValue(), settings.mediaAddress().getPort());
            assertEquals(RelaySettings.STALE_TIMEOUT_MS.defaultValue(), settings.staleMillis());
            assertEquals(RelaySettings.MAX_BITRATE.defaultValue(), settings.maxBitrate());
            assertEquals(RelaySettings.RECEIVE_BUFFER_BYTES.defaultValue(), settings.receiveBufferBytes());
        }
    }

    @Test
    void shouldReadEveryKeyAndTheRoomSecrets() {
        RelaySettings settings = RelaySettings.from(Config.of(Map.of("vc.relay.host", "127.0.0.1",
                "vc.relay.control.port", "7000", "vc.relay.max.bitrate", "10000000000", "vc.relay.adhoc.rooms", "FALSE",
                "vc.relay.stale.timeout.ms", "400", "vc.relay.room.team.secret", "s3cret"))).build();
        assertEquals("127.0.0.1", settings.host());
        assertEquals(7000, settings.controlAddress().getPort());
        assertEquals(10_000_000_000L, settings.maxBitrate());
        assertEquals(false, settings.adHocRooms());
        assertEquals(400, settings.staleMillis());
        assertEquals("s3cret", settings.roomSecret("team"));
    }

    @Test
    void shouldNoLongerReadTheParticipantsStaleTimeout() {
        assertEquals(3_000, RelaySettings.from(Config.of(Map.of("vc.stale.timeout.ms", "500"))).build().staleMillis());
    }

    @Test
    void shouldCheckBuilderValuesAndKeysByTheSameRule() {
        ConfigException set = assertThrows(ConfigException.class, () -> RelaySettings.builder().mediaPort(70_000));
        ConfigException read = assertThrows(ConfigException.class,
                () -> RelaySettings.from(Config.of(Map.of("vc.relay.media.port", "70000"))));
        assertEquals("vc.relay.media.port must be an integer in 0..65535, got '70000'", set.getMessage());
        assertEquals(set.getMessage(), read.getMessage());
        ConfigException yes = assertThrows(ConfigException.class,
                () -> RelaySettings.from(Config.of(Map.of("vc.relay.socket.per.participant", "yes"))));
        assertEquals("vc.relay.socket.per.participant must be true or false, got 'yes'", yes.getMessage());
    }
}
