package dev.vc.relay;

import dev.vc.api.TransportException;

import java.net.InetSocketAddress;

/**
 * A port the relay must own is held by another socket: another relay, another program, or an earlier relay still
 * running. The relay refuses to start rather than share the port, whose datagrams the kernel would then split
 * between the two processes.
 */
public final class PortInUseException extends TransportException {
    private static final long serialVersionUID = 1L;

    /** Which port: {@code "control"} (TCP), {@code "media"} (UDP) or {@code "metrics"} (HTTP). */
    private final String role;
    private final int port;

    /**
     * @param role    {@code "control"}, {@code "media"} or {@code "metrics"}, as in the flag {@code --<role>-port}
     * @param address the address the relay tried to bind
     * @param cause   the bind's failure
     */
    PortInUseException(String role, InetSocketAddress address, Throwable cause) {
        super("the " + role + " port " + address.getPort() + " on " + address.getHostString()
                + " is in use by another process: stop it or choose another port (--" + role + "-port)", cause);
        this.role = role;
        this.port = address.getPort();
    }

    /**
     * @param role    what the port is for, such as {@code "ingress"}
     * @param address the address the relay tried to bind
     * @param remedy  what to do instead, such as {@code "choose another port for the ingress"}
     * @param cause   the bind's failure
     */
    PortInUseException(String role, InetSocketAddress address, String remedy, Throwable cause) {
        super("the " + role + " port " + address.getPort() + " on " + address.getHostString()
                + " is in use by another socket: " + remedy, cause);
        this.role = role;
        this.port = address.getPort();
    }

    /** @return {@code "control"}, {@code "media"}, {@code "metrics"} or {@code "ingress"} */
    public String role() {
        return role;
    }

    /** @return the port that is in use */
    public int port() {
        return port;
    }
}
