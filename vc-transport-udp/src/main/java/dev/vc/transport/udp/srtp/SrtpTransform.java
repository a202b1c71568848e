package dev.vc.transport.udp.srtp;

import java.nio.ByteBuffer;

/**
 * One profile's packet transform under one set of session keys: encrypts and authenticates, or authenticates and
 * decrypts, a packet in place. It knows nothing of indices, rollover counters or replay (that is
 * {@link SrtpContext}'s job): it is handed the SSRC and index to build the IV from. An {@link SrtpContext} holds
 * two, one under the SRTP keys and one under the SRTCP keys. Not thread-safe.
 */
abstract class SrtpTransform {
    /** The RTCP header left in clear: V, P, RC, PT, length and the sender's SSRC (RFC 3711 section 3.4). */
    static final int RTCP_HEADER = 8;
    /** The E flag and 31-bit SRTCP index. */
    static final int SRTCP_TRAILER = 4;
    static final int E_FLAG = 0x8000_0000;

    /** Where {@link #protectRtpCopy} protects for a direct buffer when this transform cannot work on native memory. */
    private byte[] heapWork;

    /** @return the authentication tag's length */
    abstract int tagLength();

    /**
     * Encrypts the payload after {@code headerLength} and appends the tag at {@code offset + length}.
     *
     * @return the protected length, {@code length + tagLength()}
     */
    abstract int protectRtp(byte[] packet, int offset, int length, int headerLength, int ssrc, long index);

    /**
     * Checks the tag at the end of the packet and, when it matches, decrypts the payload in place; the unprotected
     * packet is the first {@code length - tagLength()} bytes.
     *
     * @return whether the tag matched (nothing is decrypted when it did not)
     */
    abstract boolean unprotectRtp(byte[] packet, int offset, int length, int headerLength, int ssrc, long index);

    /**
     * Encrypts the RTCP packet after its first 8 bytes and appends the E flag with the SRTCP index and the tag,
     * in the profile's order.
     *
     * @return the protected length, {@code length + tagLength() + 4}
     */
    abstract int protectRtcp(byte[] packet, int offset, int length, int ssrc, int index);

    /**
     * Protects a copy: copies {@code packet[offset, offset + length)} to {@code out}'s start and protects it there as
     * {@link #protectRtp} does, leaving {@code packet} as it was. Here the copy is protected in {@code out}'s array,
     * or, for a direct buffer, in a heap array of this transform's (made at the first such packet) and then copied
     * into it; a transform that can work on native memory protects a direct buffer where it is.
     *
     * @param out has room for {@code length + tagLength()} bytes from index 0
     * @return the protected length
     */
    int protectRtpCopy(byte[] packet, int offset, int length, int headerLength, int ssrc, long index,
            ByteBuffer out) {
        byte[] work = workFor(out, length + tagLength());
        int at = out.hasArray() ? out.arrayOffset() : 0;
        System.arraycopy(packet, offset, work, at, length);
        int protectedLength = protectRtp(work, at, length, headerLength, ssrc, index);
        copyBack(work, protectedLength, out);
        return protectedLength;
    }

    /**
     * Protects a copy of an RTCP packet into {@code out}'s start as {@link #protectRtcp} does, leaving {@code packet}
     * as it was (see {@link #protectRtpCopy}).
     *
     * @param out has room for {@code length + tagLength() + 4} bytes from index 0
     * @return the protected length
     */
    int protectRtcpCopy(byte[] packet, int offset, int length, int ssrc, int index, ByteBuffer out) {
        byte[] work = workFor(out, length + tagLength() + SRTCP_TRAILER);
        int at = out.hasArray() ? out.arrayOffset() : 0;
        System.arraycopy(packet, offset, work, at, length);
        int protectedLength = protectRtcp(work, at, length, ssrc, index);
        copyBack(work, protectedLength, out);
        return protectedLength;
    }

    /** @return {@code out}'s array, or for a direct buffer this transform's heap work array of at least that size */
    private byte[] workFor(ByteBuffer out, int bytes) {
        if (out.hasArray()) {
            return out.array();
        }
        if (heapWork == null || heapWork.length < bytes) {
            heapWork = new byte[Math.max(bytes, out.capacity())];
        }
        return heapWork;
    }

    private static void copyBack(byte[] work, int length, ByteBuffer out) {
        if (!out.hasArray()) {
            out.put(0, work, 0, length);
        }
    }

    /** @return where, from the packet's start, a protected RTCP packet of this length keeps its E flag and index */
    abstract int srtcpTrailerOffset(int length);

    /**
     * Checks the tag of a protected RTCP packet and, when it matches and the E flag is set, decrypts in place; the
     * unprotected packet is the first {@code length - tagLength() - 4} bytes.
     *
     * @param flagAndIndex the E flag and SRTCP index read from {@link #srtcpTrailerOffset(int)}
     * @return whether the tag matched
     */
    abstract boolean unprotectRtcp(byte[] packet, int offset, int length, int ssrc, int flagAndIndex);

    static void putInt(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 24);
        bytes[offset + 1] = (byte) (value >>> 16);
        bytes[offset + 2] = (byte) (value >>> 8);
        bytes[offset + 3] = (byte) value;
    }

    static int getInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8
                | bytes[offset + 3] & 0xFF;
    }
}
