package dev.vc.transport.udp.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a DER-encoded certificate in the form SDP carries it (RFC 8122 section 5,
 * {@code a=fingerprint:sha-256 AB:CD:...}): 32 upper-case hex pairs separated by colons. A fingerprint is public;
 * it names a certificate, it unlocks nothing.
 */
public final class CertificateFingerprint {
    /** The hash function's name in SDP (RFC 8122 section 5). */
    public static final String HASH_FUNCTION = "sha-256";
    private static final int LENGTH = 32;

    private final byte[] digest;

    private CertificateFingerprint(byte[] digest) {
        this.digest = digest;
    }

    /**
     * @param der a certificate's DER encoding
     * @return its SHA-256 fingerprint
     */
    public static CertificateFingerprint of(byte[] der) {
        try {
            return new CertificateFingerprint(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * @param text {@code AB:CD:...} (either case), optionally preceded by {@code sha-256 } as in the SDP attribute
     * @return the fingerprint
     * @throws IllegalArgumentException when the text is not a SHA-256 fingerprint
     */
    public static CertificateFingerprint parse(String text) {
        String hex = text.strip();
        if (hex.regionMatches(true, 0, HASH_FUNCTION + " ", 0, HASH_FUNCTION.length() + 1)) {
            hex = hex.substring(HASH_FUNCTION.length() + 1).strip();
        }
        String[] pairs = hex.split(":", -1);
        if (pairs.length != LENGTH) {
            throw new IllegalArgumentException("a sha-256 fingerprint has " + LENGTH + " hex pairs separated by "
                    + "colons, got " + pairs.length);
        }
        byte[] digest = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int high = pairs[i].length() == 2 ? Character.digit(pairs[i].charAt(0), 16) : -1;
            int low = pairs[i].length() == 2 ? Character.digit(pairs[i].charAt(1), 16) : -1;
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("fingerprint pair " + (i + 1) + " is not two hex digits");
            }
            digest[i] = (byte) (high << 4 | low);
        }
        return new CertificateFingerprint(digest);
    }

    /**
     * @param der a certificate's DER encoding
     * @return whether this is that certificate's fingerprint
     */
    public boolean matches(byte[] der) {
        return equals(of(der));
    }

    /** @return the SDP attribute value, {@code sha-256 AB:CD:...} */
    public String toSdpValue() {
        return HASH_FUNCTION + " " + this;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateFingerprint that && MessageDigest.isEqual(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** @return {@code AB:CD:...}, 32 upper-case hex pairs */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(LENGTH * 3 - 1);
        for (byte b : digest) {
            if (!text.isEmpty()) {
                text.append(':');
            }
            text.append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
        return text.toString();
    }
}
