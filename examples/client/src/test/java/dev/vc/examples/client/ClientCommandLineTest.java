package dev.vc.examples.client;

import dev.vc.api.ProviderRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the client's command line answers before anything joins: the help, a bad option, an unknown codec. */
class ClientCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Client.Start start(String... args) {
        return Client.start(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldDescribeEveryOptionOnHelpAndSucceed() {
        Client.Start start = start("--help");
        assertNull(start.options());
        assertEquals(0, start.exitStatus());
        assertEquals("", printed(err));
        List<String> flags = new ArrayList<>(ClientOptions.OPTIONS);
        flags.addAll(ClientOptions.SWITCHES);
        for (String flag : flags) {
            // A line of its own that starts with the flag and says what it does.
            assertTrue(printed(out).lines().anyMatch(line -> line.matches("\\s+" + flag + "\\b.*\\s{2,}\\w.*")),
                    flag + "\n" + printed(out));
        }
        assertTrue(printed(out).contains("Exit status"), printed(out));
    }

    @Test
    void shouldAnswerABadOptionWithOneLineAndTheConfigurationStatus() {
        for (String[] args : new String[][] {{"--bogus"}, {"--seconds"}, {"--seconds", "many"}}) {
            out.reset();
            err.reset();
            Client.Start start = start(args);
            assertNull(start.options());
            assertEquals(ClientStatus.EXIT_CONFIG, start.exitStatus());
            assertEquals(1, printed(err).lines().count(), printed(err));
            assertTrue(printed(err).startsWith("vc client: ") && printed(err).contains(args[0]), printed(err));
            assertEquals("", printed(out));
        }
    }

    @Test
    void shouldRefuseAnUnknownCodecListingTheAvailableOnes() {
        Client.Start start = start("--codec", "vp8", "--headless");
        assertNull(start.options());
        assertEquals(ClientStatus.EXIT_CONFIG, start.exitStatus());
        String line = printed(err);
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("--codec") && line.contains("'vp8'"), line);
        for (String codec : ProviderRegistry.encoders().availableNames()) {
            assertTrue(line.contains(codec), codec + " missing from: " + line);
        }
        assertTrue(line.contains("jpeg"), line);
    }

    @Test
    void shouldRunWithAKnownCodec() {
        Client.Start start = start("--codec", "jpeg", "--headless");
        assertNotNull(start.options());
        assertEquals("", printed(err));
    }
}
