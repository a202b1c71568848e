package dev.vc.relay;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * Checks that no other socket holds the media port before the relay binds it with SO_REUSEADDR (which its
 * per-participant sockets need, and which would let it share the port with any other socket that set it too,
 * such as a second relay's). The check binds the port once without SO_REUSEADDR, which the kernel refuses while
 * any socket is bound to it, and lets it go.
 */
final class MediaPortClaim {
    private MediaPortClaim() {
    }

    /**
     * @param wanted the configured media address; port 0 for one the kernel picks
     * @return the address to bind: {@code wanted}, with the picked port if it was 0
     * @throws PortInUseException if another socket is bound to the port
     * @throws IOException        if the port cannot be bound for another reason
     */
    static InetSocketAddress claim(InetSocketAddress wanted) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            try {
                probe.bind(wanted);
            } catch (BindException e) {
                throw new PortInUseException("media", wanted, e);
            }
            return new InetSocketAddress(wanted.getAddress(), ((InetSocketAddress) probe.getLocalAddress()).getPort());
        }
    }
}
