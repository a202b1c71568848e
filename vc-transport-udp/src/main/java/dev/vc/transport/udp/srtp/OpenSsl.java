package dev.vc.transport.udp.srtp;

/**
 * OpenSSL's AES-GCM for SRTP, reached through the foreign function API: on Java 17 to 21 there is no such API, so
 * this class only says so. The jar's Java 22 version of this class ({@code META-INF/versions/22}) loads libcrypto
 * and makes {@code OpenSslGcmTransform}s; {@link SrtpCiphers} picks between it and vc's Java ciphers once per
 * process.
 */
final class OpenSsl {
    private OpenSsl() {
    }

    /** @return why OpenSSL's ciphers cannot be used here, or null when they can */
    static String unavailable() {
        return "OpenSSL is reached through the foreign function API of Java 22 and later; this is Java "
                + Runtime.version().feature();
    }

    /** @return the loaded libcrypto's version, or null when none is loaded */
    static String version() {
        return null;
    }

    /**
     * @param keys the session keys (copied)
     * @return an AEAD_AES_128_GCM transform on OpenSSL
     * @throws IllegalStateException always here: {@link #unavailable()} is not null
     */
    static SrtpTransform gcm(SessionKeys keys) {
        throw new IllegalStateException(unavailable());
    }
}
