package dev.vc.relay.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The operator API's token, checked against a request's {@code Authorization: Bearer <token>} header in constant
 * time: both are hashed (SHA-256) and the digests compared with {@link MessageDigest#isEqual}, so neither the
 * token's content nor its length shows in the time taken. Keeps only the token's digest; its {@code toString}
 * names nothing.
 */
public final class BearerToken {
    /** The shortest token accepted. */
    public static final int MIN_LENGTH = 16;
    private static final String SCHEME = "Bearer ";

    private final byte[] digest;

    /**
     * @param token the configured token, at least {@link #MIN_LENGTH} characters
     * @throws IllegalArgumentException if it is shorter (the message does not contain it)
     */
    public BearerToken(String token) {
        if (token == null || token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the operator token must be at least " + MIN_LENGTH + " characters");
        }
        this.digest = sha256(token);
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @return whether it is {@code Bearer } and this token
     */
    public boolean accepts(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
