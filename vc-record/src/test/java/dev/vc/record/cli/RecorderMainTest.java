package dev.vc.record.cli;

import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;
import dev.vc.record.RecordSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecorderMainTest {
    @Test
    void shouldTurnItsFlagsIntoTheKeysTheyName() {
        RecorderMain command = new RecorderMain();
        new CommandLine(command).parseArgs("--relay", "127.0.0.1:5000", "--room", "team", "--dir", "out",
                "--name", "archive");
        assertEquals(new InetSocketAddress("127.0.0.1", 5000), RecorderMain.relayAddress(command.relay));
        assertEquals("team", command.config().get(CoreSettings.ROOM));
        assertEquals("out", command.config().get(RecordSettings.DIRECTORY));
        assertEquals("archive", command.config().get(RecordSettings.NAME));
    }

    @Test
    void shouldRefuseARelayAddressWithoutAPort() {
        ConfigException e = assertThrows(ConfigException.class, () -> RecorderMain.relayAddress("relay.example"));
        assertEquals("--relay must be HOST:PORT, got 'relay.example'", e.getMessage());
        assertThrows(ConfigException.class, () -> RecorderMain.relayAddress("relay.example:http"));
        assertThrows(CommandLine.MissingParameterException.class,
                () -> new CommandLine(new RecorderMain()).parseArgs("--room", "team"));
    }
}
