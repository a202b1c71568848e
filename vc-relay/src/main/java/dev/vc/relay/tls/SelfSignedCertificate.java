package dev.vc.relay.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Makes the relay's self-signed certificate: an ECDSA P-256 key and a certificate for {@code CN=vc relay} naming
 * the relay's host names and addresses as subject alternative names, for TLS servers only (not a CA), valid from
 * a day ago for ten years. Clients pin its fingerprint, or take the certificate itself as their CA.
 *
 * <p>BouncyCastle's PKIX builder writes the certificate: the JDK generates the key and signs (the signature is
 * the JDK's {@code SHA256withECDSA}), but has no public API to create an X.509 certificate.
 */
final class SelfSignedCertificate {
    static final Duration VALIDITY = Duration.ofDays(3_650);
    private static final X500Name SUBJECT = new X500Name("CN=vc relay");

    private final KeyPair keys;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /**
     * @param names the host names and IP addresses it names (IP literals become IP address entries)
     * @param now   the start of its validity (less a day, for clocks behind)
     * @return a new key pair and certificate
     * @throws GeneralSecurityException if the JDK cannot make a P-256 key or sign
     */
    static SelfSignedCertificate generate(List<String> names, Instant now) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(SUBJECT,
                new BigInteger(63, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(VALIDITY)), SUBJECT, keys.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    names.stream().map(SelfSignedCertificate::generalName).toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new SelfSignedCertificate(keys, certificate);
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralName generalName(String name) {
        return HostNames.isAddressLiteral(name) ? new GeneralName(GeneralName.iPAddress, name)
                : new GeneralName(GeneralName.dNSName, name);
    }

    /** @return the key pair */
    KeyPair keys() {
        return keys;
    }

    /** @return the certificate */
    X509Certificate certificate() {
        return certificate;
    }
}
