package dev.vc.transport.udp.srtp;

/**
 * AEAD_AES_128_GCM (RFC 7714) on {@link AesGcm}, vc's Java GCM: the 12-byte IV is {@link GcmIv}'s; the associated
 * data is the RTP header, extensions included (section 8.2), or the 8-byte RTCP header with the E flag and index (section 9.2, or the whole RTCP packet when E is clear,
 * section 9.3); the 16-byte tag follows the ciphertext, and SRTCP puts its E flag and index after the tag.
 * Allocates nothing per packet, refusals included; a refused packet is left as it came.
 */
final class GcmTransform extends SrtpTransform {
    private static final int TAG = AesGcm.TAG;

    private final AesGcm gcm;
    /** The session salt's first 4 and last 8 bytes ({@link GcmIv#saltHead}, {@link GcmIv#saltTail}). */
    private final int saltHead;
    private final long saltTail;
    private final byte[] iv = new byte[GcmIv.LENGTH];
    private final byte[] trailer = new byte[SRTCP_TRAILER];

    GcmTransform(SessionKeys keys) {
        gcm = new AesGcm(keys.encryption);
        saltHead = GcmIv.saltHead(keys.salt);
        saltTail = GcmIv.saltTail(keys.salt);
    }

    @Override
    int tagLength() {
        return TAG;
    }

    @Override
    int protectRtp(byte[] packet, int offset, int length, int headerLength, int ssrc, long index) {
        putIv(ssrc, index);
        gcm.start(iv, 0);
        gcm.aad(packet, offset, headerLength);
        gcm.seal(packet, offset + headerLength, length - headerLength, packet, offset + length);
        return length + TAG;
    }

    @Override
    boolean unprotectRtp(byte[] packet, int offset, int length, int headerLength, int ssrc, long index) {
        putIv(ssrc, index);
        gcm.start(iv, 0);
        gcm.aad(packet, offset, headerLength);
        int body = length - TAG;
        return gcm.open(packet, offset + headerLength, body - headerLength, packet, offset + body);
    }

    @Override
    int protectRtcp(byte[] packet, int offset, int length, int ssrc, int index) {
        putIv(ssrc, index);
        putInt(trailer, 0, E_FLAG | index);
        gcm.start(iv, 0);
        gcm.aad(packet, offset, RTCP_HEADER);
        gcm.aad(trailer, 0, SRTCP_TRAILER);
        gcm.seal(packet, offset + RTCP_HEADER, length - RTCP_HEADER, packet, offset + length);
        System.arraycopy(trailer, 0, packet, offset + length + TAG, SRTCP_TRAILER);
        return length + TAG + SRTCP_TRAILER;
    }

    @Override
    int srtcpTrailerOffset(int length) {
        return length - SRTCP_TRAILER;
    }

    @Override
    boolean unprotectRtcp(byte[] packet, int offset, int length, int ssrc, int flagAndIndex) {
        int trailerOffset = srtcpTrailerOffset(length);
        int tagOffset = trailerOffset - TAG;
        putIv(ssrc, flagAndIndex & ~E_FLAG);
        boolean encrypted = (flagAndIndex & E_FLAG) != 0;
        int sealedStart = encrypted ? RTCP_HEADER : tagOffset;   // E clear: the whole packet is associated data
        gcm.start(iv, 0);
        gcm.aad(packet, offset, sealedStart);
        gcm.aad(packet, offset + trailerOffset, SRTCP_TRAILER);
        return gcm.open(packet, offset + sealedStart, tagOffset - sealedStart, packet, offset + tagOffset);
    }

    /** Writes the IV of {@code (ssrc, index)}, an SRTP or SRTCP index ({@link GcmIv}). */
    private void putIv(int ssrc, long index) {
        GcmIv.write(saltHead, saltTail, ssrc, index, iv);
    }
}
