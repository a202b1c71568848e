package dev.vc.relay.tls;

import dev.vc.api.ConfigException;
import dev.vc.api.control.CertificateFingerprint;
import dev.vc.relay.RelaySettings;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The certificate chain and private key the relay's control channel presents in TLS, from wherever the settings
 * say: a PKCS#12 keystore ({@code vc.relay.tls.keystore}, its password {@code vc.relay.tls.keystore.password}),
 * a PEM certificate chain and PKCS#8 key ({@code vc.relay.tls.certificate}, {@code vc.relay.tls.key}), or, with
 * none configured, a self-signed one kept in the state directory ({@link SelfSignedFile}). Errors name the file,
 * never the password.
 *
 * <pre>{@code
 * RelayIdentity identity = RelayIdentity.load(settings);
 * SSLContext tls = identity.serverContext();
 * System.out.println(identity.fingerprint());     // AB:CD:...
 * }</pre>
 */
public final class RelayIdentity {
    /** The password of the in-memory keystore handed to the JDK's key manager; it protects nothing on disk. */
    private static final char[] IN_MEMORY = "vc-relay".toCharArray();

    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final String fingerprint;
    private final String origin;

    RelayIdentity(List<X509Certificate> chain, PrivateKey key, String origin) {
        this.chain = List.copyOf(chain);
        this.key = key;
        this.fingerprint = CertificateFingerprint.of(chain.get(0));
        this.origin = origin;
    }

    /**
     * @param settings the relay's settings
     * @return the configured identity, or the self-signed one (created on the first start)
     * @throws ConfigException if the configured files cannot be read, the password is wrong, or settings conflict
     */
    public static RelayIdentity load(RelaySettings settings) {
        String keystore = settings.tlsKeystore();
        String certificate = settings.tlsCertificate();
        String key = settings.tlsKey();
        if (keystore != null && (certificate != null || key != null)) {
            throw new ConfigException(RelaySettings.TLS_KEYSTORE.key() + " and " + RelaySettings.TLS_CERTIFICATE.key()
                    + "/" + RelaySettings.TLS_KEY.key() + " are alternatives: set one");
        }
        if ((certificate == null) != (key == null)) {
            throw new ConfigException(RelaySettings.TLS_CERTIFICATE.key() + " and " + RelaySettings.TLS_KEY.key()
                    + " go together: set both");
        }
        try {
            if (keystore != null) {
                return pkcs12(Path.of(keystore), settings.tlsKeystorePassword());
            }
            if (certificate != null) {
                return new RelayIdentity(PemFiles.certificates(Path.of(certificate)), PemFiles.privateKey(Path.of(key)),
                        "PEM " + certificate);
            }
            return SelfSignedFile.loadOrCreate(settings.stateDirectory(), settings.host());
        } catch (IOException e) {
            throw new ConfigException("the relay's TLS certificate: " + e.getMessage(), e);
        }
    }

    private static RelayIdentity pkcs12(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    if (key instanceof PrivateKey privateKey && !chain.isEmpty()) {
                        return new RelayIdentity(chain, privateKey, "PKCS#12 " + file);
                    }
                }
            }
            throw new IOException(file + ": no private key with its certificate chain");
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            // The JDK says "keystore password was incorrect" and never repeats the password.
            throw new IOException("cannot read the PKCS#12 keystore " + file + ": " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** @return a TLS 1.3 server context presenting this identity */
    public SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("relay", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, IN_MEMORY);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("the relay's TLS certificate cannot be used: " + e.getMessage(), e);
        }
    }

    /** @return the SHA-256 fingerprint of the leaf certificate, {@code AB:CD:...} */
    public String fingerprint() {
        return fingerprint;
    }

    /** @return the leaf certificate */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** @return where it came from, for the log: {@code PKCS#12 <file>}, {@code PEM <file>}, {@code self-signed, ...} */
    public String origin() {
        return origin;
    }
}
