package dev.vc.api;

/** An encoder or decoder failed, or a bitstream could not be decoded. */
public class CodecException extends VcException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for a person */
    public CodecException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person
     * @param cause   the underlying failure
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
