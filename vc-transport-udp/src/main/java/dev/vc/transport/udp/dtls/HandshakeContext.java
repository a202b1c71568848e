package dev.vc.transport.udp.dtls;

import dev.vc.transport.udp.dtls.DtlsHandshakeException.Reason;
import dev.vc.transport.udp.srtp.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * What one handshake knows and finds out, shared by {@link SrtpDtlsClient} and {@link SrtpDtlsServer}: its own
 * identity and the peer's expected fingerprint, the profiles it accepts, its time budget, the first failure
 * its checks raised (so the exception names the real reason, not the alert BouncyCastle turned it into) and the
 * exported keys.
 */
final class HandshakeContext {
    /** DTLS 1.2 suites with ECDHE and ECDSA certificates, what browsers offer for DTLS-SRTP. */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    };

    private final DtlsRole role;
    private final DtlsCertificate certificate;
    private final CertificateFingerprint peerFingerprint;
    private final List<SrtpProfile> profiles;
    private final BcTlsCrypto crypto;
    private final int timeoutMillis;
    private final long budgetMillis;
    private final int resendMillis;
    private DtlsHandshakeException failure;
    private DtlsSrtpKeys keys;

    HandshakeContext(DtlsRole role, DtlsCertificate certificate, CertificateFingerprint peerFingerprint,
                     List<SrtpProfile> profiles, BcTlsCrypto crypto, long budgetMillis, int timeoutMillis,
                     int resendMillis) {
        this.role = role;
        this.certificate = certificate;
        this.peerFingerprint = peerFingerprint;
        this.profiles = profiles;
        this.crypto = crypto;
        this.budgetMillis = budgetMillis;
        this.timeoutMillis = timeoutMillis;
        this.resendMillis = resendMillis;
    }

    BcTlsCrypto crypto() {
        return crypto;
    }

    /** @return what is left of the handshake's time when it starts running (it may have waited for a thread) */
    int timeoutMillis() {
        return timeoutMillis;
    }

    int resendMillis() {
        return resendMillis;
    }

    /** @return the {@code use_srtp} data a client offers: every accepted profile in order, no MKI */
    UseSRTPData offer() {
        return new UseSRTPData(profiles.stream().mapToInt(SrtpProfile::id).toArray(), new byte[0]);
    }

    /**
     * @param offered the peer's {@code use_srtp} data, or {@code null} when it sent none
     * @return the first accepted profile the peer offered (a server's choice), in this side's order
     * @throws TlsFatalAlert when the peer sent no {@code use_srtp} or none of its profiles is accepted
     */
    SrtpProfile choose(UseSRTPData offered) throws TlsFatalAlert {
        if (offered == null) {
            throw fail(Reason.NO_USE_SRTP, "the peer did not negotiate use_srtp (RFC 5764): it offers no SRTP",
                    AlertDescription.handshake_failure);
        }
        for (SrtpProfile profile : profiles) {
            for (int id : offered.getProtectionProfiles()) {
                if (id == profile.id()) {
                    return profile;
                }
            }
        }
        throw fail(Reason.NO_COMMON_PROFILE, "the peer offers SRTP profiles " + describe(offered)
                + ", this endpoint accepts " + profiles, AlertDescription.handshake_failure);
    }

    /**
     * @param chosen the server's {@code use_srtp} answer, or {@code null} when it sent none
     * @return the profile it chose
     * @throws TlsFatalAlert when it chose none, several, or one the client did not offer
     */
    SrtpProfile accept(UseSRTPData chosen) throws TlsFatalAlert {
        if (chosen == null) {
            throw fail(Reason.NO_USE_SRTP, "the peer did not answer use_srtp (RFC 5764): it does not do SRTP",
                    AlertDescription.handshake_failure);
        }
        if (chosen.getProtectionProfiles().length != 1) {
            throw fail(Reason.PROTOCOL, "the peer chose " + chosen.getProtectionProfiles().length
                    + " SRTP profiles instead of one", AlertDescription.illegal_parameter);
        }
        SrtpProfile profile = SrtpProfile.byId(chosen.getProtectionProfiles()[0]);
        if (profile == null || !profiles.contains(profile)) {
            throw fail(Reason.NO_COMMON_PROFILE, "the peer chose SRTP profile " + describe(chosen)
                    + ", which this endpoint did not offer (it offered " + profiles + ")",
                    AlertDescription.illegal_parameter);
        }
        return profile;
    }

    /**
     * Accepts the peer's certificate chain only when its leaf is the certificate the expected fingerprint names
     * and is within its validity period; the rest of the chain is not looked at.
     *
     * @param chain what the peer sent
     * @throws IOException a fatal alert when it does not pass
     */
    void checkPeer(Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw fail(Reason.FINGERPRINT_MISMATCH, "the peer sent no certificate; expected one with fingerprint "
                    + peerFingerprint.toSdpValue(), role == DtlsRole.SERVER ? AlertDescription.handshake_failure
                    : AlertDescription.bad_certificate);
        }
        TlsCertificate leaf = chain.getCertificateAt(0);
        byte[] der = leaf.getEncoded();
        CertificateFingerprint actual = CertificateFingerprint.of(der);
        if (!actual.equals(peerFingerprint)) {
            throw fail(Reason.FINGERPRINT_MISMATCH, "the peer's certificate has fingerprint " + actual.toSdpValue()
                    + ", expected " + peerFingerprint.toSdpValue(), AlertDescription.bad_certificate);
        }
        org.bouncycastle.asn1.x509.Certificate parsed = org.bouncycastle.asn1.x509.Certificate.getInstance(der);
        Date now = Date.from(Instant.now());
        Date notBefore = parsed.getStartDate().getDate();
        Date notAfter = parsed.getEndDate().getDate();
        if (now.before(notBefore) || now.after(notAfter)) {
            throw fail(Reason.CERTIFICATE_EXPIRED, "the peer's certificate " + actual.toSdpValue() + " is valid from "
                    + notBefore.toInstant() + " to " + notAfter.toInstant() + ", not now",
                    AlertDescription.certificate_expired);
        }
    }

    /**
     * @param context the handshake's context
     * @return this endpoint's ECDSA certificate and signer (ECDSA with SHA-256)
     * @throws IOException when BouncyCastle cannot read the certificate
     */
    TlsCredentialedSigner signer(TlsContext context) throws IOException {
        Certificate chain = new Certificate(new TlsCertificate[] {crypto.createCertificate(certificate.encoded())});
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                certificate.privateKey(), chain, SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256,
                SignatureAlgorithm.ecdsa));
    }

    /**
     * Exports {@code 2 * (key + salt)} bytes with the label {@code EXTRACTOR-dtls_srtp} and no context (RFC 5764
     * section 4.2) and splits them for this side.
     *
     * @param context the completed handshake's context
     * @param profile the negotiated profile
     */
    void exportKeys(TlsContext context, SrtpProfile profile) {
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                2 * (profile.keyLength() + profile.saltLength()));
        keys = DtlsSrtpKeys.split(profile, role, material);
    }

    /** @return the keys, once the handshake completed */
    DtlsSrtpKeys keys() {
        return keys;
    }

    /**
     * @param cause     what the handshake threw
     * @param cancelled whether the association was closed meanwhile
     * @return the typed failure: the reason a check recorded first, else one read from the exception
     */
    DtlsHandshakeException translate(Throwable cause, boolean cancelled) {
        if (failure != null) {
            return new DtlsHandshakeException(failure.reason(), failure.getMessage(), cause);
        }
        if (cancelled || cause instanceof InterruptedIOException && !(cause instanceof TlsTimeoutException)) {
            return new DtlsHandshakeException(Reason.CANCELLED, "the DTLS association was closed before its "
                    + "handshake completed", cause);
        }
        if (cause instanceof TlsTimeoutException) {
            return new DtlsHandshakeException(Reason.TIMEOUT, "no DTLS handshake with the peer within "
                    + budgetMillis + " ms", cause);
        }
        if (cause instanceof TlsFatalAlertReceived received) {
            short alert = received.getAlertDescription();
            String hint = alert == AlertDescription.bad_certificate ? " (it does not accept this endpoint's "
                    + "certificate " + certificate.fingerprint().toSdpValue() + ": check the fingerprint it was given)"
                    : "";
            return new DtlsHandshakeException(Reason.PEER_ALERT, "the peer ended the DTLS handshake with alert "
                    + AlertDescription.getText(alert) + hint, cause);
        }
        if (cause instanceof TlsFatalAlert raised) {
            return new DtlsHandshakeException(Reason.PROTOCOL, "DTLS handshake failed with alert "
                    + AlertDescription.getText(raised.getAlertDescription()), cause);
        }
        return new DtlsHandshakeException(Reason.PROTOCOL, "DTLS handshake failed: " + cause, cause);
    }

    private TlsFatalAlert fail(Reason reason, String message, short alert) {
        if (failure == null) {
            failure = new DtlsHandshakeException(reason, message, null);
        }
        return new TlsFatalAlert(alert, message);
    }

    private static String describe(UseSRTPData data) {
        StringBuilder text = new StringBuilder("[");
        for (int id : data.getProtectionProfiles()) {
            SrtpProfile known = SrtpProfile.byId(id);
            text.append(text.length() > 1 ? ", " : "").append(known != null ? known.name()
                    : String.format(java.util.Locale.ROOT, "0x%04X", id));
        }
        return text.append(']').toString();
    }
}
