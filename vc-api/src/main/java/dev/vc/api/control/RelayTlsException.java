package dev.vc.api.control;

import dev.vc.api.TransportException;

/**
 * The control channel to the relay could not be secured: its certificate is not the pinned one or not trusted,
 * the TLS handshake did not finish in time, or one side speaks TLS and the other plain TCP. The message says
 * what to do; {@link #reason()} tells the cases apart.
 */
public final class RelayTlsException extends TransportException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The relay's certificate is not the one pinned with {@code vc.relay.fingerprint}. */
        FINGERPRINT_MISMATCH,
        /** The certificate does not chain to a trusted CA, names another host, or is out of its validity. */
        UNTRUSTED,
        /** The handshake did not complete within the connect timeout. */
        HANDSHAKE_TIMEOUT,
        /** The relay answered in plain TCP: its control channel is in insecure mode. */
        RELAY_NOT_TLS,
        /** Anything else the TLS layer refused (no common protocol, a broken record). */
        FAILED
    }

    private final Reason reason;

    /**
     * @param reason  what went wrong
     * @param message for a person, what happened and what to do
     * @param cause   the TLS layer's failure, or null
     */
    public RelayTlsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return what went wrong */
    public Reason reason() {
        return reason;
    }
}
