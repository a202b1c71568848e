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
 * <p>Each block is multiplied by H in GF(2^128) with a table made once per key: for each of the 16 nibble positions
 * of a 64-bit half, the products of H with all 16 nibbles at that position (16 x 16 x 16 bytes = 4 KB, hi and lo
 * word side by side). {@code X * H} is then the XOR of 16 look-ups for X's high half, plus {@code x^64} times the
 * XOR of 16 look-ups for its low half, whose 64 bits past {@code x^127} are reduced by
 * {@code x^128 = 1 + x + x^2 + x^7} in six shifts. The 32 look-ups are independent (no Horner chain). A relay
 * holds one key per receiver and runs each packet under another key, so the table must be cheap to fetch: with
 * byte positions (32 KB per key) a GHASH took 1.1 us when its table was warm but 4.7 us inside a relay forwarding
 * to 100 receivers, against 2.5 and 2.7 us with this 4 KB table (see docs/benchmarks.md, "SRTP"). The JDK's own
 * GHASH runs on the carry-less multiply instruction, which Java code cannot reach; it is reachable only through
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

    /** {@code table[2 * (16 * p + n)]} and {@code [... + 1]}: the hi and lo words of (nibble n at position p) * H. */
    private final long[] table = new long[2 * 16 * 16];
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
        for (int bit = 0; bit < 64; bit++) {            // H * x^bit: a single bit at position bit / 4
            int entry = 2 * (16 * (bit / 4) + (0x8 >>> (bit % 4)));
            table[entry] = high;
            table[entry + 1] = low;
            long carry = low & 1;                       // times x: one bit right, reduced
            low = low >>> 1 | high << 63;
            high = high >>> 1 ^ -carry & R;
        }
        for (int position = 0; position < 16; position++) {
            int base = 2 * 16 * position;
            for (int power = 2; power < 16; power <<= 1) {
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
            int h0 = (int) (high >>> 59) & 0x1E;
            int h1 = 0x20 | (int) (high >>> 55) & 0x1E;
            int h2 = 0x40 | (int) (high >>> 51) & 0x1E;
            int h3 = 0x60 | (int) (high >>> 47) & 0x1E;
            int h4 = 0x80 | (int) (high >>> 43) & 0x1E;
            int h5 = 0xA0 | (int) (high >>> 39) & 0x1E;
            int h6 = 0xC0 | (int) (high >>> 35) & 0x1E;
            int h7 = 0xE0 | (int) (high >>> 31) & 0x1E;
            int h8 = 0x100 | (int) (high >>> 27) & 0x1E;
            int h9 = 0x120 | (int) (high >>> 23) & 0x1E;
            int h10 = 0x140 | (int) (high >>> 19) & 0x1E;
            int h11 = 0x160 | (int) (high >>> 15) & 0x1E;
            int h12 = 0x180 | (int) (high >>> 11) & 0x1E;
            int h13 = 0x1A0 | (int) (high >>> 7) & 0x1E;
            int h14 = 0x1C0 | (int) (high >>> 3) & 0x1E;
            int h15 = 0x1E0 | (int) (high << 1) & 0x1E;
            int l0 = (int) (low >>> 59) & 0x1E;
            int l1 = 0x20 | (int) (low >>> 55) & 0x1E;
            int l2 = 0x40 | (int) (low >>> 51) & 0x1E;
            int l3 = 0x60 | (int) (low >>> 47) & 0x1E;
            int l4 = 0x80 | (int) (low >>> 43) & 0x1E;
            int l5 = 0xA0 | (int) (low >>> 39) & 0x1E;
            int l6 = 0xC0 | (int) (low >>> 35) & 0x1E;
            int l7 = 0xE0 | (int) (low >>> 31) & 0x1E;
            int l8 = 0x100 | (int) (low >>> 27) & 0x1E;
            int l9 = 0x120 | (int) (low >>> 23) & 0x1E;
            int l10 = 0x140 | (int) (low >>> 19) & 0x1E;
            int l11 = 0x160 | (int) (low >>> 15) & 0x1E;
            int l12 = 0x180 | (int) (low >>> 11) & 0x1E;
            int l13 = 0x1A0 | (int) (low >>> 7) & 0x1E;
            int l14 = 0x1C0 | (int) (low >>> 3) & 0x1E;
            int l15 = 0x1E0 | (int) (low << 1) & 0x1E;
            // The high half's product, and the low half's as if it were the high half (to be multiplied by x^64).
            long aHigh = t[h0] ^ t[h1] ^ (t[h2] ^ t[h3])
                    ^ (t[h4] ^ t[h5] ^ (t[h6] ^ t[h7]))
                    ^ (t[h8] ^ t[h9] ^ (t[h10] ^ t[h11])
                    ^ (t[h12] ^ t[h13] ^ (t[h14] ^ t[h15])));
            long aLow = t[h0 + 1] ^ t[h1 + 1] ^ (t[h2 + 1] ^ t[h3 + 1])
                    ^ (t[h4 + 1] ^ t[h5 + 1] ^ (t[h6 + 1] ^ t[h7 + 1]))
                    ^ (t[h8 + 1] ^ t[h9 + 1] ^ (t[h10 + 1] ^ t[h11 + 1])
                    ^ (t[h12 + 1] ^ t[h13 + 1] ^ (t[h14 + 1] ^ t[h15 + 1])));
            long bHigh = t[l0] ^ t[l1] ^ (t[l2] ^ t[l3])
                    ^ (t[l4] ^ t[l5] ^ (t[l6] ^ t[l7]))
                    ^ (t[l8] ^ t[l9] ^ (t[l10] ^ t[l11])
                    ^ (t[l12] ^ t[l13] ^ (t[l14] ^ t[l15])));
            long bLow = t[l0 + 1] ^ t[l1 + 1] ^ (t[l2 + 1] ^ t[l3 + 1])
                    ^ (t[l4 + 1] ^ t[l5 + 1] ^ (t[l6 + 1] ^ t[l7 + 1]))
                    ^ (t[l8 + 1] ^ t[l9 + 1] ^ (t[l10 + 1] ^ t[l11 + 1])
                    ^ (t[l12 + 1] ^ t[l13 + 1] ^ (t[l14 + 1] ^ t[l15 + 1])));
            // b * x^64: bHigh moves to the low word, bLow to x^128..x^191, where x^128 = 1 + x + x^2 + x^7.
            high = aHigh ^ bLow ^ bLow >>> 1 ^ bLow >>> 2 ^ bLow >>> 7;
            low = aLow ^ bHigh ^ bLow << 63 ^ bLow << 62 ^ bLow << 57;
        }
        yHigh = high;
        yLow = low;
    }
}
