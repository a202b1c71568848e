package dev.vc.api.session;

import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;
import dev.vc.api.TransportException;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.RelayTrust;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The relays a participant may join through, in the order it tries them: the relays of a cluster, any of which
 * places the room and redirects to the relay serving it. A join tries the preferred relay (the one it was last
 * connected to) first, then the others in their order, moving on when one cannot be reached or its TLS fails (the
 * next may present another certificate); a refusal ends the join, since every relay of a cluster answers alike.
 * When none can be joined the caller gets the last failure.
 *
 * <pre>{@code
 * RelayHosts hosts = RelayHosts.parse("relay1.example:5000,relay2.example:5000");
 * ControlClient control = hosts.join(null, trust, join, listener, Duration.ofSeconds(5), null);
 * }</pre>
 */
final class RelayHosts {
    private final List<InetSocketAddress> relays;

    RelayHosts(List<InetSocketAddress> relays) {
        if (relays.isEmpty()) {
            throw new ConfigException("no relay to join");
        }
        this.relays = List.copyOf(relays);
    }

    /**
     * @param list {@code host:port} entries separated by commas ({@code vc.relay.hosts})
     * @return them, in order
     * @throws ConfigException if an entry is not {@code host:port} with a port in 1..65535
     */
    static RelayHosts parse(String list) {
        List<InetSocketAddress> relays = new ArrayList<>();
        for (String entry : list.split(",")) {
            String hostPort = entry.trim();
            int colon = hostPort.lastIndexOf(':');
            int port = -1;
            if (colon > 0) {
                try {
                    port = Integer.parseInt(hostPort.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            if (port < 1 || port > 65_535) {
                throw new ConfigException(CoreSettings.RELAY_HOSTS.key() + ": '" + hostPort
                        + "' is not host:port (port 1..65535)");
            }
            relays.add(new InetSocketAddress(hostPort.substring(0, colon), port));
        }
        return new RelayHosts(relays);
    }

    /** @return the relays, in their order */
    List<InetSocketAddress> relays() {
        return relays;
    }

    /**
     * Joins through the first relay that answers: {@code preferred} first if given, then the others in order.
     *
     * @param preferred the relay to try first (the last one joined), or null for the list's order
     * @return the joined client (possibly redirected to yet another relay of the cluster)
     * @throws dev.vc.api.control.JoinRejectedException if a relay refused the join (not tried further: every relay
     *                                                  of a cluster answers alike)
     * @throws TransportException                       the last relay's failure, when none could be joined
     */
    ControlClient join(InetSocketAddress preferred, RelayTrust trust, ControlMessage.Join join,
                       ControlClient.Listener listener, Duration timeout, byte[] token) {
        List<InetSocketAddress> order = new ArrayList<>(relays.size() + 1);
        if (preferred != null) {
            order.add(preferred);
        }
        for (InetSocketAddress relay : relays) {
            if (!relay.equals(preferred)) {
                order.add(relay);
            }
        }
        TransportException last = null;
        for (InetSocketAddress relay : order) {
            try {
                return ControlClient.join(relay, trust, join, listener, timeout, token);
            } catch (TransportException e) {
                last = e;
            }
        }
        throw order.size() == 1 ? last : new TransportException("no relay of " + order + " could be joined; the last: "
                + last.getMessage(), last);
    }
}
