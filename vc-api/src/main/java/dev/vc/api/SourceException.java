package dev.vc.api;

/** A frame source could not be opened or stopped delivering frames (no camera, missing file, device unplugged). */
public class SourceException extends VcException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for a person */
    public SourceException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person
     * @param cause   the underlying failure
     */
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
