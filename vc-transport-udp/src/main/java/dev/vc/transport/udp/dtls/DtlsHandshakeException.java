package dev.vc.transport.udp.dtls;

import java.util.Objects;

/**
 * A DTLS-SRTP handshake that did not produce keys, with the {@link Reason} to count it by. Messages name
 * fingerprints, profiles and alerts, never key material.
 */
public final class DtlsHandshakeException extends Exception {
    /** Why a handshake failed. */
    public enum Reason {
        /** The peer's certificate is not the one its fingerprint names, or the peer sent none. */
        FINGERPRINT_MISMATCH,
        /** The peer's certificate is outside its validity period. */
        CERTIFICATE_EXPIRED,
        /** The peer did not negotiate {@code use_srtp} at all. */
        NO_USE_SRTP,
        /** The peer offered or chose only SRTP profiles this endpoint does not accept. */
        NO_COMMON_PROFILE,
        /** The peer ended the handshake with a fatal alert (it refused this endpoint). */
        PEER_ALERT,
        /** The handshake did not complete within its time. */
        TIMEOUT,
        /** The handshake pool was full: too many handshakes pending. */
        REFUSED,
        /** The association was closed, or the pool shut down, before the handshake completed. */
        CANCELLED,
        /** Any other protocol failure (malformed or unexpected messages, internal errors). */
        PROTOCOL
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message what happened, without key material
     * @param cause   the underlying failure, or {@code null}
     */
    public DtlsHandshakeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the handshake failed */
    public Reason reason() {
        return reason;
    }
}
