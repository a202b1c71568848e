package dev.vc.api.control;

import dev.vc.api.ConfigException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a certificate as the relay prints it and clients pin it: 32 bytes of the
 * certificate's DER encoding's hash in upper-case hex pairs joined by colons ({@code AB:CD:...}, 95 characters),
 * the form browsers and {@code openssl x509 -fingerprint -sha256} show.
 *
 * <pre>{@code
 * String printed = CertificateFingerprint.of(certificate);        // "AB:CD:..."
 * String pinned = CertificateFingerprint.parse("abcd...");        // the same form, from any spelling
 * }</pre>
 */
public final class CertificateFingerprint {
    /** Bytes in a SHA-256 digest. */
    private static final int BYTES = 32;
    private static final HexFormat PAIRS = HexFormat.ofDelimiter(":").withUpperCase();

    private CertificateFingerprint() {
    }

    /**
     * @param certificate a certificate
     * @return its SHA-256 fingerprint, {@code AB:CD:...}
     */
    public static String of(X509Certificate certificate) {
        try {
            return PAIRS.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Reads a fingerprint as a person may give it: hex pairs with or without colons (or spaces), either case.
     *
     * @param text the fingerprint
     * @return it in the canonical form {@code AB:CD:...}
     * @throws ConfigException if it is not 32 bytes of hex
     */
    public static String parse(String text) {
        String hex = text.replaceAll("[:\\s]", "");
        if (hex.length() != 2 * BYTES || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new ConfigException("a relay certificate fingerprint is 32 hex pairs (SHA-256, AB:CD:...), got '"
                    + text + "'");
        }
        return PAIRS.formatHex(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
    }
}
