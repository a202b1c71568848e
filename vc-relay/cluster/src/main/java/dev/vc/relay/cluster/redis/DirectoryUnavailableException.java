package dev.vc.relay.cluster.redis;

/** The cluster's directory (Redis) did not answer: not connected, timed out, or refused the request. */
final class DirectoryUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
