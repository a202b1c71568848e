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

    /** Which port: {@code "control"} (TCP) or {@code "media"} (UDP). */
    private final String role;
    private final int port;

    /**
     * @param role    {@code "control"} or {@code "media"}
     * @param address the address the relay tried to bind
     * @param cause   the bind's failure
     */
    PortInUseException(String role, InetSocketAddress address, Throwable cause) {
        super("the " + role + " port " + address.getPort() + " on " + address.getHostString()
                + " is in use by another process: stop it or choose another port (--" + role + "-port)", cause);
        this.role = role;
        this.port = address.getPort();
    }

    /** @return {@code "control"} or {@code "media"} */
    public String role() {
        return role;
    }

    /** @return the port that is in use */
    public int port() {
        return port;
    }
}
