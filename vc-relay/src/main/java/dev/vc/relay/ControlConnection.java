package dev.vc.relay;

import dev.vc.api.control.ControlCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.MalformedMessageException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;

/**
 * One client's control connection, driven by the control thread: its {@link ControlChannel} (TLS or plain TCP),
 * a bounded input buffer that yields whole frames to the message handler, and a bounded queue of frames to write.
 */
final class ControlConnection implements ControlPeer {
    /** Frames waiting to be written before a client that does not read is cut off. */
    static final int MAX_QUEUED = 256;

    /** Makes the channel of a new connection. */
    interface ChannelFactory {
        /**
         * @param socket the accepted connection
         * @param sink   where its plaintext goes
         * @return its channel
         */
        ControlChannel open(SocketChannel socket, ControlChannel.Sink sink) throws IOException;
    }

    final SocketChannel socket;
    final ControlChannel channel;
    private final InetSocketAddress remote;
    private final SelectionKey key;
    private final ByteBuffer in;
    private final int maxFrame;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private final BiConsumer<ControlConnection, ControlMessage> handler;
    Member member;
    /** The resume token sent before {@code JOIN}, for the join only (a secret, never logged). */
    byte[] resumeToken;
    boolean closing;
    /** Its JOIN waits for the cluster's placement ({@link dev.vc.relay.placement.RoomPlacement#place}). */
    boolean placing;
    /** When it was accepted (System.nanoTime): it must complete its TLS handshake within the handshake timeout. */
    long acceptedNanos;
    /** When its channel was established (accepted, for plain TCP): it must send JOIN within the join timeout. */
    long establishedNanos;
    private boolean wasEstablished;
    /** Its remote address, as counted by the {@link ConnectionGate}; null for a connection this relay opened. */
    java.net.InetAddress from;
    /** Set when this relay opened it to ask another relay for a trunk; null for a connection it accepted. */
    OutgoingTrunk outgoing;

    /**
     * @param socket   the accepted (or connected) connection, non-blocking, registered as {@code key}
     * @param maxFrame largest frame accepted
     * @param channels makes its channel (TLS or plain)
     * @param handler  gets each message read, with this connection, on the control thread
     */
    ControlConnection(SocketChannel socket, SelectionKey key, int maxFrame, ChannelFactory channels,
                      BiConsumer<ControlConnection, ControlMessage> handler) throws IOException {
        this.socket = socket;
        this.key = key;
        this.maxFrame = maxFrame;
        this.handler = handler;
        this.remote = (InetSocketAddress) socket.getRemoteAddress();
        this.in = ByteBuffer.allocate(ControlCodec.LENGTH_BYTES + maxFrame);
        this.channel = channels.open(socket, this::take);
    }

    /**
     * Reads what the socket has and hands each complete message to the handler.
     *
     * @return false at end of stream
     * @throws MalformedMessageException if a frame is oversized or does not decode
     * @throws ProtocolMismatchException if the client speaks plain TCP to TLS or the other way round
     */
    boolean read() throws IOException {
        boolean open = channel.read();
        if (!wasEstablished && channel.established()) {
            wasEstablished = true;
            establishedNanos = System.nanoTime();
        }
        updateInterest();
        return open;
    }

    /** Appends plaintext to the frame buffer, handing on each whole frame; consumes all of it. */
    private void take(ByteBuffer plaintext) {
        while (plaintext.hasRemaining()) {
            int n = Math.min(in.remaining(), plaintext.remaining());
            in.put(plaintext.slice(plaintext.position(), n));
            plaintext.position(plaintext.position() + n);
            in.flip();
            while (in.remaining() >= ControlCodec.LENGTH_BYTES) {
                int length = in.getInt(in.position());
                if (length < 2 || length > maxFrame) {
                    throw new MalformedMessageException("frame length " + length + " outside 2.." + maxFrame);
                }
                if (in.remaining() < ControlCodec.LENGTH_BYTES + length) {
                    break;
                }
                ByteBuffer frame = in.slice(in.position() + ControlCodec.LENGTH_BYTES, length);
                in.position(in.position() + ControlCodec.LENGTH_BYTES + length);
                handler.accept(this, ControlCodec.decode(frame));
            }
            in.compact();
        }
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    /** Queues a message; a client whose queue is full is too slow and gets disconnected. */
    @Override
    public void send(ControlMessage message) {
        if (!socket.isOpen()) {
            return;
        }
        if (out.size() >= MAX_QUEUED) {
            closing = true;
            return;
        }
        out.add(ControlCodec.encode(message));
        updateInterest();
    }

    /** A trunk no longer needed: says {@code LEAVE}, and closes once what is queued is written. */
    @Override
    public void end() {
        if (!closing) {
            send(new ControlMessage.Leave());
            closing = true;
        }
    }

    /** Writes queued frames until the socket would block. */
    void flush() throws IOException {
        if (channel.flush()) {
            while (!out.isEmpty() && channel.established()) {
                ByteBuffer head = out.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    break;
                }
                out.poll();
            }
        }
        updateInterest();
    }

    /** Reads always; writes while something waits for the socket. */
    private void updateInterest() {
        if (!key.isValid()) {
            return;
        }
        boolean write = channel.pending() || (!out.isEmpty() && channel.established());
        key.interestOps(write ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** @return true once everything queued has been written */
    boolean drained() {
        return out.isEmpty() && !channel.pending();
    }

    void close() {
        key.cancel();
        if (socket.isOpen()) {
            channel.closeOutbound();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
