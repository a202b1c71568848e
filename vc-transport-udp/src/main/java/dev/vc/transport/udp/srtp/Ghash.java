package dev.vc.transport.udp.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * GHASH (NIST SP 800-38D section 6.4), GCM's authenticator, in Java and allocating nothing per call:
 * {@code GHASH_H(A, C)} over the associated data and the ciphertext, each zero-padded to whole blocks, and the
 * block of their lengths in bits.
 *
 * <p>Each block is multiplied by H in GF(2^128) with tables made once per key: for each of the 8 byte positions of
 * a 64-bit half, the products of H with all 256 bytes at that position (8 x 256 x 16 bytes = 32 KB, hi and lo
 * word side by side, one cache line per look-up). {@code X * H} is then the XOR of 8 look-ups for X's high half,
 * plus {@code x^64} times the XOR of 8 look-ups for its low half, whose 64 bits past {@code x^127} are reduced by
 * {@code x^128 = 1 + x + x^2 + x^7} in six shifts. The 16 look-ups are independent (no Horner chain), which made
 * this the fastest of the layouts measured (see docs/benchmarks.md, "SRTP"): Shoup's 8-bit table (4 KB, a
 * reduction per byte) took twice the time, 16 position tables (64 KB, no reduction) no less. The JDK's own GHASH
 * runs on the carry-less multiply instruction, which Java code cannot reach; it is reachable only through
 * {@code Cipher.init}, which allocates.
 *
 * <p>Like every table-driven GHASH (OpenSSL's and BouncyCastle's without CLMUL), the look-up addresses depend on
 * secret data, so a process sharing the CPU's caches could in principle learn something about H from timing.
 * Not thread-safe.
 */
