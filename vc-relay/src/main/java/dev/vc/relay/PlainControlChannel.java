package dev.vc.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A control connection in plain TCP ({@code vc.relay.control.insecure=true}). A TLS client that reaches it is
 * recognised by its first byte (a TLS handshake record) and refused with {@link ProtocolMismatchException}.
 */
final class PlainControlChannel implements ControlChannel {
    private final SocketChannel socket;
    private final ByteBuffer scratch;
    private final Sink sink;
    private boolean firstByteSeen;

    /**
     * @param socket  the connection
     * @param scratch the control thread's read buffer, shared by every connection
     * @param sink    where the bytes read go
     */
    PlainControlChannel(SocketChannel socket, ByteBuffer scratch, Sink sink) {
        this.socket = socket;
        this.scratch = scratch;
        this.sink = sink;
    }

    @Override
    public boolean read() throws IOException {
        scratch.clear();
        int n = socket.read(scratch);
        scratch.flip();
        if (!firstByteSeen && scratch.hasRemaining()) {
            firstByteSeen = true;
            if (scratch.get(0) == TlsControlChannel.HANDSHAKE_RECORD) {
                throw new ProtocolMismatchException(ConnectionGate.Closed.TLS_ON_PLAIN);
            }
        }
        if (scratch.hasRemaining()) {
            sink.accept(scratch);
        }
        return n >= 0;
    }

    @Override
    public void write(ByteBuffer frame) throws IOException {
        socket.write(frame);
    }

    @Override
    public boolean flush() {
        return true;
    }

    @Override
    public boolean pending() {
        return false;
    }

    @Override
    public boolean established() {
        return true;
    }

    @Override
    public void closeOutbound() {
        // nothing to say: closing the socket ends the stream
    }
}
