package dev.vc.relay.operator;

/**
 * An operator request that cannot be served, with the HTTP status and the message the caller gets as
 * {@code {"error": "..."}}. The message must name no secret.
 */
public final class OperatorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the HTTP status, 4xx
     * @param message what was wrong, for the caller
     */
    public OperatorException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return a 400: the request's content is not acceptable */
    public static OperatorException badRequest(String message) {
        return new OperatorException(400, message);
    }

    /** @return a 404: what the request names does not exist */
    public static OperatorException notFound(String message) {
        return new OperatorException(404, message);
    }

    /** @return a 409: the relay's state refuses it (a limit reached) */
    public static OperatorException conflict(String message) {
        return new OperatorException(409, message);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
