package dev.vc.transport.udp.srtp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One thread's native memory for OpenSSL's calls: a packet copied from the Java heap, the IV, the length OpenSSL
 * writes back, and a parameter list naming the AEAD tag ({@code OSSL_PARAM}s). Made at a thread's first packet (2 KiB of data, room for an MTU-sized packet and its tag), grown only
 * for a larger packet than any before; freed when the thread is gone (an automatic arena). Addresses are handed to
 * {@link LibCrypto} as {@code long}s. One thread's alone.
 */
final class NativeScratch {
    private static final int IV = 0;
    private static final int OUT_LENGTH = 16;
    /**
     * Two {@code OSSL_PARAM}s (OpenSSL 3's {@code struct ossl_param_st}: key, type, data, data size, returned size; 40
     * bytes on a 64-bit ABI): the tag, and the list's end (all zero).
     */
    private static final int TAG_PARAMS = 32;
    private static final int PARAM_BYTES = 40;
    private static final int PARAM_TYPE = 8;
    private static final int PARAM_DATA = 16;
    private static final int PARAM_DATA_SIZE = 24;
    private static final int PARAM_RETURN_SIZE = 32;
    /** {@code OSSL_PARAM_UNMODIFIED}. */
    private static final long UNMODIFIED = -1L;
    private static final int DATA = TAG_PARAMS + 2 * PARAM_BYTES + 16;
    /** {@code OSSL_CIPHER_PARAM_AEAD_TAG}, as a C string, for the life of the process. */
    private static final MemorySegment TAG_KEY = Arena.global().allocateFrom("tag");
    private static final int FIRST_DATA_BYTES = 2048;
    private static final ValueLayout.OfInt NETWORK_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ThreadLocal<NativeScratch> BY_THREAD = ThreadLocal.withInitial(NativeScratch::new);

    private MemorySegment segment;
    private long address;

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
        segment = Arena.ofAuto().allocate(DATA + (long) dataBytes, 16);   // zeroed: the list's end is in place
        address = segment.address();
        segment.set(JAVA_LONG, TAG_PARAMS, TAG_KEY.address());
        segment.set(JAVA_INT, TAG_PARAMS + PARAM_TYPE, LibCrypto.OCTET_STRING);
    }

    /**
     * Points the tag parameter at {@code length} bytes at {@code tagAddress}.
     *
     * @return the address of the parameter list
     */
    long tagParams(long tagAddress, int length) {
        segment.set(JAVA_LONG, TAG_PARAMS + PARAM_DATA, tagAddress);
        segment.set(JAVA_LONG, TAG_PARAMS + PARAM_DATA_SIZE, length);
        segment.set(JAVA_LONG, TAG_PARAMS + PARAM_RETURN_SIZE, UNMODIFIED);
        return address + TAG_PARAMS;
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

    /** Puts a 12-byte IV where {@link #iv()} points. */
    void putIv(byte[] iv) {
        MemorySegment.copy(iv, 0, segment, JAVA_BYTE, IV, GcmIv.LENGTH);
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
