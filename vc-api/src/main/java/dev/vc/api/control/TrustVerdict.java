package dev.vc.api.control;

import java.security.cert.X509Certificate;

/**
 * What the client's trust manager concluded about the relay's certificate during one handshake, kept so that
 * a failed handshake can be explained ({@link RelayTlsException}) rather than reported as the TLS layer's
 * generic alert. Written on the handshaking thread, read by it afterwards.
 */
final class TrustVerdict {
    private RelayTlsException.Reason refusal;
    private String detail;
    private String presented;

    /** Records a refusal of {@code chain}'s leaf. */
    void refuse(RelayTlsException.Reason why, String detail, X509Certificate[] chain) {
        this.refusal = why;
        this.detail = detail;
        this.presented = chain != null && chain.length > 0 ? CertificateFingerprint.of(chain[0]) : "(none)";
    }

    /** @return why the certificate was refused, or null if it was not */
    RelayTlsException.Reason refusal() {
        return refusal;
    }

    /** @return the refusal in words */
    String detail() {
        return detail;
    }

    /** @return the fingerprint of the refused certificate */
    String presented() {
        return presented;
    }
}
