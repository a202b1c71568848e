package dev.vc.api.control;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading how to trust the relay: fingerprints in any spelling, which setting wins, what is refused. */
class RelayTrustTest {
    private static final String CANONICAL = "AB:CD:" + "01:".repeat(29) + "EF";

    @Test
    void shouldReadAFingerprintWithOrWithoutColonsInEitherCase() {
        assertEquals(CANONICAL, CertificateFingerprint.parse(CANONICAL));
        assertEquals(CANONICAL, CertificateFingerprint.parse(CANONICAL.replace(":", "").toLowerCase()));
        assertEquals(CANONICAL, CertificateFingerprint.parse(" " + CANONICAL.replace(':', ' ') + " "));
    }

    @Test
    void shouldRefuseWhatIsNotASha256Fingerprint() {
        for (String bad : new String[] {"", "AB:CD", CANONICAL + ":00", CANONICAL.replace("EF", "EG")}) {
            ConfigException e = assertThrows(ConfigException.class, () -> CertificateFingerprint.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("a relay certificate fingerprint is 32 hex pairs"), e.getMessage());
        }
    }

    @Test
    void shouldPinOverACaAndUseTheSystemStoreWhenNothingIsSet(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        assertEquals("pinned " + CANONICAL, RelayTrust.from(Config.of(Map.of("vc.relay.fingerprint", CANONICAL,
                "vc.relay.ca", ca.toString()))).toString());
        assertEquals("system trust store", RelayTrust.from(Config.empty()).toString());
        assertFalse(RelayTrust.from(Config.empty()).isInsecure());
        ConfigException unreadable = assertThrows(ConfigException.class,
                () -> RelayTrust.from(Config.of(Map.of("vc.relay.ca", ca.toString()))));
        assertTrue(unreadable.getMessage().startsWith("vc.relay.ca: "), unreadable.getMessage());
    }

    @Test
    void shouldRefuseInsecureWithACa() {
        ConfigException e = assertThrows(ConfigException.class, () -> RelayTrust.from(Config.of(Map.of(
                "vc.relay.insecure", "true", "vc.relay.ca", "ca.pem"))));
        assertEquals("vc.relay.insecure=true contradicts vc.relay.ca: a plain-TCP relay has no certificate to check",
                e.getMessage());
    }
}
