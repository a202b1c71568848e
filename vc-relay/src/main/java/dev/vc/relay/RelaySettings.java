package dev.vc.relay;

import dev.vc.api.Config;
import dev.vc.api.TransportSettings;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * How a {@link Relay} binds and what it allows.
 *
 * @param media           UDP address for media; port 0 picks an ephemeral port
 * @param maxParticipants most participants forwarded to (default 10, as in the original system)
 * @param staleMillis     a participant that sent nothing for this long is forgotten (default 3000)
 * @param mtu             largest datagram accepted, in bytes; larger ones are dropped
 */
public record RelaySettings(InetSocketAddress media, int maxParticipants, int staleMillis, int mtu) {
    /** Default media port, as in the original system. */
    public static final int DEFAULT_MEDIA_PORT = 5001;

    /** Validates the values. */
    public RelaySettings {
        Objects.requireNonNull(media, "media");
        if (maxParticipants < 2 || maxParticipants > 1000) {
            throw new dev.vc.api.ConfigException("maxParticipants must be in 2..1000, got " + maxParticipants);
        }
        if (staleMillis < 100) {
            throw new dev.vc.api.ConfigException("staleMillis must be >= 100, got " + staleMillis);
        }
        if (mtu < TransportSettings.MIN_MTU || mtu > TransportSettings.MAX_MTU) {
            throw new dev.vc.api.ConfigException("mtu must be in " + TransportSettings.MIN_MTU + ".."
                    + TransportSettings.MAX_MTU + ", got " + mtu);
        }
    }

    /**
     * Reads {@code vc.relay.port} (5001), {@code vc.relay.max.participants} (10),
     * {@code vc.stale.timeout.ms} (3000) and {@code vc.relay.mtu} (1500).
     *
     * @param config the configuration
     * @return the settings
     */
    public static RelaySettings from(Config config) {
        return new RelaySettings(new InetSocketAddress(config.getInt("vc.relay.port", DEFAULT_MEDIA_PORT, 0, 65535)),
                config.getInt("vc.relay.max.participants", 10, 2, 1000),
                config.getInt("vc.stale.timeout.ms", 3_000, 100, 600_000),
                config.getInt("vc.relay.mtu", 1500, TransportSettings.MIN_MTU, TransportSettings.MAX_MTU));
    }

    /**
     * @param media the media address
     * @return defaults, bound to {@code media}
     */
    public static RelaySettings on(InetSocketAddress media) {
        return new RelaySettings(media, 10, 3_000, 1500);
    }
}
