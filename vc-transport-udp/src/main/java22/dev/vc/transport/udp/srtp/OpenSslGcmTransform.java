package dev.vc.transport.udp.srtp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * AEAD_AES_128_GCM (RFC 7714) on OpenSSL's AES-GCM (on AES-NI and the carry-less multiply where the CPU has them),
 * giving the same bytes as {@link GcmTransform}: the IV from {@link GcmIv}, the RTP header (or the RTCP header and
 * the E flag with the SRTCP index) as associated data, the 16-byte tag after the ciphertext.
 *
 * <p>One {@code EVP_CIPHER_CTX} per transform holds the key, set once, and the direction, set again only when it
 * changes; a packet only gives it its IV, the associated data, the text, and the tag (got after
 * {@code EVP_CipherFinal_ex} when sealing, set before it when opening). The IV and the tag go through
 * {@code EVP_CIPHER_CTX_set_params} and {@code _get_params} with parameter lists kept in the scratch, the IV as
 * {@code OSSL_CIPHER_PARAM_AEAD_TLS1_IV_FIXED} of the whole length ({@code (size_t) -1}), which puts it in place and
 * restarts the GCM state as {@code EVP_CipherInit_ex} with an IV does, without the IV-length query OpenSSL 3.0 makes
 * there on every call; opening sets the tag and the IV in one call. A packet in a Java array is copied into this
 * thread's native scratch ({@link NativeScratch}) and worked on there; only a packet whose tag matched is copied
 * back, so a refused packet is left as it came, as with {@link GcmTransform}. A copy protected into a direct buffer
 * ({@link #protectRtpCopy}, the relay's way out) is copied there once and sealed where it lies, ready for the socket.
 * Allocates nothing per packet.
 *
 * <p>The context is freed with {@code EVP_CIPHER_CTX_free} (which clears the key schedule) once the transform is
 * unreachable: it belongs to an automatic arena, so no thread can free it while another still uses it.
 */
final class OpenSslGcmTransform extends SrtpTransform {
    private static final int TAG = AesGcm.TAG;
    private static final int SEAL = 1;
    private static final int OPEN = 0;

    /** The {@code EVP_CIPHER_CTX}, freed with the arena that owns it. */
    private final MemorySegment context;
    private final long contextAddress;
    /** The session salt's first 4 and last 8 bytes, big-endian (see {@link GcmIv#head}). */
    private final int saltHead;
    private final long saltTail;
    /** {@link #SEAL} or {@link #OPEN}: the direction the context was last started in. */
    private int direction = SEAL;

    OpenSslGcmTransform(SessionKeys keys) {
        saltHead = GcmIv.saltHead(keys.salt);
        saltTail = GcmIv.saltTail(keys.salt);
        long address = LibCrypto.newContext();
        if (address == 0) {
            throw new OutOfMemoryError("OpenSSL's EVP_CIPHER_CTX_new gave no context");
        }
        context = MemorySegment.ofAddress(address).reinterpret(Arena.ofAuto(),
                freed -> LibCrypto.freeContext(freed.address()));
        contextAddress = address;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocate(keys.encryption.length);
            MemorySegment.copy(keys.encryption, 0, key, JAVA_BYTE, 0, keys.encryption.length);
            int ok = LibCrypto.cipherInit(address, LibCrypto.aes128Gcm(), key.address(), 0L, direction);
            key.fill((byte) 0);
            check(ok, "EVP_CipherInit_ex (key)");
        }
    }

    @Override
    int tagLength() {
        return TAG;
    }

    @Override
    int protectRtp(byte[] packet, int offset, int length, int headerLength, int ssrc, long index) {
        NativeScratch scratch = NativeScratch.of(length + TAG);
        putIv(scratch, ssrc, index);
        scratch.copyIn(packet, offset, length);
        seal(scratch, scratch.data(), headerLength, length, 0L, 0);
        scratch.copyOut(headerLength, packet, offset + headerLength, length + TAG - headerLength);
        return length + TAG;
    }

    @Override
    int protectRtpCopy(byte[] packet, int offset, int length, int headerLength, int ssrc, long index,
            ByteBuffer out) {
        if (!out.isDirect()) {
            return super.protectRtpCopy(packet, offset, length, headerLength, ssrc, index, out);
        }
        NativeScratch scratch = NativeScratch.of(0);
        putIv(scratch, ssrc, index);
        long data = scratch.copyInto(out, packet, offset, length);
        seal(scratch, data, headerLength, length, 0L, 0);
        return length + TAG;
    }

    @Override
    boolean unprotectRtp(byte[] packet, int offset, int length, int headerLength, int ssrc, long index) {
        return openInScratch(packet, offset, length, headerLength, length - TAG, 0, ssrc, index);
    }

    @Override
    int protectRtcp(byte[] packet, int offset, int length, int ssrc, int index) {
        int protectedLength = length + TAG + SRTCP_TRAILER;
        NativeScratch scratch = NativeScratch.of(protectedLength);
        putIv(scratch, ssrc, index);
        scratch.copyIn(packet, offset, length);
        scratch.putInt(length + TAG, E_FLAG | index);
        long data = scratch.data();
        seal(scratch, data, RTCP_HEADER, length, data + length + TAG, SRTCP_TRAILER);
        scratch.copyOut(RTCP_HEADER, packet, offset + RTCP_HEADER, protectedLength - RTCP_HEADER);
        return protectedLength;
    }

    @Override
    int protectRtcpCopy(byte[] packet, int offset, int length, int ssrc, int index, ByteBuffer out) {
        if (!out.isDirect()) {
            return super.protectRtcpCopy(packet, offset, length, ssrc, index, out);
        }
        NativeScratch scratch = NativeScratch.of(0);
        putIv(scratch, ssrc, index);
        long data = scratch.copyInto(out, packet, offset, length);
        scratch.putOutInt(length + TAG, E_FLAG | index);
        seal(scratch, data, RTCP_HEADER, length, data + length + TAG, SRTCP_TRAILER);
        return length + TAG + SRTCP_TRAILER;
    }

    @Override
    int srtcpTrailerOffset(int length) {
        return length - SRTCP_TRAILER;
    }

    @Override
    boolean unprotectRtcp(byte[] packet, int offset, int length, int ssrc, int flagAndIndex) {
        int tagOffset = srtcpTrailerOffset(length) - TAG;
        int sealedStart = (flagAndIndex & E_FLAG) != 0 ? RTCP_HEADER : tagOffset;  // E clear: all associated data
        return openInScratch(packet, offset, length, sealedStart, tagOffset, SRTCP_TRAILER, ssrc,
                flagAndIndex & ~E_FLAG);
    }

    /** Writes the IV of {@code (ssrc, index)}, an SRTP or SRTCP index ({@link GcmIv}), to the scratch. */
    private void putIv(NativeScratch scratch, int ssrc, long index) {
        scratch.putIv(GcmIv.head(saltHead, ssrc), GcmIv.tail(saltTail, ssrc, index));
    }

    /**
     * Seals the message at {@code data} under the IV in the scratch: the bytes before {@code sealedStart} and the
     * {@code trailerLength} bytes at {@code trailer} are associated data, {@code [sealedStart, sealedEnd)} is
     * encrypted in place, the tag is written at {@code sealedEnd}.
     */
    private void seal(NativeScratch scratch, long data, int sealedStart, int sealedEnd, long trailer,
            int trailerLength) {
        try {
            startSealing(scratch);
            aad(scratch, data, sealedStart);
            aad(scratch, trailer, trailerLength);
            crypt(scratch, data + sealedStart, sealedEnd - sealedStart);
            finishSealing(scratch, data + sealedEnd);
        } finally {
            Reference.reachabilityFence(context);
        }
    }

    /**
     * Opens a copy of the message in this thread's scratch under the IV of {@code (ssrc, index)}: the bytes before
     * {@code sealedStart} and the {@code trailerLength} bytes after the tag are associated data,
     * {@code [sealedStart, tagOffset)} the ciphertext, the tag at {@code tagOffset}. Only when the tag matches is the plain text copied back to
     * {@code packet}.
     *
     * @return whether the tag matched
     */
    private boolean openInScratch(byte[] packet, int offset, int length, int sealedStart, int tagOffset,
            int trailerLength, int ssrc, long index) {
        NativeScratch scratch = NativeScratch.of(length);
        putIv(scratch, ssrc, index);
        scratch.copyIn(packet, offset, length);
        long data = scratch.data();
        boolean authentic;
        try {
            startOpening(scratch, data + tagOffset);
            aad(scratch, data, sealedStart);
            aad(scratch, data + tagOffset + TAG, trailerLength);
            crypt(scratch, data + sealedStart, tagOffset - sealedStart);
            authentic = open(scratch);
        } finally {
            Reference.reachabilityFence(context);
        }
        if (authentic) {
            scratch.copyOut(sealedStart, packet, offset + sealedStart, tagOffset - sealedStart);
        }
        return authentic;
    }

    /** A new message to seal under the IV in the scratch: the key stays, the GCM state restarts. */
    private void startSealing(NativeScratch scratch) {
        turn(SEAL);
        check(LibCrypto.setParams(contextAddress, scratch.ivParams()), "EVP_CIPHER_CTX_set_params (IV)");
    }

    /** A new message to open under the IV in the scratch, with the tag at {@code tagAddress} to expect. */
    private void startOpening(NativeScratch scratch, long tagAddress) {
        turn(OPEN);
        check(LibCrypto.setParams(contextAddress, scratch.openParams(tagAddress, TAG)),
                "EVP_CIPHER_CTX_set_params (tag and IV)");
    }

    /** Sets the context's direction when it is not {@code to} already (the key and IV stay). */
    private void turn(int to) {
        if (direction != to) {
            check(LibCrypto.cipherInit(contextAddress, 0L, 0L, 0L, to), "EVP_CipherInit_ex (direction)");
            direction = to;
        }
    }

    private void aad(NativeScratch scratch, long address, int length) {
        if (length > 0) {
            check(LibCrypto.cipherUpdate(contextAddress, 0L, scratch.outLength(), address, length),
                    "EVP_CipherUpdate (associated data)");
        }
    }

    /** En- or decrypts {@code length} bytes at {@code address} in place. */
    private void crypt(NativeScratch scratch, long address, int length) {
        if (length == 0) {
            return;
        }
        check(LibCrypto.cipherUpdate(contextAddress, address, scratch.outLength(), address, length),
                "EVP_CipherUpdate");
        if (scratch.outLengthValue() != length) {
            throw new IllegalStateException("OpenSSL's EVP_CipherUpdate gave " + scratch.outLengthValue() + " of "
                    + length + " bytes");
        }
    }

    /** Finishes a sealed message and writes its tag at {@code tagAddress}. */
    private void finishSealing(NativeScratch scratch, long tagAddress) {
        check(LibCrypto.cipherFinal(contextAddress, tagAddress, scratch.outLength()), "EVP_CipherFinal_ex");
        check(LibCrypto.getParams(contextAddress, scratch.tagParams(tagAddress, TAG)),
                "EVP_CIPHER_CTX_get_params (tag)");
    }

    /** @return whether the tag set by {@link #startOpening} matched; OpenSSL's error queue is cleared when not */
    private boolean open(NativeScratch scratch) {
        // GCM has no block left over: the final call writes nothing, the IV's place (written anew per packet)
        // serves as its output.
        if (LibCrypto.cipherFinal(contextAddress, scratch.iv(), scratch.outLength()) > 0) {
            return true;
        }
        LibCrypto.clearErrors();
        return false;
    }

    /** A call that fails only with a broken library: refused, nothing of OpenSSL's error queue is shown. */
    private static void check(int result, String call) {
        if (result <= 0) {
            LibCrypto.clearErrors();
            throw new IllegalStateException("OpenSSL's " + call + " failed");
        }
    }
}
