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
import java.util.function.Consumer;

/**
 * One client's TCP control connection, driven by the control thread: a bounded input buffer that yields
 * whole frames, and a bounded queue of frames to write.
 */
final class ControlConnection implements ControlPeer {
    /** Frames waiting to be written before a client that does not read is cut off. */
    static final int MAX_QUEUED = 256;

    final SocketChannel channel;
    private final InetSocketAddress remote;
    private final SelectionKey key;
    private final ByteBuffer in;
    private final int maxFrame;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    Member member;
    boolean closing;
    /** When it was accepted (System.nanoTime): it must send JOIN within the join timeout. */
    long acceptedNanos;
    /** Its remote address, as counted by the {@link ConnectionGate}. */
    java.net.InetAddress from;

    ControlConnection(SocketChannel channel, SelectionKey key, int maxFrame) throws IOException {
        this.channel = channel;
        this.key = key;
        this.maxFrame = maxFrame;
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.in = ByteBuffer.allocate(ControlCodec.LENGTH_BYTES + maxFrame);
    }

    /**
     * Reads what the socket has and hands each complete message to {@code sink}.
     *
     * @return false at end of stream
     * @throws MalformedMessageException if a frame is oversized or does not decode
     */
    boolean read(Consumer<ControlMessage> sink) throws IOException {
        int n = channel.read(in);
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
            sink.accept(ControlCodec.decode(frame));
        }
        in.compact();
        return n >= 0;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    /** Queues a message; a client whose queue is full is too slow and gets disconnected. */
    @Override
    public void send(ControlMessage message) {
        if (!channel.isOpen()) {
            return;
        }
        if (out.size() >= MAX_QUEUED) {
            closing = true;
            return;
        }
        out.add(ControlCodec.encode(message));
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }

    /** Writes queued frames until the socket would block. */
    void flush() throws IOException {
        while (!out.isEmpty()) {
            ByteBuffer head = out.peek();
            channel.write(head);
            if (head.hasRemaining()) {
                return;
            }
            out.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    /** @return true once everything queued has been written */
    boolean drained() {
        return out.isEmpty();
    }

    void close() {
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
