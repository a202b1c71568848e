package dev.vc.transport.udp.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode (RFC 3711 section 4.1.1) on the JDK's AES/ECB, allocating nothing per call: the counter
 * blocks {@code IV + i} are written into a reused buffer, encrypted in one ECB call into a second reused buffer,
 * and XORed into the data eight bytes at a time. {@code Cipher.init} with a fresh IV (AES/CTR) would allocate on
 * every packet; ECB is keyed once. Not thread-safe.
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
        long high = (long) LONGS.get(iv, 0);
        long low = (long) LONGS.get(iv, 8);
        int block = 0;
        int done = 0;
        while (done < length) {
            int chunk = Math.min(length - done, CHUNK_BLOCKS * BLOCK);
            int blocks = (chunk + BLOCK - 1) / BLOCK;
            for (int i = 0; i < blocks; i++, block++) {
                LONGS.set(counters, i * BLOCK, high);
                LONGS.set(counters, i * BLOCK + 8, low + block);   // the low 16 bits of the IV are zero
            }
            encrypt(blocks * BLOCK);
            xor(data, offset + done, chunk);
            done += chunk;
        }
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

    private void xor(byte[] data, int offset, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            NATIVE_LONGS.set(data, offset + i,
                    (long) NATIVE_LONGS.get(data, offset + i) ^ (long) NATIVE_LONGS.get(keystream, i));
        }
        for (; i < length; i++) {
            data[offset + i] ^= keystream[i];
        }
    }
}
