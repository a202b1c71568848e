package dev.vc.transport.udp.srtp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process's choice of ciphers: OpenSSL's exactly when this JVM can run it (Java 22+, native access, libcrypto 3)
 * and {@code vc.srtp.ciphers} does not say {@code java}; on Java 17 to 21 the reason names the Java version needed.
 */
class SrtpCiphersTest {
    @Test
    void shouldChooseOpenSslExactlyWhenItIsAvailable() {
        SrtpCiphers expected = OpenSsl.unavailable() == null && !"java".equals(System.getProperty("vc.srtp.ciphers"))
                ? SrtpCiphers.OPENSSL : SrtpCiphers.JAVA;
        assertEquals(expected, SrtpCiphers.chosen());
    }

    @Test
    void shouldSayWhyOpenSslIsNotUsedBeforeJava22() {
        if (Runtime.version().feature() >= 22) {
            assertTrue(OpenSsl.unavailable() != null || OpenSsl.version().startsWith("OpenSSL 3"), OpenSsl.version());
            return;
        }
        assertTrue(OpenSsl.unavailable().contains("Java 22"), OpenSsl.unavailable());
        assertNull(OpenSsl.version());
        SessionKeys keys = SessionKeys.of(new byte[16], new byte[0], new byte[12]);
        assertNotNull(assertThrows(IllegalStateException.class, () -> OpenSsl.gcm(keys)).getMessage());
    }
}
