package dev.vc.transport.udp.srtp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) on the JDK's SHA-1, allocating nothing per message: {@code javax.crypto.Mac.doFinal}
 * returns a new array on every call (40 bytes per packet measured on JDK 17), {@code MessageDigest.digest(byte[],
 * int, int)} writes into ours. The same two hash passes as the JDK's {@code HmacSHA1}. Not thread-safe.
 */
final class HmacSha1 {
    static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] inner = new byte[LENGTH];

    /** @param key the authentication key, at most 64 bytes (SRTP's is 20) */
    HmacSha1(byte[] key) {
        if (key.length > BLOCK) {
            throw new IllegalArgumentException("HMAC keys longer than a block are not used by SRTP");
        }
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
        Arrays.fill(innerPad, (byte) 0x36);
        Arrays.fill(outerPad, (byte) 0x5c);
        for (int i = 0; i < key.length; i++) {
            innerPad[i] ^= key[i];
            outerPad[i] ^= key[i];
        }
    }

    /** Starts a message. */
    void start() {
        sha1.reset();
        sha1.update(innerPad);
    }

    /** Adds bytes to the message. */
    void update(byte[] bytes, int offset, int length) {
        sha1.update(bytes, offset, length);
    }

    /** Ends the message and writes its 20-byte MAC into {@code out[offset, offset + 20)}. */
    void finish(byte[] out, int offset) {
        try {
            sha1.digest(inner, 0, LENGTH);
            sha1.update(outerPad);
            sha1.update(inner);
            sha1.digest(out, offset, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 refused a 20-byte output", e);
        }
    }
}
