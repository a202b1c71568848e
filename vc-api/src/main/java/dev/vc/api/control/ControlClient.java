package dev.vc.api.control;

import dev.vc.api.TransportException;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinAccepted;
import dev.vc.api.control.ControlMessage.JoinRejected;
import dev.vc.api.control.ControlMessage.Participant;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A participant's end of the relay's control channel: joins a room, keeps the session alive, and reports
 * roster changes. One thread ({@code vc-control-<name>}) reads and sends keepalives. The channel is TLS 1.3,
 * the relay verified as {@link RelayTrust} says, or plain TCP when both sides were told insecure.
 *
 * <pre>{@code
 * try (ControlClient control = ControlClient.join(relay, RelayTrust.pinned("AB:CD:..."), new Join("team", "alice", "s3cret",
 *         Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG, VideoCodec.H264)), listener, Duration.ofSeconds(5))) {
 *     JoinAccepted session = control.session();   // SSRC, media port, session key
 *     ...
 * }
 * }</pre>
 */
public final class ControlClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlClient.class.getName());

    /** Receives what the relay says after the join. Called on the control thread. */
    public interface Listener {
        /** @param participant someone joined the room */
        default void onParticipantJoined(Participant participant) {
        }

        /**
         * @param participantId who left
         * @param reason        why, for a person
         */
        default void onParticipantLeft(int participantId, String reason) {
        }

        /**
         * @param participantId whose stream
         * @param stale         true when it went silent, false when it resumed
         */
        default void onStreamState(int participantId, boolean stale) {
        }

        /** @param reason the connection to the relay ended without {@link #close()}: why */
        default void onDisconnected(String reason) {
        }
    }

    /** Redirects a join follows at most ({@link ControlMessage.Redirect}), never to a relay it was sent to already. */
    public static final int MAX_REDIRECTS = 3;

    private final Socket socket;
    private final InetSocketAddress relay;
    private final DataInputStream in;
    private final OutputStream out;
    private final JoinAccepted session;
    private final Listener listener;
    private final Map<Integer, Participant> roster = new ConcurrentHashMap<>();
    private final Thread thread;
    private final boolean insecure;
    private final long connectedNanos;
    private final long keepaliveNanos;
    private volatile int layersWanted = (1 << ControlMessage.MAX_LAYERS) - 1;
    private volatile byte[] resumeToken;
    private volatile boolean closed;
    private long lastSent;
    private long lastHeard;

    private ControlClient(Socket socket, InetSocketAddress relay, boolean insecure, long connectedNanos,
                          JoinAccepted session, Listener listener, String name) throws IOException {
        this.socket = socket;
        this.relay = relay;
        this.insecure = insecure;
        this.connectedNanos = connectedNanos;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.session = session;
        this.listener = listener;
        this.keepaliveNanos = session.keepaliveMillis() * 1_000_000L;
        session.roster().forEach(p -> roster.put(p.participantId(), p));
        socket.setSoTimeout(Math.max(50, session.keepaliveMillis() / 2));
        this.thread = new Thread(this::run, "vc-control-" + name);
        thread.setDaemon(true);
    }

    /**
     * Connects to the relay's control port and joins a room (sending {@link ControlMessage.Resume#NO_SESSION} first,
     * so that the relay issues a {@link #resumeToken()}).
     *
     * @param relay    the relay's control address (its host name is what a CA-signed certificate must name)
     * @param trust    how the relay is verified, or insecure for plain TCP
     * @param join     room, name, secret, codecs
     * @param listener receives roster changes afterwards
     * @param timeout  bound on connecting, on the TLS handshake and on waiting for the answer, each
     * @return the joined client, already keeping the session alive
     * @throws JoinRejectedException if the relay refused the join
     * @throws RelayTlsException     if the relay's certificate is not trusted, or one side speaks TLS and the
     *                               other not, or the handshake does not finish in time
     * @throws TransportException    if the relay cannot be reached or does not answer in time
     */
    public static ControlClient join(InetSocketAddress relay, RelayTrust trust, Join join, Listener listener,
                                     Duration timeout) {
        return join(relay, trust, join, listener, timeout, null);
    }

    /**
     * Like {@link #join(InetSocketAddress, RelayTrust, Join, Listener, Duration)}, asking first to resume the
     * participant a previous connection's {@link #resumeToken()} names: if the relay still knows it (its connection
     * dropped or timed out less than the relay's grace period ago, or has not been noticed gone yet), the answer
     * carries the same participant id and SSRCs; otherwise it is an ordinary join.
     *
     * <p>A relay of a cluster may answer that another relay serves the room ({@link ControlMessage.Redirect}): the
     * join then goes there, token and all, with the same trust (that relay's certificate is verified as this one's
     * would be), at most {@link #MAX_REDIRECTS} times and never back to a relay it came from; {@link #relay()} says
     * where it ended.
     *
     * @param relay       the relay's control address
     * @param trust       how the relay is verified
     * @param join        room, name, secret, codecs
     * @param listener    receives roster changes afterwards
     * @param timeout     bound on connecting, on the TLS handshake and on waiting for the answer, each
     * @param resumeToken a previous session's token, or null for a plain join
     * @return the joined client
     * @throws JoinRejectedException if the relay refused the join
     * @throws RelayTlsException     if the relay's certificate is not trusted or the handshake fails
     * @throws TransportException    if the relay cannot be reached or does not answer in time, or the redirects
     *                               loop or run past {@link #MAX_REDIRECTS}
     */
    public static ControlClient join(InetSocketAddress relay, RelayTrust trust, Join join, Listener listener,
                                     Duration timeout, byte[] resumeToken) {
        java.util.Set<InetSocketAddress> visited = new java.util.HashSet<>();
        InetSocketAddress target = relay;
        for (int redirects = 0; ; redirects++) {
            visited.add(target);
            Object answer = joinOnce(target, trust, join, listener, timeout, resumeToken);
            if (answer instanceof ControlClient joined) {
                return joined;
            }
            ControlMessage.Redirect redirect = (ControlMessage.Redirect) answer;
            InetSocketAddress next = new InetSocketAddress(redirect.host(), redirect.controlPort());
            if (redirects == MAX_REDIRECTS || visited.contains(next)) {
                throw new TransportException("relay " + target + " redirected the join to " + redirect.host() + ":"
                        + redirect.controlPort() + (visited.contains(next) ? ", where it had been already (a loop)"
                        : " after " + MAX_REDIRECTS + " redirects already") + ": the cluster's directory disagrees "
                        + "with itself; try again");
            }
            LOG.log(System.Logger.Level.INFO, "relay {0} serves room {1} elsewhere: joining via {2}:{3}", target,
                    join.room(), redirect.host(), Integer.toString(redirect.controlPort()));
            target = next;
        }
    }

    /** @return the joined client, or the {@link ControlMessage.Redirect} the relay answered with */
    private static Object joinOnce(InetSocketAddress relay, RelayTrust trust, Join join, Listener listener,
                                   Duration timeout, byte[] resumeToken) {
        Socket socket = null;
        try {
            socket = trust.connect(relay, timeout);
            long connected = System.nanoTime();
            write(socket.getOutputStream(), resumeToken != null ? new ControlMessage.Resume(resumeToken)
                    : ControlMessage.Resume.NO_SESSION);   // either way, the relay answers the join with a token
            write(socket.getOutputStream(), join);
            ControlMessage answer = read(new DataInputStream(socket.getInputStream()));
            if (answer instanceof JoinRejected rejected) {
                throw new JoinRejectedException(rejected.reason(), rejected.detail());
            }
            if (answer instanceof ControlMessage.Redirect redirect) {
                closeQuietly(socket);
                return redirect;
            }
            if (!(answer instanceof JoinAccepted accepted)) {
                throw new TransportException("relay answered the join with " + answer);
            }
            ControlClient client = new ControlClient(socket, relay, trust.isInsecure(), connected, accepted, listener,
                    join.displayName());
            client.thread.start();
            return client;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new TransportException("relay " + relay + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (EOFException e) {
            closeQuietly(socket);
            throw new TransportException("relay " + relay + " closed the connection without answering the join", e);
        } catch (IOException | MalformedMessageException e) {
            closeQuietly(socket);
            throw new TransportException("cannot join via relay " + relay + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /**
     * @return the control address of the relay this client joined: the one it was asked to join, or the relay of
     *         the cluster that one redirected it to ({@link ControlMessage.Redirect}); its media goes to that host
     */
    public InetSocketAddress relay() {
        return relay;
    }

    /** @return what the relay granted: participant id, SSRC, media port, session key */
    public JoinAccepted session() {
        return session;
    }

    /**
     * @return when the connection was up ({@link System#nanoTime()}): TCP connected and, over TLS, the handshake
     *         done (the relay verified), just before the join was sent; for measuring a join
     */
    public long connectedNanos() {
        return connectedNanos;
    }

    /** @return true when the channel is plain TCP ({@link RelayTrust#insecure()}): secrets and keys went in clear */
    public boolean insecure() {
        return insecure;
    }

    /**
     * @return the token with which a later connection may resume this participant ({@link ControlMessage.Resume}),
     *         or null until the relay sent one (right after the join answer); a secret, not to be logged
     */
    public byte[] resumeToken() {
        byte[] token = resumeToken;
        return token == null ? null : token.clone();
    }

    /** @return the other participants in the room now */
    public List<Participant> roster() {
        return List.copyOf(roster.values());
    }

    /**
     * Tells the relay at what size this client shows a participant's video ({@link ControlMessage.ViewSize}).
     * Writes a few bytes on the caller's thread; a failed write is
     * told by the result, not thrown.
     *
     * @param participantId whose video
     * @param width         device pixels, 0..65535 (0 with a height of 0: not shown)
     * @param height        device pixels, 0..65535
     * @return true if it was written; false if the connection is closed or the write failed
     * @throws IllegalArgumentException if the size is out of range
     */
    public boolean sendViewSize(int participantId, int width, int height) {
        ControlMessage.ViewSize message = new ControlMessage.ViewSize(participantId, width, height);
        if (closed) {
            return false;
        }
        try {
            send(message);
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send a view size to the relay: {0}", e.getMessage());
            return false;
        }
    }

    /**
     * Which of the client's simulcast layers the relay forwards to anyone, from its latest
     * {@link ControlMessage.LayersWanted}; before the first one, all of them. Any thread.
     *
     * @return the mask, bit {@code k} set when layer {@code k} is wanted
     */
    public int layersWanted() {
        return layersWanted;
    }

    private void run() {
        lastSent = System.nanoTime();
        lastHeard = lastSent;
        String reason = "relay closed the connection";
        try {
            while (!closed) {
                try {
                    dispatch(read(in));
                    lastHeard = System.nanoTime();
                } catch (SocketTimeoutException idle) {
                    if (System.nanoTime() - lastHeard > 3 * keepaliveNanos) {
                        reason = "relay silent for " + 3 * session.keepaliveMillis() + " ms";
                        break;
                    }
                }
                if (System.nanoTime() - lastSent >= keepaliveNanos) {
                    send(new ControlMessage.Keepalive());
                }
            }
        } catch (EOFException e) {
            reason = "relay closed the connection";
        } catch (IOException | MalformedMessageException e) {
            reason = "control connection failed: " + e.getMessage();
        }
        if (!closed) {
            LOG.log(System.Logger.Level.WARNING, "disconnected from relay: {0}", reason);
            closeQuietly(socket);
            listener.onDisconnected(reason);
        }
    }

    private void dispatch(ControlMessage message) {
        if (message instanceof ControlMessage.ParticipantJoined joined) {
            roster.put(joined.participant().participantId(), joined.participant());
            listener.onParticipantJoined(joined.participant());
        } else if (message instanceof ControlMessage.ParticipantLeft left) {
            roster.remove(left.participantId());
            listener.onParticipantLeft(left.participantId(), left.reason());
        } else if (message instanceof ControlMessage.StreamState state) {
            listener.onStreamState(state.participantId(), state.stale());
        } else if (message instanceof ControlMessage.ResumeToken token) {
            resumeToken = token.token();
        } else if (message instanceof ControlMessage.LayersWanted wanted) {
            layersWanted = wanted.mask();
        } else if (!(message instanceof ControlMessage.Keepalive)) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring unexpected {0}", message);
        }
    }

    private synchronized void send(ControlMessage message) throws IOException {
        write(out, message);
        lastSent = System.nanoTime();
    }

    private static void write(OutputStream out, ControlMessage message) throws IOException {
        ByteBuffer frame = ControlCodec.encode(message);
        out.write(frame.array(), 0, frame.limit());
        out.flush();
    }

    private static ControlMessage read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 2 || length > ControlCodec.MAX_FRAME) {
            throw new MalformedMessageException("frame length " + length + " outside 2.." + ControlCodec.MAX_FRAME);
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return ControlCodec.decode(ByteBuffer.wrap(frame));
    }

    /** Says goodbye to the relay (best effort) and closes the connection. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            send(new ControlMessage.Leave());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not say goodbye to the relay", e);
        }
        closeQuietly(socket);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
