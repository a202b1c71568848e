package dev.vc.api;

/** Base of vc's typed exceptions. Unchecked: callers catch the subtype they can act on. */
public class VcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for a person */
    public VcException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person
     * @param cause   the underlying failure
     */
    public VcException(String message, Throwable cause) {
        super(message, cause);
    }
}
