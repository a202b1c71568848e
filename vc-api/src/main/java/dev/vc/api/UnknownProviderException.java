package dev.vc.api;

import java.util.List;

/** No provider of the requested name is installed, or the named one cannot run on this machine. */
public final class UnknownProviderException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> available;

    /**
     * @param message   what was asked for and why it failed
     * @param available names of the providers that are installed and available
     */
    public UnknownProviderException(String message, List<String> available) {
        super(message + "; available: " + (available.isEmpty() ? "none" : String.join(", ", available)));
        this.available = List.copyOf(available);
    }

    /** @return names of the providers that could be chosen instead */
    public List<String> available() {
        return available;
    }
}
