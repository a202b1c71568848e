package dev.vc.record;

import dev.vc.api.VcException;

/** A recording file could not be created or written (FFmpeg's natives missing, no such directory, disk full). */
public class RecordingException extends VcException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for a person */
    public RecordingException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person
     * @param cause   the underlying failure
     */
    public RecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
