package dev.vc.transport.udp.internal;

import dev.vc.api.Config;
import dev.vc.api.MediaIdentity;
import dev.vc.transport.udp.internal.secure.DtlsIdentity;
import dev.vc.transport.udp.srtp.SrtpContext;
import dev.vc.api.Transport;
import dev.vc.api.TransportProvider;
import dev.vc.api.TransportSettings;
import dev.vc.transport.udp.internal.receive.ReceiveLimits;

import java.util.Objects;

/**
 * The {@code udp} transport: RTP (RFC 3550) over a UDP socket, JPEG frames as RFC 2435 payloads, capture
 * times in the abs-capture-time header extension. Selected with {@code vc.transport=udp}.
 *
 * <pre>{@code
 * Transport transport = ProviderRegistry.transports().select(config).open(TransportSettings.to(relay, config));
 * }</pre>
 */
public final class UdpTransportProvider implements TransportProvider {
    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
    public UdpTransportProvider() {
    }

    @Override
    public String name() {
        return "udp";
    }

    @Override
    public Transport open(TransportSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Config config = settings.config() == null ? Config.empty() : settings.config();
        return UdpTransport.open(settings, config, ReceiveLimits.from(config));
    }

    /** @return a DTLS identity with a freshly generated certificate (ECDSA P-256, self-signed) */
    @Override
    public MediaIdentity newMediaIdentity() {
        SrtpContext.chooseCiphers();  // before the join: the handshake after it then does not wait for libcrypto
        return DtlsIdentity.generate();
    }
}
