package dev.vc.api;

/** The network transport could not be opened or used (bad address, port in use). */
public class TransportException extends VcException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for a person */
    public TransportException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person
     * @param cause   the underlying failure
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
