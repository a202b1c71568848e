package dev.vc.api;

/**
 * Whether a provider can run on this machine, and if not, why.
 *
 * @param available true if the provider can be used
 * @param reason    for a person: why it cannot (empty when available)
 */
public record Availability(boolean available, String reason) {
    /** A provider that is ready to use. */
    public static final Availability AVAILABLE = new Availability(true, "");

    /**
     * @param reason why the provider cannot run here, e.g. "native library libavcodec not found"
     * @return an unavailable marker with that reason
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
