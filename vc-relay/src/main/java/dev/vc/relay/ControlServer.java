package dev.vc.relay;

import dev.vc.api.control.ControlCodec;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.api.control.ControlMessage.JoinRejected;
import dev.vc.api.control.ControlMessage.RejectReason;
import dev.vc.api.control.MalformedMessageException;
import dev.vc.api.control.UnsupportedVersionException;

import dev.vc.relay.placement.Placement;
import dev.vc.relay.placement.RoomPlacement;
import dev.vc.relay.tls.RelayIdentity;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The relay's control channel: one thread ({@code vc-relay-control}) and a selector for every client, each
 * connection TLS 1.3 ({@link TlsControlChannel}, the handshake on this thread too) or, in insecure mode, plain
 * TCP ({@link PlainControlChannel}). A client that does not finish its handshake in time, sends what TLS refuses
 * or speaks the other protocol is closed and counted by reason in the {@link ConnectionGate}.
 * It admits joins through the {@link RoomDirectory}, relays roster changes, exchanges keepalives, removes
 * clients that go silent, reports streams that go stale, records the sizes clients show their room-mates at
 * ({@code VIEW_SIZE}, in {@link Member#viewSizes}) and tells senders which of their layers are wanted
 * ({@link LayersWantedNotifier}).
 */
final class ControlServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlServer.class.getName());
    private static final long TICK_MILLIS = 100;

    private final RelaySettings settings;
    private final RoomDirectory directory;
    private final JoinLimiter joinLimiter;
    private final ConnectionGate gate;
    private final long joinTimeoutNanos;
    private final long handshakeTimeoutNanos;
    /** The TLS server context, or null in insecure mode. */
    private final SSLContext tls;
    /** Plaintext read from any connection, before its frame buffer: one TLS record's worth, shared. */
    private final ByteBuffer scratch;
    private SelectionKey serverKey;
    /** While accept is paused after a failure (out of descriptors): when to resume; 0 when not paused. */
    private long acceptPausedUntil;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final Thread thread;
    private final List<ControlConnection> connections = new ArrayList<>();
    /** Trunk connections this relay is making, with when each started (bounded by the rooms times their relays). */
    private final java.util.Map<SelectionKey, Long> dialing = new java.util.HashMap<>();
    private java.util.function.LongConsumer onTick = now -> { };
    private java.util.function.BiConsumer<String, List<Placement.Relay>> spanning = (room, relays) -> { };
    private final long keepaliveNanos;
    private final long timeoutNanos;
    private final long staleNanos;
    private long nextKeepalive;
    private long lastRateSample;
    private volatile long joinsRejected;
    /** Members removed because their DTLS-SRTP handshake failed or timed out (control thread writes). */
    private volatile long mediaHandshakesFailed;
    private volatile long viewSizesIgnored;
    private final LayersWantedNotifier layersWanted = new LayersWantedNotifier();
    /** The cluster's placement of new rooms, or null for a relay that stands alone; set before the thread starts. */
    private RoomPlacement placement;
    private volatile int connectionCount;
    /** Work other threads hand the control thread (ingress joins and leaves, the operator API's kicks). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * @param identity the certificate to present, or null for plain TCP (insecure mode)
     */
    ControlServer(RelaySettings settings, RoomDirectory directory, RelayIdentity identity) throws IOException {
        this.settings = settings;
        this.tls = identity == null ? null : identity.serverContext();
        this.scratch = ByteBuffer.allocate(tls == null ? 16_384
                : tls.createSSLEngine().getSession().getApplicationBufferSize());
        this.handshakeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.tlsHandshakeTimeoutMillis());
        this.directory = directory;
        this.joinLimiter = new JoinLimiter(settings.joinAttemptsPerMinute(), 4_096);
        this.keepaliveNanos = TimeUnit.MILLISECONDS.toNanos(settings.keepaliveMillis());
        this.timeoutNanos = 3 * keepaliveNanos;
        this.staleNanos = TimeUnit.MILLISECONDS.toNanos(settings.staleMillis());
        this.gate = new ConnectionGate(settings.maxConnections(), settings.maxConnectionsPerAddress());
        this.joinTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.joinTimeoutMillis());
        // The JDK sets up what closes sockets (sun.nio.ch.FileDispatcherImpl, which takes a descriptor of its own)
        // on the first close. Were that first close to happen while descriptors have run out, the setup would fail
        // for good and no connection could ever be closed again: do it now, while descriptors are free.
        SocketChannel.open().close();
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            bindControl(settings.controlAddress());
            server.configureBlocking(false);
            serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            server.close();
            selector.close();
            throw e;
        }
        this.thread = new Thread(this::run, "vc-relay-control");
        thread.setDaemon(true);
    }

    private void bindControl(InetSocketAddress address) throws IOException {
        try {
            server.bind(address);
        } catch (BindException e) {
            throw new PortInUseException("control", address, e);
        }
    }

    /** Runs each tick of the control thread (about every {@value #TICK_MILLIS} ms); set before {@link #start()}. */
    void onTick(java.util.function.LongConsumer task) {
        this.onTick = task;
    }

    /**
     * Hears that a room spans relays from now on: the cluster placed a join here too, and this relay is to open a trunk
     * for the room to each relay that served it before; set before {@link #start()}.
     */
    void onSpanning(java.util.function.BiConsumer<String, List<Placement.Relay>> opener) {
        this.spanning = opener;
    }

    /** Makes joins of rooms this relay does not serve ask the cluster first; before {@link #start()}. */
    void placement(RoomPlacement placement) {
        this.placement = placement;
    }

    void start() {
        thread.start();
    }

    /** @return true while the control thread runs */
    boolean alive() {
        return thread.isAlive();
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    long joinsRejected() {
        return joinsRejected;
    }

    /** @return members removed because their media handshake failed or timed out */
    long mediaHandshakesFailed() {
        return mediaHandshakesFailed;
    }

    int connections() {
        return connectionCount;
    }

    ConnectionGate gate() {
        return gate;
    }

    /** @return {@code VIEW_SIZE} messages ignored: naming no room-mate of the sender */
    long viewSizesIgnored() {
        return viewSizesIgnored;
    }

    /**
     * Runs {@code task} on the control thread (which owns the rooms), soon; any thread.
     *
     * @param task what to run
     */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** @return {@code LAYERS_WANTED} messages sent */
    long layersWantedSent() {
        return layersWanted.sent();
    }

    private void run() {
        nextKeepalive = System.nanoTime() + keepaliveNanos;
        lastRateSample = System.nanoTime();
        try {
            while (server.isOpen()) {
                selector.select(TICK_MILLIS);
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        handle(key);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.DEBUG, "control key failed", e);  // one connection, not the thread
                    }
                }
                selector.selectedKeys().clear();
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
                tick(System.nanoTime());
            }
        } catch (ClosedSelectorException | IOException e) {
            if (server.isOpen()) {
                LOG.log(System.Logger.Level.ERROR, "control thread failed", e);
            }
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        if (key.isConnectable()) {
            // Only a trunk's connection is ever connected here. No instanceof on every key: that would load
            // OutgoingTrunk at the first client's message, which may come while descriptors have run out (a class
            // file cannot then be opened, and the control thread would die of it).
            connected(key, (OutgoingTrunk) key.attachment());
            return;
        }
        ControlConnection connection = (ControlConnection) key.attachment();
        try {
            if (key.isReadable() && !connection.read()) {
                // End of stream without LEAVE: the client's process or network went away.
                drop(connection, connection.closing ? "left" : "connection lost");
                return;
            }
            if (key.isValid() && key.isWritable()) {
                connection.flush();
            }
            if (connection.closing && connection.drained()) {
                drop(connection, "left");
            }
        } catch (UnsupportedVersionException e) {
            reject(connection, RejectReason.UNSUPPORTED_VERSION, e.getMessage());
        } catch (MalformedMessageException e) {
            reject(connection, RejectReason.BAD_REQUEST, e.getMessage());
        } catch (ProtocolMismatchException e) {
            refuseMismatch(connection, e.reason());
        } catch (SSLException e) {
            LOG.log(System.Logger.Level.DEBUG, "TLS with {0} failed: {1}", connection.remote(), e.getMessage());
            gate.count(ConnectionGate.Closed.TLS_FAILED);
            drop(connection, "connection lost");
        } catch (IOException e) {
            drop(connection, "connection lost");
        }
    }

    /**
     * A client speaking the other protocol: it is told in plain control frames (which a TLS client's handshake
     * reads as "not TLS" at once, and a plain client as a rejection), counted, and closed.
     */
    private void refuseMismatch(ControlConnection connection, ConnectionGate.Closed reason) {
        gate.count(reason);
        if (reason != ConnectionGate.Closed.GARBAGE) {
            String detail = reason == ConnectionGate.Closed.PLAIN_ON_TLS
                    ? "this relay's control channel is TLS: join without vc.relay.insecure"
                    : "this relay's control channel is plain TCP (insecure mode): join with vc.relay.insecure=true";
            try {
                connection.socket.write(ControlCodec.encode(new JoinRejected(RejectReason.BAD_REQUEST, detail)));
            } catch (IOException e) {
                // it goes anyway
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "control connection from {0} closed: {1}", connection.remote(), reason);
        drop(connection, "connection lost");
    }

    /** @return the channel of a new connection: TLS, or plain TCP in insecure mode */
    private ControlChannel openChannel(SocketChannel socket, ControlChannel.Sink sink) {
        if (tls == null) {
            return new PlainControlChannel(socket, scratch, sink);
        }
        SSLEngine engine = tls.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(new String[] {"TLSv1.3"});
        return new TlsControlChannel(socket, engine, scratch, sink);
    }

    private void accept() throws IOException {
        SocketChannel channel;
        try {
            channel = server.accept();
        } catch (IOException e) {
            // Typically out of file descriptors: the pending connection stays in the backlog and the selector
            // would report it again at once. Stop selecting for accept a while instead of spinning.
            long pause = gate.acceptFailed();
            acceptPausedUntil = System.nanoTime() + pause;
            serverKey.interestOps(0);
            if (gate.acceptFailures() == 1 || pause == ConnectionGate.MAX_BACKOFF_NANOS) {
                LOG.log(System.Logger.Level.WARNING, "cannot accept control connections ({0}); pausing {1} ms",
                        e.getMessage(), Long.toString(pause / 1_000_000));
            }
            return;
        }
        if (channel == null) {
            return;
        }
        gate.acceptSucceeded();
        java.net.InetAddress from;
        try {
            from = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
        } catch (IOException e) {
            channel.close();
            return;
        }
        if (gate.admit(from) != null) {
            channel.close();  // over a bound: closed at once, counted by the gate
            return;
        }
        try {
            register(channel, from);
        } catch (IOException e) {
            gate.release(from);
            channel.close();
        }
    }

    /**
     * Any thread: opens a control connection to another relay for a trunk, on this thread and without blocking it:
     * connected, verified as {@link OutgoingTrunk#trust()} says, then driven like every accepted connection. Its
     * listener hears the answer, and the end however it comes (refused, unreachable, timed out, closed).
     *
     * @param trunk where to, what to ask, who hears the outcome
     */
    void openTrunk(OutgoingTrunk trunk) {
        execute(() -> dial(trunk));
    }

    /** Control thread: starts connecting; the selector reports the connection made or failed. */
    private void dial(OutgoingTrunk trunk) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            channel.connect(trunk.peer());
            dialing.put(channel.register(selector, SelectionKey.OP_CONNECT, trunk), System.nanoTime());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            trunk.listener().ended("cannot connect: " + e.getMessage(), false);
        }
    }

    /** Control thread: a trunk's connection is made (or failed): it is driven as a connection from now on. */
    private void connected(SelectionKey key, OutgoingTrunk trunk) {
        Long started = dialing.remove(key);
        SocketChannel channel = (SocketChannel) key.channel();
        ControlConnection connection;
        try {
            if (!channel.finishConnect()) {
                dialing.put(key, started != null ? started : System.nanoTime());
                return;
            }
            key.interestOps(SelectionKey.OP_READ);
            connection = new ControlConnection(channel, key, settings.maxControlMessageBytes(),
                    (socket, sink) -> trunk.trust().isInsecure() ? new PlainControlChannel(socket, scratch, sink)
                            : new TlsControlChannel(socket, trunk.trust().clientEngine(trunk.peer()), scratch, sink),
                    this::onMessage);
        } catch (IOException | RuntimeException e) {
            key.cancel();
            closeQuietly(channel);
            trunk.listener().ended("cannot connect: " + e.getMessage(), false);
            return;
        }
        connection.outgoing = trunk;
        connection.acceptedNanos = System.nanoTime();
        connection.establishedNanos = connection.acceptedNanos;
        key.attach(connection);
        connections.add(connection);
        connectionCount = connections.size();
        connection.send(trunk.request());
        try {
            connection.flush();
        } catch (IOException e) {
            drop(connection, "connection lost");
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Control thread: the other relay's answer to a trunk this relay asked for. */
    private void onTrunkAnswer(ControlConnection connection, ControlMessage message) {
        OutgoingTrunk trunk = connection.outgoing;
        if (message instanceof ControlMessage.JoinAccepted accepted) {
            Member member = trunk.listener().accepted(connection, accepted);
            if (member != null) {
                connection.member = member;
                member.lastControlNanos = System.nanoTime();
                return;
            }
            connection.end();
            endTrunk(connection, "not wanted here any more", true);
        } else {
            connection.closing = true;
            endTrunk(connection, "the other relay answered " + message, true);
        }
    }

    /** Control thread: tells a trunk's listener once that its connection ended. */
    private static void endTrunk(ControlConnection connection, String reason, boolean refused) {
        OutgoingTrunk trunk = connection.outgoing;
        if (trunk != null) {
            connection.outgoing = null;
            trunk.listener().ended(reason, refused);
        }
    }

    private void register(SocketChannel channel, java.net.InetAddress from) throws IOException {
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
        ControlConnection connection = new ControlConnection(channel, key, settings.maxControlMessageBytes(),
                this::openChannel, this::onMessage);
        connection.acceptedNanos = System.nanoTime();
        connection.establishedNanos = connection.acceptedNanos;
        connection.from = from;
        key.attach(connection);
        connections.add(connection);
        connectionCount = connections.size();
    }

    private void onMessage(ControlConnection connection, ControlMessage message) {
        if (connection.closing) {
            return;   // rejected or left: whatever else it sent is not read
        }
        long now = System.nanoTime();
        Member member = connection.member;
        if (member != null) {
            member.lastControlNanos = now;
        }
        if (member == null && connection.outgoing != null) {
            onTrunkAnswer(connection, message);
        } else if (member != null && member.trunk != null) {
            onTrunkMessage(connection, member, message, now);
        } else if (message instanceof ControlMessage.Trunk trunk) {
            if (member != null || connection.placing) {
                reject(connection, RejectReason.BAD_REQUEST, "already joined");
            } else if (!joinLimiter.tryAcquire(connection.remote().getAddress(), now)) {
                reject(connection, RejectReason.RATE_LIMITED, "too many join attempts; try again in a minute");
            } else {
                admitTrunk(connection, trunk, now);
            }
        } else if (message instanceof Join join) {
            if (member != null || connection.placing) {
                reject(connection, RejectReason.BAD_REQUEST, member != null ? "already joined" : "already joining");
            } else if (!joinLimiter.tryAcquire(connection.remote().getAddress(), now)) {
                reject(connection, RejectReason.RATE_LIMITED, "too many join attempts; try again in a minute");
            } else if (placement != null && (!directory.serves(join.room())
                    || directory.localSize(join.room()) >= settings.maxParticipantsPerRoom())) {
                awaitPlacement(connection, join);
            } else {
                admit(connection, join, now);
            }
        } else if (message instanceof ControlMessage.Leave) {
            connection.closing = true;
            if (member != null) {
                directory.leave(member, "left");
            }
        } else if (message instanceof ControlMessage.Resume resume && member == null) {
            connection.resumeToken = resume.token();   // for the JOIN that follows
        } else if (message instanceof ControlMessage.Keepalive) {
            // lastControlNanos is updated above
            return;
        } else if (message instanceof ControlMessage.ViewSize view && member != null) {
            onViewSize(member, view);
        } else {
            reject(connection, RejectReason.BAD_REQUEST, "unexpected " + message.getClass().getSimpleName());
        }
    }

    /** Admits or refuses another relay's trunk through the directory, and answers it. */
    private void admitTrunk(ControlConnection connection, ControlMessage.Trunk trunk, long now) {
        RoomDirectory.JoinResult result = directory.joinTrunk(trunk, connection, now);
        connection.member = result.member();
        connection.send(result.reply());
        if (result.reply() instanceof JoinRejected rejected) {
            rejected(connection, rejected, "trunk for '" + trunk.room() + "'");
        }
    }

    /** Counts a join or trunk refused by the directory (its answer sent already) and closes the connection. */
    private void rejected(ControlConnection connection, JoinRejected rejected, String what) {
        joinsRejected++;
        directory.totals.rejected(rejected.reason());
        LOG.log(System.Logger.Level.INFO, "{0} from {1} rejected: {2}", what, connection.remote(), rejected.detail());
        connection.closing = true;
    }

    /**
     * A message over a trunk (either end): the other relay's participants joining and leaving, the sizes its receivers
     * show this relay's participants at ({@code VIEW_SIZE}, {@link TrunkViewSizes}), keepalives, its leave.
     * Anything else is refused like a participant's unexpected message.
     */
    void onTrunkMessage(ControlPeer connection, Member trunk, ControlMessage message, long now) {
        trunk.lastControlNanos = now;
        if (message instanceof ControlMessage.ParticipantJoined joined) {
            directory.addRemote(trunk, joined.participant(), now);
        } else if (message instanceof ControlMessage.ParticipantLeft left) {
            directory.removeRemote(trunk, left.participantId(), left.reason());
        } else if (message instanceof ControlMessage.Leave) {
            directory.leave(trunk, "trunk closed");
            connection.end();
        } else if (message instanceof ControlMessage.ViewSize view) {
            onTrunkViewSize(trunk, view);
        } else if (!(message instanceof ControlMessage.Keepalive || message instanceof ControlMessage.StreamState
                || message instanceof ControlMessage.LayersWanted)) {
            trunk.trunk.announcementsRefused.increment();
        }
    }

    /** Admits or refuses a join through the directory, and answers it. */
    private void admit(ControlConnection connection, Join join, long now) {
        boolean tokenAsked = connection.resumeToken != null;   // a client without RESUME gets no token
        RoomDirectory.JoinResult result = directory.join(join, connection.resumeToken, connection, now);
        connection.resumeToken = null;
        if (result.replaced() != null) {
            retire(result.replaced());
        }
        connection.member = result.member();
        if (result.member() != null) {
            // Key generation can take a while on a cold JVM: the keepalive clock starts after it.
            result.member().lastControlNanos = System.nanoTime();
        }
        connection.send(result.reply());
        if (result.member() != null) {
            directory.totals.joined();
        }
        if (result.resumeToken() != null && tokenAsked) {
            connection.send(new ControlMessage.ResumeToken(result.resumeToken()));
        }
        if (result.reply() instanceof JoinRejected rejected) {
            rejected(connection, rejected, "join of '" + join.displayName() + "'");
        }
    }

    /**
     * A join of a room this relay does not serve, in a cluster: asks the placement where the room goes and finishes
     * the join on this thread when it answers (meanwhile the connection waits, and this thread goes on).
     */
    private void awaitPlacement(ControlConnection connection, Join join) {
        connection.placing = true;
        placement.place(join.room(), directory.localSize(join.room())).whenComplete((decision, failure) ->
                execute(() -> placed(connection, join, failure != null
                        ? new Placement.Refuse(false, "the cluster could not place the room") : decision)));
    }

    /** Control thread: the cluster's answer to a waiting join. */
    private void placed(ControlConnection connection, Join join, Placement decision) {
        connection.placing = false;
        if (connection.closing || !connections.contains(connection)) {
            return;   // the client went away meanwhile
        }
        if (decision instanceof Placement.Redirect to) {
            connection.send(new ControlMessage.Redirect(to.host(), to.controlPort()));
            connection.closing = true;
            LOG.log(System.Logger.Level.INFO, "join of ''{0}'' from {1}: room served by relay {2}, redirected",
                    join.displayName(), connection.remote(), to.relayId());
        } else if (decision instanceof Placement.Refuse refused) {
            reject(connection, refused.full() ? RejectReason.SERVER_FULL : RejectReason.CLUSTER_UNAVAILABLE,
                    refused.detail());
        } else {
            admit(connection, join, System.nanoTime());
            if (decision instanceof Placement.ServeToo too && connection.member != null) {
                spanning.accept(join.room(), too.others());
            }
        }
    }

    /**
     * Keeps the size the other relay's receivers show one of this relay's own participants at, as the trunk's view of
     * it ({@link TrunkViewSizes}); one naming anyone else is ignored and counted.
     */
    private void onTrunkViewSize(Member trunk, ControlMessage.ViewSize view) {
        Member shown = directory.byId(view.participantId());
        if (shown == null || !shown.local() || shown.room != trunk.room
                || !trunk.viewSizes.put(shown.id, view.width(), view.height())) {
            viewSizesIgnored++;
        }
    }

    /** Keeps the size {@code member} shows a room-mate at; one naming anyone else is ignored and counted. */
    private void onViewSize(Member member, ControlMessage.ViewSize view) {
        Member shown = directory.byId(view.participantId());
        if (shown == null || shown == member || shown.room != member.room
                || !member.viewSizes.put(shown.id, view.width(), view.height())) {
            viewSizesIgnored++;
        }
    }

    /** Closes the old connection of a member that resumed on a new one (the directory already removed it). */
    private void retire(Member replaced) {
        for (ControlConnection old : List.copyOf(connections)) {
            if (old.member == replaced) {
                old.member = null;
                drop(old, "resumed");
            }
        }
    }

    private void reject(ControlConnection connection, RejectReason reason, String detail) {
        joinsRejected++;
        directory.totals.rejected(reason);
        connection.send(new JoinRejected(reason, detail.length() > 200 ? detail.substring(0, 200) : detail));
        connection.closing = true;
        try {
            connection.flush();
        } catch (IOException e) {
            drop(connection, "connection lost");
        }
    }

    private void drop(ControlConnection connection, String reason) {
        if (connection.member != null) {
            directory.leave(connection.member, reason);
            connection.member = null;
        }
        connection.close();
        if (connections.remove(connection) && connection.from != null) {
            gate.release(connection.from);
        }
        connectionCount = connections.size();
        endTrunk(connection, reason, false);
    }

    /**
     * Any thread: removes the member with id {@code id} from its room on the control thread, as if it had left (its
     * room-mates are told {@code PARTICIPANT_LEFT} with {@code reason}, its media binding and session key are gone, so
     * its hellos and media are refused), and closes its control connection once what was queued for it is sent.
     * Rejoining takes a new join, which gets a new session.
     *
     * @param id     the member's id
     * @param reason what its room-mates are told
     * @return completes with the removed member's name and room, or null if no member has that id
     */
    java.util.concurrent.CompletableFuture<String> remove(int id, String reason) {
        java.util.concurrent.CompletableFuture<String> done = new java.util.concurrent.CompletableFuture<>();
        tasks.add(() -> {
            for (ControlConnection connection : connections) {
                Member member = connection.member;
                if (member != null && member.id == id) {
                    directory.leave(member, reason);
                    connection.member = null;
                    connection.closing = true;
                    done.complete(member.toString());
                    return;
                }
            }
            done.complete(null);
        });
        selector.wakeup();
        return done;
    }

    /** Keepalives out, silent clients out, stale streams reported, bitrates sampled each second. */
    private void tick(long now) {
        for (var pending = dialing.entrySet().iterator(); pending.hasNext(); ) {
            var dial = pending.next();
            if (now - dial.getValue() > handshakeTimeoutNanos) {
                pending.remove();
                dial.getKey().cancel();
                closeQuietly((SocketChannel) dial.getKey().channel());
                ((OutgoingTrunk) dial.getKey().attachment()).listener().ended("no connection in time", false);
            }
        }
        onTick.accept(now);
        if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0) {
            acceptPausedUntil = 0;
            serverKey.interestOps(SelectionKey.OP_ACCEPT);
        }
        if (now - lastRateSample >= 1_000_000_000L) {
            sampleBitrates(now - lastRateSample);
            lastRateSample = now;
        }
        boolean sendKeepalive = now - nextKeepalive >= 0;
        if (sendKeepalive) {
            nextKeepalive = now + keepaliveNanos;
        }
        for (ControlConnection connection : List.copyOf(connections)) {
            Member member = connection.member;
            if (connection.closing && connection.drained()) {
                drop(connection, "left");
                continue;
            }
            if (member == null && connection.outgoing != null) {
                if (now - connection.acceptedNanos > handshakeTimeoutNanos + joinTimeoutNanos) {
                    drop(connection, "no answer in time");
                }
                continue;
            }
            if (member == null) {
                if (!connection.channel.established()) {
                    if (now - connection.acceptedNanos > handshakeTimeoutNanos) {
                        gate.count(ConnectionGate.Closed.TLS_HANDSHAKE_TIMEOUT);
                        drop(connection, "no handshake");
                    }
                } else if (!connection.placing && now - connection.establishedNanos > joinTimeoutNanos) {
                    gate.count(ConnectionGate.Closed.JOIN_TIMEOUT);
                    drop(connection, "no join");
                }
                continue;
            }
            if (now - member.lastControlNanos > timeoutNanos) {
                drop(connection, "timed out");
                continue;
            }
            MemberSrtp srtp = member.srtp;
            if (srtp != null && srtp.failure != null) {
                mediaHandshakesFailed++;
                LOG.log(System.Logger.Level.INFO, "{0}: media handshake failed: {1}", member, srtp.failure);
                drop(connection, "media handshake failed");
                continue;
            }
            if (sendKeepalive) {
                connection.send(new ControlMessage.Keepalive());
            }
            layersWanted.tell(member);
            if (member.trunk != null) {
                member.trunk.views.tell(member, now);
            }
            reportStaleness(member, now);
        }
    }

    private void sampleBitrates(long elapsedNanos) {
        for (Member member : directory.members()) {
            long bytes = member.bytesIn.sum();
            member.bitrateIn = (bytes - member.bytesInAtLastSample) * 8 * 1_000_000_000L / elapsedNanos;
            member.bytesInAtLastSample = bytes;
        }
    }

    private void reportStaleness(Member member, long now) {
        long last = member.lastMediaNanos;
        // A sender none of whose layers anyone wants was asked to pause: its silence is not staleness.
        boolean stale = last != 0 && now - last > staleNanos && member.layersWanted != 0;
        if (stale != member.reportedStale) {
            member.reportedStale = stale;
            for (Member other : member.room.snapshot()) {
                if (other != member) {
                    other.connection.send(new ControlMessage.StreamState(member.id, stale));
                }
            }
            LOG.log(System.Logger.Level.INFO, "stream of {0} is {1}", member, stale ? "stale" : "active again");
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            selector.wakeup();
            thread.join(2_000);
            for (ControlConnection c : connections) {
                c.close();
            }
            for (SelectionKey dial : dialing.keySet()) {
                closeQuietly((SocketChannel) dial.channel());
            }
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "error closing control channel", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
