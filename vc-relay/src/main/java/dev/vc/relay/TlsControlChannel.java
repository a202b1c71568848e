package dev.vc.relay;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A control connection in TLS 1.3: the JDK's {@link SSLEngine} driven by the control thread, no thread of its
 * own. The handshake's delegated tasks (signing with the relay's key, about a millisecond) run inline on the
 * control thread. Buffers are bounded: ciphertext read but not yet decrypted (4 KiB, grown to one TLS record,
 * about 16.7 KB, only for a record that needs it), ciphertext waiting for the socket (two records, from the
 * first message the relay sends), and
 * decrypted bytes go to the control thread's shared scratch buffer before the connection's own frame buffer.
 *
 * <p>The first byte tells a plain-TCP vc client (a control frame starts with a zero length byte) from a TLS one
 * (a handshake record, 22): the former is refused with {@link ProtocolMismatchException}, so the server can tell
 * it in its own language, and anything else is garbage.
 */
final class TlsControlChannel implements ControlChannel {
    /** The first byte of a TLS record that carries a handshake message (RFC 8446 section 5.1). */
    static final byte HANDSHAKE_RECORD = 22;
    private static final int INITIAL_INPUT = 4_096;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    private static final ByteBuffer NO_OUTPUT_YET = ByteBuffer.allocate(0);

    private final SocketChannel socket;
    private final SSLEngine engine;
    private final ByteBuffer plain;
    private final Sink sink;
    private final int recordBytes;
    /** Write mode: ciphertext read, not yet unwrapped. */
    private ByteBuffer netIn = ByteBuffer.allocate(INITIAL_INPUT);
    /** Read mode: ciphertext wrapped, not yet written; empty until the first wrap (an idle peer costs none). */
    private ByteBuffer netOut = NO_OUTPUT_YET;
    private boolean firstByteSeen;
    private boolean established;

    /**
     * @param socket  the connection
     * @param engine  a server-mode engine for it, or a client-mode one for a trunk this relay opens (its handshake
     *                begun: the first {@link #flush()} sends its hello)
     * @param scratch the control thread's plaintext buffer, shared by every connection, at least one TLS
     *                record's plaintext ({@code getApplicationBufferSize()})
     * @param sink    where decrypted bytes go
     */
    TlsControlChannel(SocketChannel socket, SSLEngine engine, ByteBuffer scratch, Sink sink) {
        this.socket = socket;
        this.engine = engine;
        this.plain = scratch;
        this.sink = sink;
        this.recordBytes = engine.getSession().getPacketBufferSize();
    }

    @Override
    public boolean read() throws IOException {
        int n = socket.read(netIn);
        if (!firstByteSeen && netIn.position() > 0) {
            firstByteSeen = true;
            byte first = netIn.get(0);
            if (first != HANDSHAKE_RECORD) {
                throw new ProtocolMismatchException(first == 0 ? ConnectionGate.Closed.PLAIN_ON_TLS
                        : ConnectionGate.Closed.GARBAGE);
            }
        }
        netIn.flip();
        try {
            unwrapAll();
        } finally {
            netIn.compact();
        }
        flush();
        return n >= 0 && !engine.isInboundDone();
    }

    /** Unwraps every whole record buffered, running the handshake's tasks and wraps as it asks. */
    private void unwrapAll() throws IOException {
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            if (status == HandshakeStatus.NEED_WRAP) {
                if (!wrap(NOTHING)) {
                    return;   // output full: the peer is not reading; its timeouts will end it
                }
                continue;
            }
            plain.clear();
            SSLEngineResult result = engine.unwrap(netIn, plain);
            plain.flip();
            if (plain.hasRemaining()) {
                sink.accept(plain);
            }
            noteEstablished(result);
            // No switch on the status: its synthetic class would be loaded at the first end of stream, which may
            // come while the process is out of file descriptors (a class file cannot then be opened).
            SSLEngineResult.Status outcome = result.getStatus();
            if (outcome == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                growInput();
                return;
            }
            if (outcome == SSLEngineResult.Status.CLOSED) {
                return;
            }
            if (outcome == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                throw new SSLException("a record larger than the negotiated size");
            }
            if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                    && result.getHandshakeStatus() != HandshakeStatus.NEED_TASK
                    && result.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                return;
            }
        }
    }

    /** A record longer than the whole input buffer: grow it, once, to a record's full size. */
    private void growInput() {
        if (netIn.position() == 0 && netIn.limit() == netIn.capacity() && netIn.capacity() < recordBytes) {
            ByteBuffer bigger = ByteBuffer.allocate(recordBytes);
            bigger.put(netIn);
            netIn = bigger.flip();   // compacted by the caller into write mode again
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private void noteEstablished(SSLEngineResult result) {
        if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            established = true;
        }
    }

    /**
     * Wraps {@code source} (or a handshake message when empty) into the output, then writes what it can.
     *
     * @return false if the output has no room for another record
     */
    private boolean wrap(ByteBuffer source) throws IOException {
        if (netOut == NO_OUTPUT_YET) {
            netOut = ByteBuffer.allocate(2 * recordBytes).flip();
        }
        netOut.compact();
        try {
            if (netOut.remaining() < recordBytes) {
                return false;
            }
            SSLEngineResult result = engine.wrap(source, netOut);
            noteEstablished(result);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                return false;
            }
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && result.bytesProduced() == 0) {
                return false;
            }
        } finally {
            netOut.flip();
        }
        socket.write(netOut);
        return true;
    }

    @Override
    public void write(ByteBuffer frame) throws IOException {
        while (frame.hasRemaining() && established) {
            int before = frame.remaining();
            if (!wrap(frame) || frame.remaining() == before) {
                return;
            }
        }
    }

    @Override
    public boolean flush() throws IOException {
        if (netOut.hasRemaining()) {
            socket.write(netOut);
        }
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && wrap(NOTHING)) {
            // handshake messages (and the session tickets after it) go out as the socket takes them
        }
        return !netOut.hasRemaining();
    }

    @Override
    public boolean pending() {
        return netOut.hasRemaining();
    }

    @Override
    public boolean established() {
        return established;
    }

    @Override
    public void closeOutbound() {
        if (!firstByteSeen) {
            return;   // it never spoke: nothing to say goodbye to, and no output buffer to make for it
        }
        engine.closeOutbound();
        try {
            flush();
        } catch (IOException e) {
            // the peer is gone: nothing to say goodbye to
        }
    }
}
