package dev.vc.relay.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files (RFC 7468) of certificates and unencrypted PKCS#8 private keys, read and written with the JDK alone:
 * {@code -----BEGIN CERTIFICATE-----} blocks in chain order, and one {@code -----BEGIN PRIVATE KEY-----} (an
 * EC, RSA or EdDSA key).
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "RSASSA-PSS", "EdDSA");

    private PemFiles() {
    }

    /**
     * @param file a PEM file
     * @return its certificates, in the file's order
     * @throws IOException if it cannot be read or holds no certificate
     */
    static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(file, CERTIFICATE)) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IOException(file + ": not a certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(file + ": no -----BEGIN CERTIFICATE----- block");
        }
        return chain;
    }

    /**
     * @param file a PEM file
     * @return its PKCS#8 private key
     * @throws IOException if it cannot be read, holds no unencrypted PKCS#8 key, or one of an unknown algorithm
     */
    static PrivateKey privateKey(Path file) throws IOException {
        List<byte[]> keys = blocks(file, PRIVATE_KEY);
        if (keys.size() != 1) {
            throw new IOException(file + ": expected one -----BEGIN PRIVATE KEY----- block (unencrypted PKCS#8; "
                    + "convert with openssl pkcs8 -topk8 -nocrypt), found " + keys.size());
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": the private key is none of " + KEY_ALGORITHMS);
    }

    /** @return the PEM text of {@code certificate} followed by {@code key} */
    static String encode(X509Certificate certificate, PrivateKey key) throws CertificateException {
        return block(CERTIFICATE, certificate.getEncoded()) + block(PRIVATE_KEY, key.getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static List<byte[]> blocks(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<byte[]> found = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    found.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": a " + type + " block is not base64", e);
                }
            }
        }
        return found;
    }
}
