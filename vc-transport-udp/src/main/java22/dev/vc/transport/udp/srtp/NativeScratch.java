package dev.vc.transport.udp.srtp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One thread's native memory for OpenSSL's calls: a packet copied from the Java heap, the IV and the length OpenSSL
 * writes back. Made at a thread's first packet (2 KiB of data, room for an MTU-sized packet and its tag), grown only
 * for a larger packet than any before; freed when the thread is gone (an automatic arena). Addresses are handed to
 * {@link LibCrypto} as {@code long}s. One thread's alone.
 */
final class NativeScratch {
    private static final int IV = 0;
    private static final int OUT_LENGTH = 16;
    private static final int DATA = 32;
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
        segment = Arena.ofAuto().allocate(DATA + (long) dataBytes, 16);
        address = segment.address();
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
