/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) for every media hop, keyed by DTLS-SRTP (RFC 5764): the protection profiles
 * ({@link dev.vc.transport.udp.srtp.SrtpProfile}), the master keys a handshake exports
 * ({@link dev.vc.transport.udp.srtp.SrtpMasterKey}), and one direction of one hop
 * ({@link dev.vc.transport.udp.srtp.SrtpContext}), which protects or unprotects packets in place and refuses bad
 * ones with a typed, counted {@link dev.vc.transport.udp.srtp.SrtpFailure}.
 *
 * <pre>{@code
 * SrtpContext out = SrtpContext.forSending(localWriteKey);     // this side's packets
 * SrtpContext in = SrtpContext.forReceiving(remoteWriteKey);   // the peer's packets
 * int sent = out.protectRtp(buffer, 0, rtpLength);             // buffer has profile.srtpOverhead() bytes spare
 * try {
 *     int rtpLength = in.unprotectRtp(datagram, 0, datagramLength);
 * } catch (SrtpException e) {
 *     // dropped; counted by in.failures(e.reason())
 * }
 * }</pre>
 *
 * Built on the JDK's AES/ECB (the AES-CM and AES-GCM key streams) and SHA-1 (HMAC); GCM's GHASH is vc's own, so
 * that no packet allocates (the JDK's AES/GCM takes a new IV only through an allocating {@code Cipher.init}). On
 * Java 22 and later, started with {@code --enable-native-access=dev.vc.transport.udp}, AEAD_AES_128_GCM runs on
 * OpenSSL's libcrypto 3 through the foreign function API instead (the jar's {@code META-INF/versions/22}:
 * {@code LibCrypto}, {@code OpenSslGcmTransform}, {@code NativeScratch}), allocation-free as well; {@code SrtpCiphers}
 * chooses once per process ({@code vc.srtp.ciphers=java} forces the Java ciphers) and logs the choice.
 * Internally: the key derivation ({@code SrtpKeyDerivation}, {@code SessionKeys}), one transform per profile
 * ({@code CmHmacTransform}; {@code GcmTransform} on {@code AesGcm}, {@code Ghash}, and its IVs {@code GcmIv}),
 * the counter-mode key stream ({@code AesCounterKeystream}), packet indices ({@code PacketIndex}) and the per-SSRC
 * state, flat records in one array per context ({@code SsrcTable}, each with its {@code ReplayWindow}s).
 */
package dev.vc.transport.udp.srtp;
