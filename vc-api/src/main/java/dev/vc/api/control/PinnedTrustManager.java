package dev.vc.api.control;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Trusts exactly the relay certificates named by their SHA-256 fingerprints (one, or a cluster's), while within their validity: no
 * CA and no host name is consulted (the pin is stronger than both). Refusals are recorded in a
 * {@link TrustVerdict}.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {
    private final java.util.List<String> pinned;
    private final TrustVerdict verdict;

    PinnedTrustManager(java.util.List<String> pinned, TrustVerdict verdict) {
        this.pinned = java.util.List.copyOf(pinned);
        this.verdict = verdict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw refuse(RelayTlsException.Reason.UNTRUSTED, "the relay presented no certificate", chain);
        }
        String presented = CertificateFingerprint.of(chain[0]);
        if (!pinned.contains(presented)) {
            throw refuse(RelayTlsException.Reason.FINGERPRINT_MISMATCH, "relay certificate fingerprint " + presented
                    + " does not match the pinned " + String.join(" or ", pinned), chain);
        }
        try {
            chain[0].checkValidity();
        } catch (CertificateException e) {
            throw refuse(RelayTlsException.Reason.UNTRUSTED, "the pinned relay certificate is not valid now (valid "
                    + chain[0].getNotBefore().toInstant() + " to " + chain[0].getNotAfter().toInstant() + ")", chain);
        }
    }

    private CertificateException refuse(RelayTlsException.Reason why, String detail, X509Certificate[] chain) {
        verdict.refuse(why, detail, chain);
        return new CertificateException(detail);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not authenticate clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
