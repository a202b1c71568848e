package dev.vc.api.control;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a client verifies the relay on its TLS 1.3 control channel: against the system trust store (the relay's
 * certificate is signed by a public CA for the host name it is reached by), against a given CA, or by a pinned
 * SHA-256 fingerprint of the relay's own certificate, which replaces both the CA and the host name checks
 * (the relay prints it at start). {@link #insecure()} speaks plain TCP instead, to a relay started with
 * {@code vc.relay.control.insecure=true}; room secrets and session keys then travel in clear.
 *
 * <pre>{@code
 * RelayTrust trust = RelayTrust.pinned("AB:CD:...");          // or RelayTrust.from(config)
 * ControlClient.join(relay, trust, join, listener, Duration.ofSeconds(5));
 * }</pre>
 */
public final class RelayTrust {
    private static final String PROTOCOL = "TLSv1.3";

    private enum Mode { SYSTEM, CA, PINNED, INSECURE }

    private final Mode mode;
    private final List<X509Certificate> authorities;
    /** The pinned fingerprints, joined by commas; null unless pinned. */
    private final String fingerprint;

    private RelayTrust(Mode mode, List<X509Certificate> authorities, String fingerprint) {
        this.mode = mode;
        this.authorities = List.copyOf(authorities);
        this.fingerprint = fingerprint;
    }

    /** @return trust in the JDK's system trust store, the relay's host name checked */
    public static RelayTrust system() {
        return new RelayTrust(Mode.SYSTEM, List.of(), null);
    }

    /**
     * @param authorities the CA certificates the relay's certificate must chain to (the host name is checked)
     * @return trust in those CAs only
     */
    public static RelayTrust authorities(List<X509Certificate> authorities) {
        if (authorities.isEmpty()) {
            throw new ConfigException("no CA certificate given to trust the relay by");
        }
        return new RelayTrust(Mode.CA, authorities, null);
    }

    /**
     * @param pemFile a PEM file of one or more CA certificates
     * @return trust in those CAs only
     * @throws ConfigException if the file cannot be read or holds no certificate
     */
    public static RelayTrust authorities(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new ConfigException(CoreSettings.RELAY_CA.key() + ": no certificate in " + pemFile);
            }
            return authorities(certificates);
        } catch (IOException | CertificateException e) {
            throw new ConfigException(CoreSettings.RELAY_CA.key() + ": cannot read CA certificates from " + pemFile
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param fingerprint the SHA-256 fingerprint of the relay's certificate, {@code AB:CD:...} (colons optional);
     *                    or several separated by commas, for the relays of a cluster that each keep their own
     *                    self-signed certificate (a redirect may lead to any of them)
     * @return trust in that certificate (those certificates) alone, whoever signed it and whatever host it names
     * @throws ConfigException if one is not a SHA-256 fingerprint
     */
    public static RelayTrust pinned(String fingerprint) {
        List<String> pins = new ArrayList<>();
        for (String one : fingerprint.split(",")) {
            pins.add(CertificateFingerprint.parse(one.trim()));
        }
        return new RelayTrust(Mode.PINNED, List.of(), String.join(",", pins));
    }

    /** @return plain TCP, no TLS: only for a relay started with {@code vc.relay.control.insecure=true} */
    public static RelayTrust insecure() {
        return new RelayTrust(Mode.INSECURE, List.of(), null);
    }

    /**
     * Reads {@code vc.relay.fingerprint} (a pin, which wins over a CA), {@code vc.relay.ca} and
     * {@code vc.relay.insecure}; none of them set: the system trust store.
     *
     * @param config the configuration
     * @return the trust they describe
     * @throws ConfigException if insecure is combined with a pin or a CA, or a value is not accepted
     */
    public static RelayTrust from(Config config) {
        String pin = config.get(CoreSettings.RELAY_FINGERPRINT);
        String ca = config.get(CoreSettings.RELAY_CA);
        if (config.get(CoreSettings.RELAY_INSECURE)) {
            if (pin != null || ca != null) {
                throw new ConfigException(CoreSettings.RELAY_INSECURE.key() + "=true contradicts "
                        + (pin != null ? CoreSettings.RELAY_FINGERPRINT.key() : CoreSettings.RELAY_CA.key())
                        + ": a plain-TCP relay has no certificate to check");
            }
            return insecure();
        }
        if (pin != null) {
            return pinned(pin);
        }
        return ca != null ? authorities(Path.of(ca)) : system();
    }

    /** @return true for plain TCP without TLS */
    public boolean isInsecure() {
        return mode == Mode.INSECURE;
    }

    /**
     * Opens a control connection to the relay: TCP connect, then a TLS 1.3 handshake that verifies the relay
     * (none when insecure), each within {@code timeout}, which stays the socket's read timeout.
     *
     * @param relay   the relay's control address as the user gave it (a CA-signed certificate must name its host)
     * @param timeout bound on connecting and on the handshake, each
     * @return a socket to speak the control protocol on
     * @throws RelayTlsException if the relay is not verified, speaks plain TCP, or the handshake fails or times out
     * @throws IOException       if the relay cannot be reached
     */
    public Socket connect(InetSocketAddress relay, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(relay, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return mode == Mode.INSECURE ? socket : secure(socket, relay, timeout.toMillis());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A TLS 1.3 engine in client mode for a control connection driven without blocking (a relay's trunk to another
     * relay of its cluster), verifying the relay as {@link #connect} does; its handshake begins at its first wrap.
     *
     * @param relay the relay's control address (a CA-signed certificate must name its host)
     * @return the engine
     * @throws IllegalStateException if this trust is {@link #insecure()} (plain TCP has no engine)
     * @throws RelayTlsException     if TLS cannot be set up
     */
    public SSLEngine clientEngine(InetSocketAddress relay) {
        if (mode == Mode.INSECURE) {
            throw new IllegalStateException("insecure trust speaks plain TCP: no TLS engine");
        }
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(null, new TrustManager[] {trustManager(new TrustVerdict())}, null);
            SSLEngine engine = context.createSSLEngine(relay.getHostString(), relay.getPort());
            engine.setUseClientMode(true);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setProtocols(new String[] {PROTOCOL});
            if (mode != Mode.PINNED) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            engine.setSSLParameters(parameters);
            engine.beginHandshake();
            return engine;
        } catch (GeneralSecurityException | SSLException e) {
            throw new RelayTlsException(RelayTlsException.Reason.FAILED, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private Socket secure(Socket socket, InetSocketAddress relay, long timeoutMillis) throws IOException {
        TrustVerdict verdict = new TrustVerdict();
        SSLSocket tls;
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(null, new TrustManager[] {trustManager(verdict)}, null);
            tls = (SSLSocket) context.getSocketFactory().createSocket(socket, relay.getHostString(), relay.getPort(),
                    true);
        } catch (GeneralSecurityException e) {
            throw new RelayTlsException(RelayTlsException.Reason.FAILED, "cannot set up TLS: " + e.getMessage(), e);
        }
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(new String[] {PROTOCOL});
        if (mode != Mode.PINNED) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        tls.setSSLParameters(parameters);
        try {
            tls.startHandshake();
            return tls;
        } catch (SocketTimeoutException e) {
            throw new RelayTlsException(RelayTlsException.Reason.HANDSHAKE_TIMEOUT, "TLS handshake with relay " + relay
                    + " did not complete within " + timeoutMillis + " ms", e);
        } catch (SSLException e) {
            throw explain(e, verdict, relay);
        }
    }

    private RelayTlsException explain(SSLException e, TrustVerdict verdict, InetSocketAddress relay) {
        if (verdict.refusal() == RelayTlsException.Reason.FINGERPRINT_MISMATCH) {
            return new RelayTlsException(verdict.refusal(), verdict.detail(), e);
        }
        if (verdict.refusal() != null) {
            return new RelayTlsException(verdict.refusal(), "relay certificate " + verdict.presented()
                    + " not trusted (" + verdict.detail() + "): pin its fingerprint with --relay-fingerprint or give "
                    + "its CA with " + CoreSettings.RELAY_CA.key(), e);
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("unrecognized ssl message") || message.contains("plaintext")) {
            return new RelayTlsException(RelayTlsException.Reason.RELAY_NOT_TLS, "relay " + relay
                    + " answered in plain TCP, not TLS: its control channel is in insecure mode "
                    + "(vc.relay.control.insecure=true); join it with " + CoreSettings.RELAY_INSECURE.key()
                    + "=true only on a network you trust", e);
        }
        return new RelayTlsException(RelayTlsException.Reason.FAILED, "TLS handshake with relay " + relay
                + " failed: " + e.getMessage(), e);
    }

    private X509ExtendedTrustManager trustManager(TrustVerdict verdict) throws GeneralSecurityException {
        if (mode == Mode.PINNED) {
            return new PinnedTrustManager(List.of(fingerprint.split(",")), verdict);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (mode == Mode.CA) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new KeyStoreException(e);
            }
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca" + i, authorities.get(i));
            }
            factory.init(store);
        } else {
            factory.init((KeyStore) null);
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager pkix) {
                return new VerdictTrustManager(pkix, verdict);
            }
        }
        throw new KeyStoreException("the JDK offers no X.509 trust manager");
    }

    /** @return how the relay is verified, e.g. {@code pinned AB:CD:...}; never a secret */
    @Override
    public String toString() {
        return switch (mode) {
            case SYSTEM -> "system trust store";
            case CA -> authorities.size() + " CA certificate(s)";
            case PINNED -> "pinned " + fingerprint;
            case INSECURE -> "insecure (plain TCP)";
        };
    }
}