final class Ghash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** x^128 = x^7 + x^2 + x + 1, in GCM's reflected bit order: the coefficient of x^0 is the high word's top bit. */
    private static final long R = 0xE100_0000_0000_0000L;
    private static final int BLOCK = 16;

    /** {@code table[2 * (256 * p + b)]} and {@code [... + 1]}: the hi and lo words of (byte b at position p) * H. */
    private final long[] table = new long[2 * 8 * 256];
    private final byte[] partial = new byte[BLOCK];
    private int partialLength;
    private long yHigh;
    private long yLow;
    private long aadBytes;
    private long textBytes;
    private boolean inText;

    /** @param h the hash subkey {@code E(K, 0^128)}, 16 bytes (read now, not kept) */
    Ghash(byte[] h) {
        long high = (long) LONGS.get(h, 0);
        long low = (long) LONGS.get(h, 8);
        for (int bit = 0; bit < 64; bit++) {            // H * x^bit: a single bit at position bit / 8
            int entry = 2 * (256 * (bit / 8) + (0x80 >>> (bit % 8)));
            table[entry] = high;
            table[entry + 1] = low;
            long carry = low & 1;                       // times x: one bit right, reduced
            low = low >>> 1 | high << 63;
            high = high >>> 1 ^ -carry & R;
        }
        for (int position = 0; position < 8; position++) {
            int base = 2 * 256 * position;
            for (int power = 2; power < 256; power <<= 1) {
                for (int below = 1; below < power; below++) {
                    table[base + 2 * (power + below)] = table[base + 2 * power] ^ table[base + 2 * below];
                    table[base + 2 * (power + below) + 1] = table[base + 2 * power + 1] ^ table[base + 2 * below + 1];
                }
            }
        }
    }

    /** Starts a new hash. */
    void start() {
        yHigh = 0;
        yLow = 0;
        partialLength = 0;
        aadBytes = 0;
        textBytes = 0;
        inText = false;
    }

    /** Hashes associated data; all of it comes before the first {@link #text}. */
    void aad(byte[] data, int offset, int length) {
        update(data, offset, length);
        aadBytes += length;
    }

    /** Hashes ciphertext (the associated data, from here on complete, is padded to a whole block first). */
    void text(byte[] data, int offset, int length) {
        if (!inText) {
            pad();
            inText = true;
        }
        update(data, offset, length);
        textBytes += length;
    }

    /** Pads the last block, hashes the lengths block and writes the 16-byte hash to {@code out[offset]}. */
    void finish(byte[] out, int offset) {
        pad();
        LONGS.set(partial, 0, aadBytes * 8);
        LONGS.set(partial, 8, textBytes * 8);
        block(partial, 0);
        LONGS.set(out, offset, yHigh);
        LONGS.set(out, offset + 8, yLow);
    }

    private void update(byte[] data, int offset, int length) {
        int at = offset;
        int end = offset + length;
        if (partialLength > 0) {
            int n = Math.min(end - at, BLOCK - partialLength);
            System.arraycopy(data, at, partial, partialLength, n);
            partialLength += n;
            at += n;
            if (partialLength < BLOCK) {
                return;
            }
            block(partial, 0);
            partialLength = 0;
        }
        int blocks = (end - at) / BLOCK;
        blocks(data, at, blocks);
        at += blocks * BLOCK;
        System.arraycopy(data, at, partial, 0, end - at);
        partialLength = end - at;
    }

    private void pad() {
        if (partialLength > 0) {
            Arrays.fill(partial, partialLength, BLOCK, (byte) 0);
            block(partial, 0);
            partialLength = 0;
        }
    }

    private void block(byte[] data, int offset) {
        blocks(data, offset, 1);
    }

    /** Y = (Y XOR block) * H for each of {@code count} blocks from {@code data[offset]}. */
    private void blocks(byte[] data, int offset, int count) {
        long[] t = table;
        long high = yHigh;
        long low = yLow;
        for (int i = 0, at = offset; i < count; i++, at += BLOCK) {
            high ^= (long) LONGS.get(data, at);
            low ^= (long) LONGS.get(data, at + 8);
            int h0 = (int) (high >>> 55) & 0x1FE;
            int h1 = 0x200 | (int) (high >>> 47) & 0x1FE;
            int h2 = 0x400 | (int) (high >>> 39) & 0x1FE;
            int h3 = 0x600 | (int) (high >>> 31) & 0x1FE;
            int h4 = 0x800 | (int) (high >>> 23) & 0x1FE;
            int h5 = 0xA00 | (int) (high >>> 15) & 0x1FE;
            int h6 = 0xC00 | (int) (high >>> 7) & 0x1FE;
            int h7 = 0xE00 | (int) (high << 1) & 0x1FE;
            int l0 = (int) (low >>> 55) & 0x1FE;
            int l1 = 0x200 | (int) (low >>> 47) & 0x1FE;
            int l2 = 0x400 | (int) (low >>> 39) & 0x1FE;
            int l3 = 0x600 | (int) (low >>> 31) & 0x1FE;
            int l4 = 0x800 | (int) (low >>> 23) & 0x1FE;
            int l5 = 0xA00 | (int) (low >>> 15) & 0x1FE;
            int l6 = 0xC00 | (int) (low >>> 7) & 0x1FE;
            int l7 = 0xE00 | (int) (low << 1) & 0x1FE;
            // The high half's product, and the low half's as if it were the high half (to be multiplied by x^64).
            long aHigh = t[h0] ^ t[h1] ^ (t[h2] ^ t[h3]) ^ (t[h4] ^ t[h5] ^ (t[h6] ^ t[h7]));
            long aLow = t[h0 + 1] ^ t[h1 + 1] ^ (t[h2 + 1] ^ t[h3 + 1])
                    ^ (t[h4 + 1] ^ t[h5 + 1] ^ (t[h6 + 1] ^ t[h7 + 1]));
            long bHigh = t[l0] ^ t[l1] ^ (t[l2] ^ t[l3]) ^ (t[l4] ^ t[l5] ^ (t[l6] ^ t[l7]));
            long bLow = t[l0 + 1] ^ t[l1 + 1] ^ (t[l2 + 1] ^ t[l3 + 1])
                    ^ (t[l4 + 1] ^ t[l5 + 1] ^ (t[l6 + 1] ^ t[l7 + 1]));
            // b * x^64: bHigh moves to the low word, bLow to x^128..x^191, where x^128 = 1 + x + x^2 + x^7.
            high = aHigh ^ bLow ^ bLow >>> 1 ^ bLow >>> 2 ^ bLow >>> 7;
            low = aLow ^ bHigh ^ bLow << 63 ^ bLow << 62 ^ bLow << 57;
        }
        yHigh = high;
        yLow = low;
    }
}
