package dev.vc.transport.udp.srtp;

/**
 * OpenSSL's AES-GCM for SRTP, the Java 22 version of this class (the multi-release jar's
 * {@code META-INF/versions/22}): available when {@link LibCrypto} found libcrypto; {@link SrtpCiphers} picks between
 * it and vc's Java ciphers once per process.
 */
final class OpenSsl {
    private OpenSsl() {
    }

    /** @return why OpenSSL's ciphers cannot be used here, or null when they can */
    static String unavailable() {
        return LibCrypto.FAILURE;
    }

    /** @return the loaded libcrypto's version, or null when none is loaded */
    static String version() {
        return LibCrypto.VERSION;
    }

    /**
     * @param keys the session keys (copied)
     * @return an AEAD_AES_128_GCM transform on OpenSSL
     * @throws IllegalStateException when {@link #unavailable()} is not null
     */
    static SrtpTransform gcm(SessionKeys keys) {
        if (LibCrypto.FAILURE != null) {
            throw new IllegalStateException(LibCrypto.FAILURE);
        }
        return new OpenSslGcmTransform(keys);
    }
}
