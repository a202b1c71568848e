package dev.vc.transport.udp.srtp;

import java.util.Arrays;

/**
 * AES-128-GCM with a 96-bit IV and a 16-byte tag (NIST SP 800-38D), in place and allocating nothing per message:
 * GCTR is {@link AesCounterKeystream} from {@code inc32(J0)} with {@code J0 = IV || 0x00000001}, the tag is
 * {@code GHASH_H(A, C) XOR E(K, J0)} ({@link Ghash}, {@code H = E(K, 0^128)}).
 *
 * <p>A message is {@link #start} with its IV, any number of {@link #aad} calls, then one {@link #seal} or
 * {@link #open}. {@link #open} checks the tag (in constant time) before it decrypts anything: a forged message
 * leaves the ciphertext as it was. The JDK's AES/GCM takes a new IV only through {@code Cipher.init}, which
 * builds a new GCM engine (about 1 KB per message on JDK 17). Not thread-safe.
 */
final class AesGcm {
    static final int TAG = 16;
    static final int IV = 12;

    private final AesCounterKeystream aes;
    private final Ghash ghash;
    private final byte[] j0 = new byte[AesCounterKeystream.BLOCK];
    private final byte[] mask = new byte[TAG];
    private final byte[] expected = new byte[TAG];

    /** @param key a 16-byte AES key (copied) */
    AesGcm(byte[] key) {
        aes = new AesCounterKeystream(key);
        byte[] h = new byte[AesCounterKeystream.BLOCK];
        aes.start(new byte[AesCounterKeystream.BLOCK], h.length);
        aes.read(h, 0, h.length);                       // H = E(K, 0^128)
        ghash = new Ghash(h);
        Arrays.fill(h, (byte) 0);
        j0[IV + 3] = 1;
    }

    /** Starts a message under {@code iv[offset, offset + 12)} (read now, not kept). */
    void start(byte[] iv, int offset) {
        System.arraycopy(iv, offset, j0, 0, IV);
        ghash.start();
    }

    /** Authenticates associated data of the current message; all of it comes before {@link #seal} or {@link #open}. */
    void aad(byte[] data, int offset, int length) {
        ghash.aad(data, offset, length);
    }

    /**
     * Encrypts {@code data[offset, offset + length)} in place and writes the tag to {@code tag[tagOffset]} (which
     * may follow the ciphertext in the same array).
     */
    void seal(byte[] data, int offset, int length, byte[] tag, int tagOffset) {
        keystream(length);
        aes.xor(data, offset, length);
        ghash.text(data, offset, length);
        ghash.finish(tag, tagOffset);
        for (int i = 0; i < TAG; i++) {
            tag[tagOffset + i] ^= mask[i];
        }
    }

    /**
     * Checks the tag at {@code tag[tagOffset]} against the associated data and {@code data[offset, offset +
     * length)} and, only when it matches, decrypts that ciphertext in place.
     *
     * @return whether the tag matched; when not, {@code data} is untouched
     */
    boolean open(byte[] data, int offset, int length, byte[] tag, int tagOffset) {
        ghash.text(data, offset, length);
        ghash.finish(expected, 0);
        keystream(length);
        int difference = 0;
        for (int i = 0; i < TAG; i++) {
            difference |= expected[i] ^ mask[i] ^ tag[tagOffset + i];
        }
        if (difference != 0) {
            return false;
        }
        aes.xor(data, offset, length);
        return true;
    }

    /** Starts GCTR at J0: its first block masks the tag, the rest encrypts {@code length} bytes from inc32(J0). */
    private void keystream(int length) {
        aes.start(j0, TAG + length);
        aes.read(mask, 0, TAG);
    }
}
