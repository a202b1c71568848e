package dev.vc.relay.cli;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.Setting;
import dev.vc.relay.RelaySettings;
import dev.vc.testing.DocTables;
import dev.vc.testing.SettingsCheck;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayFlagsTest {
    private static CommandLine.ParseResult parse(String... args) {
        return new CommandLine(new RelayMain()).parseArgs(args);
    }

    @Test
    void shouldGiveEveryKeyButTheSecretsExactlyOneFlag() {
        for (Setting<?> setting : RelaySettings.ALL) {
            long flags = RelayFlags.FLAGS.stream().filter(flag -> flag.setting() == setting).count();
            // Secrets have no flag of their own: command lines are visible to other users.
            boolean secret = setting == RelaySettings.ROOM_SECRET || setting == RelaySettings.TLS_KEYSTORE_PASSWORD
                    || setting == RelaySettings.OPERATOR_TOKEN || setting == RelaySettings.TRUNK_SECRET;
            // An ingress's flag is RelayMain's --ingress, which takes the whole spec, name included.
            boolean family = setting == RelaySettings.INGRESS;
            assertEquals(secret || family ? 0 : 1, flags, setting.key());
        }
    }

    @Test
    void shouldListEachFlagBesideItsKeyInTheRelayPage() {
        Map<String, DocTables.Row> rows =
                SettingsCheck.assertDocumented(DocTables.read("relay.md"), "RelaySettings", RelaySettings.ALL);
        assertTrue(rows.get(RelaySettings.ROOM_SECRET.key()).cell("flag").startsWith("`--room-secret`"));
        for (RelayFlags.Flag flag : RelayFlags.FLAGS) {
            String cell = rows.get(flag.setting().key()).cell("flag");
            assertTrue(cell.startsWith("`" + flag.name() + "`"), flag.setting().key() + ": " + cell);
            assertEquals(flag.value() != null, cell.contains("sets it to " + flag.value()), cell);
        }
    }

    @Test
    void shouldShowEveryFlagWithItsKeyInTheHelp() {
        // Picocli wraps long descriptions, also inside a key: join the lines again.
        String help = new CommandLine(new RelayMain()).getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\R\\s+", "");
        for (RelayFlags.Flag flag : RelayFlags.FLAGS) {
            assertTrue(help.contains(flag.name()) && help.contains(flag.setting().key()), flag.name() + "\n" + help);
        }
    }

    @Test
    void shouldShowNoDefaultForAKeyThatHasNone() {
        String help = new CommandLine(new RelayMain()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertFalse(help.contains("null"), help);
        for (RelayFlags.Flag flag : RelayFlags.FLAGS) {
            String description = String.join(" ", flag.option().description());
            Object fallback = flag.setting().defaultValue();
            assertTrue(flag.value() != null || description.endsWith(fallback == null ? "(" + flag.setting().key() + ")."
                    : "(" + flag.setting().key() + ", default " + fallback + ")."), description);
        }
    }

    @Test
    void shouldOverrideTheKeysWithTheFlagsGiven() {
        Config keys = Config.of(Map.of("vc.relay.media.port", "6000", "vc.relay.max.rooms", "7"));
        Config merged = RelayFlags.apply(parse("--media-port", "7001", "--shared-media-socket"), keys);
        assertEquals(Map.of("vc.relay.media.port", "7001", "vc.relay.max.rooms", "7",
                "vc.relay.socket.per.participant", "false"), merged.asMap());
    }

    @Test
    void shouldNameTheFlagAndTheKeyOfABadValue() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> RelayFlags.apply(parse("--max-participants", "1"), Config.empty()));
        assertEquals("--max-participants: vc.relay.room.max.participants must be an integer in 2..1000, got '1'",
                e.getMessage());
    }
}
