package dev.vc.transport.udp.dtls;

import java.io.IOException;

/**
 * Sends one datagram to the peer of a DTLS association, typically {@code channel.send(ByteBuffer.wrap(...), peer)}
 * on the media socket. Called from a handshake thread during the handshake and from the caller's receive thread
 * afterwards (retransmitted final flights, alerts); the bytes are only valid during the call.
 */
@FunctionalInterface
public interface DatagramOut {
    /**
     * @param datagram the bytes
     * @param offset   where the datagram starts
     * @param length   its length
     * @throws IOException when the socket fails; the association counts it and treats it as a lost datagram
     */
    void send(byte[] datagram, int offset, int length) throws IOException;
}
