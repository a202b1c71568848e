package dev.vc.api.control;

import dev.vc.api.VcException;

/** A control message could not be decoded: truncated, oversized, unknown type or invalid field. */
public class MalformedMessageException extends VcException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the bytes */
    public MalformedMessageException(String message) {
        super(message);
    }
}
