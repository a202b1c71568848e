package dev.vc.transport.udp.srtp;

/**
 * AES_128_CM with HMAC-SHA1-80 (RFC 3711): the payload encrypted with the AES counter-mode key stream from
 * {@code IV = (salt << 16) XOR (SSRC << 64) XOR (index << 16)} (section 4.1.1), then HMAC-SHA1 over the packet
 * and the rollover counter (SRTP) or over the packet and the E flag with the SRTCP index (SRTCP), truncated to 10
 * bytes (section 4.2). Allocates nothing per packet.
 */
final class CmHmacTransform extends SrtpTransform {
    private static final int TAG = 10;

    private final AesCounterKeystream keystream;
    private final HmacSha1 hmac;
    private final byte[] salt;
    private final byte[] iv = new byte[AesCounterKeystream.BLOCK];
    private final byte[] mac = new byte[HmacSha1.LENGTH];
    private final byte[] rolloverCounter = new byte[4];

    CmHmacTransform(SessionKeys keys) {
        keystream = new AesCounterKeystream(keys.encryption);
        hmac = new HmacSha1(keys.authentication);
        salt = keys.salt.clone();
    }

    @Override
    int tagLength() {
        return TAG;
    }

    @Override
    int protectRtp(byte[] packet, int offset, int length, int headerLength, int ssrc, long index) {
        keystream.apply(iv(ssrc, index), packet, offset + headerLength, length - headerLength);
        authenticateRtp(packet, offset, length, index);
        System.arraycopy(mac, 0, packet, offset + length, TAG);
        return length + TAG;
    }

    @Override
    boolean unprotectRtp(byte[] packet, int offset, int length, int headerLength, int ssrc, long index) {
        int body = length - TAG;
        authenticateRtp(packet, offset, body, index);
        if (!tagMatches(packet, offset + body)) {
            return false;
        }
        keystream.apply(iv(ssrc, index), packet, offset + headerLength, body - headerLength);
        return true;
    }

    @Override
    int protectRtcp(byte[] packet, int offset, int length, int ssrc, int index) {
        keystream.apply(iv(ssrc, index), packet, offset + RTCP_HEADER, length - RTCP_HEADER);
        putInt(packet, offset + length, E_FLAG | index);
        hmac.start();
        hmac.update(packet, offset, length + SRTCP_TRAILER);
        hmac.finish(mac, 0);
        System.arraycopy(mac, 0, packet, offset + length + SRTCP_TRAILER, TAG);
        return length + SRTCP_TRAILER + TAG;
    }

    @Override
    int srtcpTrailerOffset(int length) {
        return length - TAG - SRTCP_TRAILER;
    }

    @Override
    boolean unprotectRtcp(byte[] packet, int offset, int length, int ssrc, int flagAndIndex) {
        int trailer = srtcpTrailerOffset(length);
        hmac.start();
        hmac.update(packet, offset, trailer + SRTCP_TRAILER);
        hmac.finish(mac, 0);
        if (!tagMatches(packet, offset + trailer + SRTCP_TRAILER)) {
            return false;
        }
        if ((flagAndIndex & E_FLAG) != 0) {
            keystream.apply(iv(ssrc, flagAndIndex & ~E_FLAG), packet, offset + RTCP_HEADER, trailer - RTCP_HEADER);
        }
        return true;
    }

    /** The authenticated portion of an SRTP packet is the packet followed by the rollover counter (section 4.2). */
    private void authenticateRtp(byte[] packet, int offset, int length, long index) {
        putInt(rolloverCounter, 0, (int) (index >>> 16));
        hmac.start();
        hmac.update(packet, offset, length);
        hmac.update(rolloverCounter, 0, 4);
        hmac.finish(mac, 0);
    }

    /** Compares the tag in constant time. */
    private boolean tagMatches(byte[] packet, int tagOffset) {
        int difference = 0;
        for (int i = 0; i < TAG; i++) {
            difference |= mac[i] ^ packet[tagOffset + i];
        }
        return difference == 0;
    }

    private byte[] iv(int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, salt.length);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        return iv;
    }
}
