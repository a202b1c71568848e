package dev.vc.transport.udp.srtp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One thread's native memory for OpenSSL's calls: a packet copied from the Java heap, the IV, the length OpenSSL
 * writes back, and the parameter lists ({@code OSSL_PARAM}s) a packet hands to {@code EVP_CIPHER_CTX_set_params} and
 * {@code _get_params}: the IV, the AEAD tag, and both together. Made at a thread's first packet (2 KiB of data, room
 * for an MTU-sized packet and its tag), grown only for a larger packet than any before; freed when the thread is gone
 * (an automatic arena). It also keeps the memory of the direct buffer a copy was last protected into. Addresses are
 * handed to {@link LibCrypto} as {@code long}s. One thread's alone.
 */
final class NativeScratch {
    private static final int IV = 0;
    private static final int OUT_LENGTH = 16;
    /** OpenSSL 3's {@code struct ossl_param_st}: key, type, data, data size, returned size; 40 bytes on 64 bits. */
    private static final int PARAM_BYTES = 40;
    private static final int PARAM_TYPE = 8;
    private static final int PARAM_DATA = 16;
    private static final int PARAM_DATA_SIZE = 24;
    private static final int PARAM_RETURN_SIZE = 32;
    /** Opening: the tag to expect, the IV, the list's end (all zero). */
    private static final int OPEN_PARAMS = 32;
    /** Sealing: the IV, the list's end. */
    private static final int IV_PARAMS = OPEN_PARAMS + 3 * PARAM_BYTES;
    /** Sealing, after the final call: the tag to get, the list's end. */
    private static final int TAG_PARAMS = IV_PARAMS + 2 * PARAM_BYTES;
    private static final int DATA = TAG_PARAMS + 2 * PARAM_BYTES + 8;
    /** {@code OSSL_PARAM_UNMODIFIED}. */
    private static final long UNMODIFIED = -1L;
    /**
     * The IV's data size: {@code (size_t) -1}, with which GCM's {@code OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED} takes
     * the whole IV (as {@code EVP_CTRL_GCM_SET_IV_FIXED} with -1) and restarts the GCM state at the next call.
     */
    private static final long WHOLE_IV = -1L;
    /** {@code OSSL_CIPHER_PARAM_AEAD_TAG}, as a C string, for the life of the process. */
    private static final MemorySegment TAG_KEY = Arena.global().allocateFrom("tag");
    /** {@code OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED}, as a C string, for the life of the process. */
    private static final MemorySegment IV_KEY = Arena.global().allocateFrom("tlsivfixed");
    private static final int FIRST_DATA_BYTES = 2048;
    private static final ValueLayout.OfInt NETWORK_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong NETWORK_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ThreadLocal<NativeScratch> BY_THREAD = ThreadLocal.withInitial(NativeScratch::new);

    private MemorySegment segment;
    private long address;
    /**
     * The direct buffer a copy was last protected into (the relay's one output buffer, the same for every receiver),
     * and its memory: kept by the thread, not by each receiver's transform, so a receiver's turn fetches no object of
     * its own for it.
     */
    private ByteBuffer outBuffer;
    private MemorySegment outMemory;

    private NativeScratch() {
        allocate(FIRST_DATA_BYTES);
    }

    /**
     * @param dataBytes the most bytes of packet the caller will put in
     * @return this thread's scratch, with room for them
     */
    static NativeScratch of(int dataBytes) {
        NativeScratch scratch = BY_THREAD.get();
        if (DATA + (long) dataBytes > scratch.segment.byteSize()) {
            scratch.allocate(Integer.highestOneBit(dataBytes - 1) << 1);
        }
        return scratch;
    }

    private void allocate(int dataBytes) {
        segment = Arena.ofAuto().allocate(DATA + (long) dataBytes, 16);   // zeroed: the lists' ends are in place
        address = segment.address();
        param(OPEN_PARAMS, TAG_KEY);
        param(OPEN_PARAMS + PARAM_BYTES, IV_KEY);
        ivData(OPEN_PARAMS + PARAM_BYTES);
        param(IV_PARAMS, IV_KEY);
        ivData(IV_PARAMS);
        param(TAG_PARAMS, TAG_KEY);
    }

