package dev.vc.api;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a {@link Transport} binds and sends.
 *
 * @param local   local address to bind; port 0 picks an ephemeral port
 * @param remote  the relay's (or peer's) media address
 * @param mtu     largest UDP payload to send, in bytes
 * @param binding what the relay granted on its control channel (SSRC, hello credentials); null when sending
 *                to a plain RTP peer, in which case the transport picks a random SSRC and sends no hello
 * @param config  the full configuration, for provider-specific keys
 */
public record TransportSettings(InetSocketAddress local, InetSocketAddress remote, int mtu, MediaBinding binding,
                                Config config) {
    /** Smallest MTU accepted: room for the RTP header, an extension and a useful payload. */
    public static final int MIN_MTU = 256;
    /** Largest MTU accepted: one Ethernet jumbo frame's worth; never an IP-fragmented datagram. */
    public static final int MAX_MTU = 8972;

    /** Validates the addresses and the MTU. */
    public TransportSettings {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        if (remote.isUnresolved()) {
            throw new ConfigException("cannot resolve host " + remote.getHostString());
        }
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new ConfigException("MTU must be in " + MIN_MTU + ".." + MAX_MTU + ", got " + mtu);
        }
    }

    /**
     * Binds to an ephemeral port on the wildcard address, MTU from {@link CoreSettings#MTU}.
     *
     * @param remote the peer's media address
     * @param config the configuration
     * @return the settings, with no relay binding
     */
    public static TransportSettings to(InetSocketAddress remote, Config config) {
        return new TransportSettings(new InetSocketAddress(0), remote, config.get(CoreSettings.MTU),
                null, config);
    }

    /**
     * @param binding what the relay granted
     * @return these settings with that binding
     */
    public TransportSettings withBinding(MediaBinding binding) {
        return new TransportSettings(local, remote, mtu, binding, config);
    }
}
