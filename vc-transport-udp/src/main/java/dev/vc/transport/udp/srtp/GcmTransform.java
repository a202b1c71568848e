package dev.vc.transport.udp.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM (RFC 7714) on the JDK's AES/GCM/NoPadding: the 12-byte IV is the session salt XOR
 * {@code 00 00 || SSRC || ROC || SEQ} for SRTP (section 8.1) and XOR {@code 00 00 || SSRC || 00 00 || 0 || SRTCP
 * index} for SRTCP (section 9.1); the associated data is the RTP header, extensions included (section 8.2), or
 * the 8-byte RTCP header with the E flag and index (section 9.2, or the whole RTCP packet when E is clear,
 * section 9.3); the 16-byte tag follows the ciphertext, and SRTCP puts its E flag and index after the tag.
 *
 * <p>The JDK's GCM takes its IV only through {@code Cipher.init}, which builds a fresh GCM engine: about 1 KB
 * allocated per packet on JDK 17 (see {@code SrtpAllocationTest}). A forged packet costs the JDK an
 * {@link AEADBadTagException} with its stack trace.
 */
final class GcmTransform extends SrtpTransform {
    private static final int TAG = 16;
    private static final int IV = 12;

    private final Cipher gcm;
    private final SecretKeySpec key;
    private final byte[] salt;
    private final byte[] iv = new byte[IV];
    private final byte[] trailer = new byte[SRTCP_TRAILER];

    GcmTransform(SessionKeys keys) {
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/GCM", e);
        }
        key = new SecretKeySpec(keys.encryption, "AES");
        salt = keys.salt.clone();
    }

    @Override
    int tagLength() {
        return TAG;
    }

    @Override
    int protectRtp(byte[] packet, int offset, int length, int headerLength, int ssrc, long index) {
        rtpIv(ssrc, index);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            gcm.updateAAD(packet, offset, headerLength);
            int sealed = gcm.doFinal(packet, offset + headerLength, length - headerLength, packet, offset + headerLength);
            return headerLength + sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM refused to encrypt", e);
        }
    }

    @Override
    boolean unprotectRtp(byte[] packet, int offset, int length, int headerLength, int ssrc, long index) {
        rtpIv(ssrc, index);
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            gcm.updateAAD(packet, offset, headerLength);
            gcm.doFinal(packet, offset + headerLength, length - headerLength, packet, offset + headerLength);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM refused to decrypt", e);
        }
    }

    @Override
    int protectRtcp(byte[] packet, int offset, int length, int ssrc, int index) {
        rtcpIv(ssrc, index);
        putInt(trailer, 0, E_FLAG | index);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            gcm.updateAAD(packet, offset, RTCP_HEADER);
            gcm.updateAAD(trailer, 0, SRTCP_TRAILER);
            int sealed = gcm.doFinal(packet, offset + RTCP_HEADER, length - RTCP_HEADER, packet, offset + RTCP_HEADER);
            System.arraycopy(trailer, 0, packet, offset + RTCP_HEADER + sealed, SRTCP_TRAILER);
            return RTCP_HEADER + sealed + SRTCP_TRAILER;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM refused to encrypt", e);
        }
    }

    @Override
    int srtcpTrailerOffset(int length) {
        return length - SRTCP_TRAILER;
    }

    @Override
    boolean unprotectRtcp(byte[] packet, int offset, int length, int ssrc, int flagAndIndex) {
        int trailerOffset = srtcpTrailerOffset(length);
        rtcpIv(ssrc, flagAndIndex & ~E_FLAG);
        boolean encrypted = (flagAndIndex & E_FLAG) != 0;
        int sealedStart = encrypted ? RTCP_HEADER : trailerOffset - TAG;   // E clear: only the tag is "ciphertext"
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            gcm.updateAAD(packet, offset, sealedStart);
            gcm.updateAAD(packet, offset + trailerOffset, SRTCP_TRAILER);
            gcm.doFinal(packet, offset + sealedStart, trailerOffset - sealedStart, packet, offset + sealedStart);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM refused to decrypt", e);
        }
    }

    private void rtpIv(int ssrc, long index) {
        iv[0] = 0;
        iv[1] = 0;
        putInt(iv, 2, ssrc);
        putInt(iv, 6, (int) (index >>> 16));
        iv[10] = (byte) (index >>> 8);
        iv[11] = (byte) index;
        xorSalt();
    }

    private void rtcpIv(int ssrc, int index) {
        iv[0] = 0;
        iv[1] = 0;
        putInt(iv, 2, ssrc);
        iv[6] = 0;
        iv[7] = 0;
        putInt(iv, 8, index);
        xorSalt();
    }

    private void xorSalt() {
        for (int i = 0; i < IV; i++) {
            iv[i] ^= salt[i];
        }
    }
}
