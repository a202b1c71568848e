package dev.vc.api;

import java.util.List;

/**
 * The settings home of {@code vc-api}: every key the participant pipeline reads, declared once with its
 * default, the values it accepts and what it does. Other modules read the keys shared by all of them from here
 * ({@link #MAX_STREAMS}, {@link #MTU}) and declare their own in their settings home.
 *
 * <pre>{@code
 * int streams = config.get(CoreSettings.MAX_STREAMS);
 * }</pre>
 */
public final class CoreSettings {
    /** Remote streams a participant tracks at once; the transport and the receive pipeline both bound by it. */
    public static final Setting<Integer> MAX_STREAMS = Setting.ofInt("vc.max.streams", 64, 1, 1024,
            "remote streams tracked at once; the least recently active is evicted");
    /** Largest UDP payload sent, in bytes. */
    public static final Setting<Integer> MTU = Setting.ofInt("vc.mtu", 1200, TransportSettings.MIN_MTU,
            TransportSettings.MAX_MTU, "largest UDP payload sent, in bytes");

    /** Every key declared here, in the order docs/configuration.md lists them. */
    public static final List<Setting<?>> ALL = List.of(MAX_STREAMS, MTU);

    private CoreSettings() {
    }
}
