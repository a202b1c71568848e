package dev.vc.api;

/**
 * What every service provider has: a stable name users select it by, and a way to say that it cannot run
 * here (natives missing, no display) without failing discovery.
 *
 * <p>Implementations must have a cheap constructor: {@link java.util.ServiceLoader} instantiates every
 * provider to list them. Expensive probing belongs in {@link #availability()}, which may cache its answer.
 */
public interface Provider {
    /** @return the name a user configures, lower case, e.g. {@code jpeg}, {@code h264}, {@code synthetic} */
    String name();

    /** @return whether this provider works on this machine; the default says it always does */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /**
     * Preference among available providers when the configuration names none; higher wins.
     *
     * @return the priority, 0 by default
     */
    default int priority() {
        return 0;
    }
}
