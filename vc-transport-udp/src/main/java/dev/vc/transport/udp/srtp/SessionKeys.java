package dev.vc.transport.udp.srtp;

import java.util.Arrays;

/**
 * The three session keys of one kind of traffic (SRTP or SRTCP) derived from a master key: encryption key,
 * authentication key (empty for AEAD, which authenticates with its encryption key) and session salt.
 */
final class SessionKeys {
    /** HMAC-SHA1's key length in SRTP (RFC 3711 section 8.2: n_a = 160 bits). */
    private static final int AUTH_KEY_BYTES = 20;

    final byte[] encryption;
    final byte[] authentication;
    final byte[] salt;

    private SessionKeys(byte[] encryption, byte[] authentication, byte[] salt) {
        this.encryption = encryption;
        this.authentication = authentication;
        this.salt = salt;
    }

    /**
     * @param master the master key
     * @param rtcp   {@code true} for the SRTCP keys, {@code false} for the SRTP keys
     * @return the session keys
     */
    static SessionKeys derive(SrtpMasterKey master, boolean rtcp) {
        SrtpProfile profile = master.profile();
        byte[] key = master.key();
        byte[] salt = master.salt();
        int base = rtcp ? SrtpKeyDerivation.SRTCP_ENCRYPTION : SrtpKeyDerivation.SRTP_ENCRYPTION;
        SrtpKeyDerivation kdf = new SrtpKeyDerivation(key, salt);
        Arrays.fill(key, (byte) 0);
        Arrays.fill(salt, (byte) 0);
        try {
            return new SessionKeys(
                    kdf.derive(base, profile.keyLength()),
                    profile == SrtpProfile.AEAD_AES_128_GCM ? new byte[0] : kdf.derive(base + 1, AUTH_KEY_BYTES),
                    kdf.derive(base + 2, profile.saltLength()));
        } finally {
            kdf.destroy();
        }
    }

    /**
     * Session keys given as they are, for the RFC 7714 test vectors, which start below the key derivation.
     */
    static SessionKeys of(byte[] encryption, byte[] authentication, byte[] salt) {
        return new SessionKeys(encryption.clone(), authentication.clone(), salt.clone());
    }

    /** Overwrites the keys with zeros once the transforms hold their own copies. */
    void destroy() {
        Arrays.fill(encryption, (byte) 0);
        Arrays.fill(authentication, (byte) 0);
        Arrays.fill(salt, (byte) 0);
    }
}
