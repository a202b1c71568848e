package dev.vc.api.control;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The JDK's PKIX trust manager (system trust store or a given CA, host name checked) with each refusal recorded
 * in a {@link TrustVerdict}, so the client can say the relay's certificate was not trusted and why.
 */
final class VerdictTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final TrustVerdict verdict;

    VerdictTrustManager(X509ExtendedTrustManager pkix, TrustVerdict verdict) {
        this.pkix = pkix;
        this.verdict = verdict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            verdict.refuse(RelayTlsException.Reason.UNTRUSTED, e.getMessage(), chain);
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            verdict.refuse(RelayTlsException.Reason.UNTRUSTED, e.getMessage(), chain);
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            verdict.refuse(RelayTlsException.Reason.UNTRUSTED, e.getMessage(), chain);
            throw e;
        }
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
        return pkix.getAcceptedIssuers();
    }
}
