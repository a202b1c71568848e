package dev.vc.transport.udp.srtp;

import java.util.Arrays;

/**
 * The SRTP key derivation function (RFC 3711 section 4.3) with the AES-CM PRF and a key derivation rate of 0,
 * as DTLS-SRTP uses it: {@code x = label << 48 XOR master_salt}, session key = the AES-CM key stream of the master
 * key from the counter block {@code x * 2^16}. The 12-byte master salt of AEAD_AES_128_GCM is padded with two
 * zero bytes to the 14 this function takes (RFC 7714 section 11, as libsrtp does).
 */
final class SrtpKeyDerivation {
    /** RFC 3711 section 4.3.2: the labels of the six session keys. */
    static final int SRTP_ENCRYPTION = 0x00;
    static final int SRTP_AUTHENTICATION = 0x01;
    static final int SRTP_SALT = 0x02;
    static final int SRTCP_ENCRYPTION = 0x03;
    static final int SRTCP_AUTHENTICATION = 0x04;
    static final int SRTCP_SALT = 0x05;

    private static final int SALT_BYTES = 14;

    private final AesCounterKeystream prf;
    private final byte[] x = new byte[AesCounterKeystream.BLOCK];

    /**
     * @param masterKey  the 16-byte master key
     * @param masterSalt the master salt, 14 bytes (or 12, padded)
     */
    SrtpKeyDerivation(byte[] masterKey, byte[] masterSalt) {
        if (masterSalt.length > SALT_BYTES) {
            throw new IllegalArgumentException("a master salt has at most 14 bytes, got " + masterSalt.length);
        }
        prf = new AesCounterKeystream(masterKey);
        System.arraycopy(masterSalt, 0, x, 0, masterSalt.length);
    }

    /**
     * @param label  which session key
     * @param length its length in bytes
     * @return the session key
     */
    byte[] derive(int label, int length) {
        byte[] out = new byte[length];
        x[SALT_BYTES - 7] ^= (byte) label;      // key_id = label || r (48 bits, 0 at rate 0), right-aligned
        prf.apply(x, out, 0, length);
        x[SALT_BYTES - 7] ^= (byte) label;
        return out;
    }

    /** Overwrites the salt held here (the PRF's AES key schedule is the JDK's). */
    void destroy() {
        Arrays.fill(x, (byte) 0);
    }
}
