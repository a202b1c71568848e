package dev.vc.transport.udp.dtls;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * An endpoint's DTLS identity: an ECDSA P-256 key pair and a self-signed certificate for it, as WebRTC endpoints
 * use (RFC 8827 section 6.5). Peers do not trust it through a CA: each learns the other's
 * {@link #fingerprint()} over the authenticated control channel and the handshake checks it. The private key
 * never leaves this object and {@link #toString()} shows only the fingerprint.
 */
public final class DtlsCertificate {
    /** How long a generated certificate is valid: one month, as browsers' generated certificates. */
    public static final Duration VALIDITY = Duration.ofDays(30);
    private static final Duration BACKDATE = Duration.ofDays(1);

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final CertificateFingerprint fingerprint;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = CertificateFingerprint.of(der);
    }

    /**
     * Generates a fresh key pair and certificate, valid from a day ago (clock skew) for {@link #VALIDITY}.
     *
     * @return the new identity
     */
    public static DtlsCertificate generate() {
        Instant now = Instant.now();
        return generate(now.minus(BACKDATE), now.plus(VALIDITY));
    }

    /**
     * @param notBefore start of validity
     * @param notAfter  end of validity
     * @return a new identity valid in that window (tests make expired ones)
     */
    static DtlsCertificate generate(Instant notBefore, Instant notAfter) {
        SecureRandom random = new SecureRandom();
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1),
                random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=vc");
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, new BigInteger(63, random).add(
                    BigInteger.ONE), Date.from(notBefore), Date.from(notAfter), name,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()));
            AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
            byte[] der = builder.build(new BcECContentSignerBuilder(signature, digest).build(pair.getPrivate()))
                    .getEncoded();
            return new DtlsCertificate(der, pair.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a generated certificate failed", e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("BouncyCastle has SHA256withECDSA", e);
        }
    }

    /** @return the certificate's SHA-256 fingerprint, to send to the peer */
    public CertificateFingerprint fingerprint() {
        return fingerprint;
    }

    /** @return a copy of the certificate's DER encoding */
    public byte[] encoded() {
        return der.clone();
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "DtlsCertificate[ECDSA P-256, " + fingerprint.toSdpValue() + "]";
    }
}
