package dev.vc.transport.udp;

import dev.vc.api.VcException;

/**
 * A packet (RTP header, RFC 2435 payload header or fragment) that cannot be parsed or used: too short,
 * wrong version, inconsistent lengths, an unsupported payload variant.
 *
 * <p>Every parser of this package throws this type and no other for bad input, so a receive loop can
 * count and drop bad packets with one {@code catch}:
 *
 * <pre>{@code
 * try {
 *     header.parse(buffer, 0, length);
 * } catch (MalformedPacketException e) {
 *     dropped.increment();
 * }
 * }</pre>
 *
 * <p>Malformed input arrives from the network at whatever rate a peer chooses, so this exception does not
 * record a stack trace; its message says what was wrong.
 */
public final class MalformedPacketException extends VcException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong with the packet, for a person */
    public MalformedPacketException(String message) {
        super(message);
    }

    /** Skips the stack walk: the cause is the packet, not the code path. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
