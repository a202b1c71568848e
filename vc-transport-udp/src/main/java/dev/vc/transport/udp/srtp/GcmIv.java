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

    /**
     * Writes the SRTP or SRTCP IV of {@code (ssrc, index)} into {@code iv[0, 12)}: {@link #head} then {@link #tail}.
     *
     * @param saltHead the salt's first 4 bytes ({@link #saltHead})
     * @param saltTail the salt's last 8 bytes ({@link #saltTail})
     * @param index    the 48-bit SRTP index, or the SRTCP index without the E flag
     */
    static void write(int saltHead, long saltTail, int ssrc, long index, byte[] iv) {
        SrtpTransform.putInt(iv, 0, head(saltHead, ssrc));
        long tail = tail(saltTail, ssrc, index);
        SrtpTransform.putInt(iv, 4, (int) (tail >>> 32));
        SrtpTransform.putInt(iv, 8, (int) tail);
    }

    /** @return the salt's first 4 bytes as a big-endian {@code int} */
    static int saltHead(byte[] salt) {
        return SrtpTransform.getInt(salt, 0);
    }

    /** @return the salt's last 8 bytes as a big-endian {@code long} */
    static long saltTail(byte[] salt) {
        return (long) SrtpTransform.getInt(salt, 4) << 32 | SrtpTransform.getInt(salt, 8) & 0xFFFF_FFFFL;
    }

    /**
     * The IV's first 4 bytes as a big-endian {@code int}: the salt's XOR the SSRC's high 16 bits (a transform that
     * writes the IV to native memory writes it as this and {@link #tail}, no array per packet).
     *
     * @param saltHead the salt's first 4 bytes, big-endian
     */
    static int head(int saltHead, int ssrc) {
        return saltHead ^ ssrc >>> 16;
    }

    /**
     * The IV's last 8 bytes as a big-endian {@code long}: the SSRC's low 16 bits
     * and then the 48-bit SRTP index (rollover counter and sequence number) or the SRTCP index (below 2^31, so the
     * two zero bytes before it come out right), XOR the salt.
     *
     * @param saltTail the salt's last 8 bytes, big-endian
     */
    static long tail(long saltTail, int ssrc, long index) {
        return saltTail ^ ((ssrc & 0xFFFFL) << 48 | index);
    }
}
