package dev.vc.transport.udp.srtp;

/**
 * The 12-byte AEAD_AES_128_GCM IVs of RFC 7714: the session salt XOR {@code 00 00 || SSRC || ROC || SEQ} for SRTP
 * (section 8.1) and XOR {@code 00 00 || SSRC || 00 00 || 0 || SRTCP index} for SRTCP (section 9.1). Shared by the
 * Java transform and the OpenSSL one, so both build the same nonce.
 */
final class GcmIv {
    /** The IV's length in bytes. */
    static final int LENGTH = 12;

    private GcmIv() {
    }

    /** Writes the SRTP IV of {@code (ssrc, index)} under {@code salt} into {@code iv[0, 12)}. */
    static void rtp(byte[] salt, int ssrc, long index, byte[] iv) {
        iv[0] = 0;
        iv[1] = 0;
        SrtpTransform.putInt(iv, 2, ssrc);
        SrtpTransform.putInt(iv, 6, (int) (index >>> 16));
        iv[10] = (byte) (index >>> 8);
        iv[11] = (byte) index;
        xorSalt(salt, iv);
    }

    /** Writes the SRTCP IV of {@code (ssrc, index)} (the index without the E flag) into {@code iv[0, 12)}. */
    static void rtcp(byte[] salt, int ssrc, int index, byte[] iv) {
        iv[0] = 0;
        iv[1] = 0;
        SrtpTransform.putInt(iv, 2, ssrc);
        iv[6] = 0;
        iv[7] = 0;
        SrtpTransform.putInt(iv, 8, index);
        xorSalt(salt, iv);
    }

    /**
     * The first 4 bytes of {@link #rtp} or {@link #rtcp}'s IV as a big-endian {@code int}, for a transform that
     * writes the IV to native memory as two words (no array per packet).
     *
     * @param saltHead the salt's first 4 bytes, big-endian
     */
    static int head(int saltHead, int ssrc) {
        return saltHead ^ ssrc >>> 16;
    }

    /**
     * The last 8 bytes of {@link #rtp} or {@link #rtcp}'s IV as a big-endian {@code long}: the SSRC's low 16 bits
     * and then the 48-bit SRTP index (rollover counter and sequence number) or the SRTCP index (below 2^31, so the
     * two zero bytes before it come out right), XOR the salt.
     *
     * @param saltTail the salt's last 8 bytes, big-endian
     */
    static long tail(long saltTail, int ssrc, long index) {
        return saltTail ^ ((ssrc & 0xFFFFL) << 48 | index);
    }

    private static void xorSalt(byte[] salt, byte[] iv) {
        for (int i = 0; i < LENGTH; i++) {
            iv[i] ^= salt[i];
        }
    }
}
