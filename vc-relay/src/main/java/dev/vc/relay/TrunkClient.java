package dev.vc.relay;

import dev.vc.api.control.ControlCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.MalformedMessageException;
import dev.vc.api.control.RelayTrust;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * This relay's end of a trunk it opens to another relay for one room: the control connection (TLS, the other relay
 * verified as {@link RelayTrust} says), on a thread of its own ({@code vc-relay-trunk-<room>}) so that connecting and
 * a slow peer never stall the control thread. It sends {@link ControlMessage.Trunk}, hands the answer and every later
 * message to the control thread ({@link Listener}), writes what the control thread queues ({@link #send}, bounded:
 * a peer that does not read is cut off) and keeps the connection alive both ways.
 */
final class TrunkClient implements ControlPeer {
    private static final System.Logger LOG = System.getLogger(TrunkClient.class.getName());
    private static final int MAX_QUEUED = ControlConnection.MAX_QUEUED;

    /** What the trunk's connection brings; called on the trunk's thread (implementations hand over to the control thread). */
    interface Listener {
        /** The other relay accepted the trunk. */
        void accepted(TrunkClient client, ControlMessage.JoinAccepted accepted);

        /** A message after the answer. */
        void message(TrunkClient client, ControlMessage message);

        /** The connection ended, or never opened: why, for the log. */
        void ended(TrunkClient client, String reason);
    }

    private final InetSocketAddress peer;
    private final RelayTrust trust;
    private final ControlMessage.Trunk request;
    private final Listener listener;
    private final ArrayBlockingQueue<ControlMessage> outbox = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Thread thread;
    private volatile boolean closed;
    private volatile Socket socket;

    TrunkClient(InetSocketAddress peer, RelayTrust trust, ControlMessage.Trunk request, Listener listener) {
        this.peer = peer;
        this.trust = trust;
        this.request = request;
        this.listener = listener;
        this.thread = new Thread(this::run, "vc-relay-trunk-" + request.room());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void send(ControlMessage message) {
        if (!outbox.offer(message)) {
            end();   // the other relay does not read: the trunk goes, and is opened again if still needed
        }
    }

    @Override
    public InetSocketAddress remote() {
        return peer;
    }

    /** Says {@code LEAVE} and closes; the thread ends. Any thread; idempotent. */
    @Override
    public void end() {
        if (!closed) {
            closed = true;
            outbox.clear();
            outbox.offer(new ControlMessage.Leave());
        }
    }

    private void run() {
        String reason = "closed";
        try (Socket s = trust.connect(peer, Duration.ofSeconds(5))) {
            socket = s;
            s.setSoTimeout(50);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            write(out, request);
            ControlMessage answer = readAnswer(in);
            if (!(answer instanceof ControlMessage.JoinAccepted accepted)) {
                listener.ended(this, "the other relay answered " + answer);
                return;
            }
            listener.accepted(this, accepted);
            long keepalive = accepted.keepaliveMillis() * 1_000_000L;
            long lastSent = System.nanoTime();
            long lastHeard = lastSent;
            while (true) {
                for (ControlMessage m = outbox.poll(); m != null; m = outbox.poll()) {
                    write(out, m);
                    lastSent = System.nanoTime();
                    if (m instanceof ControlMessage.Leave) {
                        listener.ended(this, "closed here");
                        return;
                    }
                }
                try {
                    ControlMessage message = read(in);
                    lastHeard = System.nanoTime();
                    listener.message(this, message);
                } catch (SocketTimeoutException idle) {
                    if (System.nanoTime() - lastHeard > 3 * keepalive) {
                        reason = "the other relay went silent";
                        break;
                    }
                }
                if (System.nanoTime() - lastSent >= keepalive) {
                    write(out, new ControlMessage.Keepalive());
                    lastSent = System.nanoTime();
                }
            }
        } catch (java.io.EOFException e) {
            reason = "the other relay closed the connection";
        } catch (IOException | RuntimeException e) {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        LOG.log(System.Logger.Level.INFO, "trunk to {0} for ''{1}'' ended: {2}", peer, request.room(), reason);
        listener.ended(this, reason);
    }

    /** Reads the answer, waiting up to 5 s across the short read timeouts. */
    private static ControlMessage readAnswer(DataInputStream in) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                return read(in);
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
        }
    }

    private static void write(OutputStream out, ControlMessage message) throws IOException {
        ByteBuffer frame = ControlCodec.encode(message);
        out.write(frame.array(), 0, frame.limit());
        out.flush();
    }

    /**
     * Reads one frame: a read timeout before its first byte is idleness ({@link SocketTimeoutException}), one inside it
     * is waited out (the frame's bytes are on their way).
     */
    private static ControlMessage read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new java.io.EOFException();
        }
        byte[] prefix = new byte[ControlCodec.LENGTH_BYTES];
        prefix[0] = (byte) first;
        readFully(in, prefix, 1);
        int length = ByteBuffer.wrap(prefix).getInt();
        if (length < 2 || length > ControlCodec.MAX_FRAME) {
            throw new MalformedMessageException("frame length " + length + " outside 2.." + ControlCodec.MAX_FRAME);
        }
        byte[] frame = new byte[length];
        readFully(in, frame, 0);
        return ControlCodec.decode(ByteBuffer.wrap(frame));
    }

    private static void readFully(DataInputStream in, byte[] frame, int from) throws IOException {
        int length = frame.length;
        int got = from;
        while (got < length) {
            try {
                int n = in.read(frame, got, length - got);
                if (n < 0) {
                    throw new java.io.EOFException();
                }
                got += n;
            } catch (SocketTimeoutException e) {
                // part of a frame arrived: the rest follows
            }
        }
    }
}
