package dev.vc.api;

/** A configuration value is missing, malformed or out of range. */
public class ConfigException extends VcException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for a person */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for a person
     * @param cause   the underlying failure
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
