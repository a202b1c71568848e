package dev.vc.transport.udp.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode on the JDK's AES/ECB, allocating nothing per call: the counter blocks {@code C, C + 1, ...}
 * are written into a reused buffer, encrypted in one ECB call into a second reused buffer, and XORed into the data
 * eight bytes at a time. {@code Cipher.init} with a fresh IV (AES/CTR, AES/GCM) would allocate on every packet;
 * ECB is keyed once. Used for the AES-CM key stream (RFC 3711 section 4.1.1: {@link #apply}), the AES-CM PRF of
 * the key derivation, and AES-GCM's GCTR (NIST SP 800-38D: {@link #start}, {@link #read}, {@link #xor}).
 *
 * <p>The counter is the block's low 64 bits, incremented as a 64-bit integer: the AES-CM IV leaves its last 16
 * bits zero and GCM's counter block starts its 32-bit counter at 1, so no key stream of under 2^16 blocks (1 MB,
 * far beyond any datagram) carries out of the bits the modes reserve for the counter. Not thread-safe.
 */
final class AesCounterKeystream {
    static final int BLOCK = 16;
    /** Blocks per ECB call: a 1,200-byte payload is 75 blocks, so one call covers a packet. */
    private static final int CHUNK_BLOCKS = 128;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** XOR does not care for byte order: the native one saves the byte swaps. */
    private static final VarHandle NATIVE_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final Cipher ecb;
    private final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK];
    private long high;
    private long low;
    /** Blocks of this key stream encrypted so far. */
    private long block;
    /** Key stream bytes announced by {@link #start} and not yet encrypted: sizes the next ECB call. */
    private long announced;
    /** Key stream bytes encrypted into {@link #keystream}, and how many of them were used. */
    private int available;
    private int used;

    /** @param key a 16-byte AES key (copied by the JDK) */
    AesCounterKeystream(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/ECB", e);
        }
    }

    /**
     * XORs the key stream that starts at {@code iv} into {@code data[offset, offset + length)}.
     *
     * @param iv the 16-byte initial counter block; its last two bytes are zero (the block counter goes there)
     */
    void apply(byte[] iv, byte[] data, int offset, int length) {
        start(iv, length);
        xor(data, offset, length);
    }

    /**
     * Starts the key stream {@code E(K, counter) || E(K, counter + 1) || ...}.
     *
     * @param counter the 16-byte first counter block (read now, not kept)
     * @param bytes   how many key stream bytes the caller will use: the first ECB call encrypts that much (up to
     *                2 KB), so a packet costs one call; using more or fewer is allowed
     */
    void start(byte[] counter, int bytes) {
        high = (long) LONGS.get(counter, 0);
        low = (long) LONGS.get(counter, 8);
        block = 0;
        announced = bytes;
        available = 0;
        used = 0;
    }

    /** Copies the next {@code length} key stream bytes into {@code out[offset, offset + length)}. */
    void read(byte[] out, int offset, int length) {
        int done = 0;
        while (done < length) {
            int n = Math.min(length - done, buffered());
            System.arraycopy(keystream, used, out, offset + done, n);
            used += n;
            done += n;
        }
    }

    /** XORs the next {@code length} key stream bytes into {@code data[offset, offset + length)}. */
    void xor(byte[] data, int offset, int length) {
        int done = 0;
        while (done < length) {
            int n = Math.min(length - done, buffered());
            int at = offset + done;
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                NATIVE_LONGS.set(data, at + i,
                        (long) NATIVE_LONGS.get(data, at + i) ^ (long) NATIVE_LONGS.get(keystream, used + i));
            }
            for (; i < n; i++) {
                data[at + i] ^= keystream[used + i];
            }
            used += n;
            done += n;
        }
    }

    /** @return how many encrypted key stream bytes are ready, encrypting the next chunk when none are */
    private int buffered() {
        if (used == available) {
            long wanted = Math.max(announced, 1);
            int blocks = (int) Math.min(CHUNK_BLOCKS, (wanted + BLOCK - 1) / BLOCK);
            for (int i = 0; i < blocks; i++, block++) {
                LONGS.set(counters, i * BLOCK, high);
                LONGS.set(counters, i * BLOCK + 8, low + block);
            }
            encrypt(blocks * BLOCK);
            available = blocks * BLOCK;
            used = 0;
            announced -= available;
        }
        return available - used;
    }

    private void encrypt(int bytes) {
        try {
            ecb.doFinal(counters, 0, bytes, keystream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("the key stream buffer is too small", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB refused whole blocks", e);
        }
    }
}