    private void param(int at, MemorySegment key) {
        segment.set(JAVA_LONG, at, key.address());
        segment.set(JAVA_INT, at + PARAM_TYPE, LibCrypto.OCTET_STRING);
        segment.set(JAVA_LONG, at + PARAM_RETURN_SIZE, UNMODIFIED);
    }

    private void ivData(int at) {
        segment.set(JAVA_LONG, at + PARAM_DATA, address + IV);
        segment.set(JAVA_LONG, at + PARAM_DATA_SIZE, WHOLE_IV);
    }

    /**
     * Points the tag parameter to get at {@code length} bytes at {@code tagAddress}.
     *
     * @return the address of the parameter list: the tag
     */
    long tagParams(long tagAddress, int length) {
        return tag(TAG_PARAMS, tagAddress, length);
    }

    /**
     * Points the tag parameter to expect at {@code length} bytes at {@code tagAddress}.
     *
     * @return the address of the parameter list: the tag and the IV {@link #putIv} wrote
     */
    long openParams(long tagAddress, int length) {
        return tag(OPEN_PARAMS, tagAddress, length);
    }

    /** @return the address of the parameter list: the IV {@link #putIv} wrote */
    long ivParams() {
        return address + IV_PARAMS;
    }

    private long tag(int at, long tagAddress, int length) {
        segment.set(JAVA_LONG, at + PARAM_DATA, tagAddress);
        segment.set(JAVA_LONG, at + PARAM_DATA_SIZE, length);
        segment.set(JAVA_LONG, at + PARAM_RETURN_SIZE, UNMODIFIED);
        return address + at;
    }

    /**
     * Copies {@code packet[offset, offset + length)} to the direct buffer {@code out}'s start.
     *
     * @return the address of {@code out}'s start
     */
    long copyInto(ByteBuffer out, byte[] packet, int offset, int length) {
        if (out != outBuffer) {
            outMemory = MemorySegment.ofBuffer(out.duplicate().clear());
            outBuffer = out;
        }
        MemorySegment.copy(packet, offset, outMemory, JAVA_BYTE, 0, length);
        return outMemory.address();
    }

    /** Writes a 32-bit value in network order at {@code at} in the direct buffer {@link #copyInto} last copied to. */
    void putOutInt(int at, int value) {
        outMemory.set(NETWORK_INT, at, value);
    }

    /** Copies {@code source[offset, offset + length)} to the data's start. */
    void copyIn(byte[] source, int offset, int length) {
        MemorySegment.copy(source, offset, segment, JAVA_BYTE, DATA, length);
    }

    /** Copies {@code length} bytes from data offset {@code from} to {@code target[offset]}. */
    void copyOut(int from, byte[] target, int offset, int length) {
        MemorySegment.copy(segment, JAVA_BYTE, DATA + (long) from, target, offset, length);
    }

    /** Writes a 32-bit value in network order at data offset {@code at}. */
    void putInt(int at, int value) {
        segment.set(NETWORK_INT, DATA + (long) at, value);
    }

    /** Writes the 12-byte IV, {@code head} then {@code tail} in network order (see {@link GcmIv#head}). */
    void putIv(int head, long tail) {
        segment.set(NETWORK_INT, IV, head);
        segment.set(NETWORK_LONG, IV + 4, tail);
    }

    /** @return the address of the data's start */
    long data() {
        return address + DATA;
    }

    /** @return the address of the IV */
    long iv() {
        return address + IV;
    }

    /** @return the address of the {@code int} OpenSSL writes a length to */
    long outLength() {
        return address + OUT_LENGTH;
    }

    /** @return the length OpenSSL last wrote */
    int outLengthValue() {
        return segment.get(JAVA_INT, OUT_LENGTH);
    }
}
