package dev.vc.relay;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * The relay's media port: one thread ({@code vc-relay-media}), one shared non-blocking UDP socket that
 * receives hellos and anything from unbound addresses, a connected socket per bound participant when
 * {@link RelaySettings#socketPerParticipant()} (see {@link ParticipantSockets}), and one reused MTU-sized
 * buffer. Each datagram goes to the {@link MediaRouter}, whose decisions this class sends, through the
 * receiver's own socket when it has one.
 */
final class MediaRelay implements AutoCloseable, MediaRouter.BufferOutput {
    private static final System.Logger LOG = System.getLogger(MediaRelay.class.getName());
    private static final long SELECT_MILLIS = 250;
    /** How often the media thread wakes while a probe cluster is in flight or a pacer holds packets. */
    private static final long PACING_MILLIS = 1;

    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress localAddress;
    private final byte[] packet;
    private final ByteBuffer buffer;
    private final MediaRouter router;
    private final Thread thread;
    private final ParticipantSockets sockets;
    /** Drains whichever socket the selector found readable; one instance, so selecting allocates nothing. */
    private final Consumer<SelectionKey> onReadable = this::onReadable;
    private final ParticipantSockets.StrayHandler onStray = this::onStray;
    private final FailureLog roundFailures = new FailureLog(LOG, "a round of the media thread");
    /** Views of the router's few send buffers (replies, feedback, retransmissions), each wrapped once. */
    private final ByteBuffer[] outViews = new ByteBuffer[8];
    private int nextEvicted;
    /** Work other threads hand the media thread (ingress sockets, ingress members bound), run after each select. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Called after each select with {@link System#nanoTime()} (the ingresses' staleness). */
    private volatile java.util.function.LongConsumer onRound = now -> { };

    MediaRelay(RelaySettings settings, RoomDirectory directory) throws IOException {
        this(settings, directory, null);
    }

    /** @param keying the relay's DTLS-SRTP side; null when media is plain RTP */
    MediaRelay(RelaySettings settings, RoomDirectory directory, MediaKeying keying) throws IOException {
        // One byte more than the MTU, so an oversized datagram is seen as such rather than silently truncated.
        this.packet = new byte[settings.mtu() + 1];
        this.buffer = ByteBuffer.wrap(packet);
        MediaRouter.Output output = keying == null ? this : new SrtpOutput(this, settings.mtu());  // all protected
        this.router = new MediaRouter(directory, settings.mtu(), output, settings.maxParticipantsPerRoom(), keying,
                this::sendDtls);
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferBytes());
            // Member sockets bind the same port; SO_REUSEADDR must be on every socket that shares it.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, settings.socketPerParticipant());
            bind(settings);
            channel.configureBlocking(false);
            this.selector = Selector.open();
            router.wakeOnKeys(selector::wakeup);
            channel.register(selector, SelectionKey.OP_READ);
            this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        int granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
        if (granted < settings.receiveBufferBytes()) {
            LOG.log(System.Logger.Level.INFO, "media receive buffer: asked {0} bytes, the kernel granted {1}"
                    + " (raise net.core.rmem_max for more)", settings.receiveBufferBytes(), granted);
        }
        this.sockets = new ParticipantSockets(localAddress, settings.receiveBufferBytes(), selector, directory, buffer);
        if (settings.socketPerParticipant()) {
            directory.listener(sockets);
        }
        this.thread = new Thread(this::run, "vc-relay-media");
        thread.setDaemon(true);
    }

    /** Binds the media port, refusing one another socket holds ({@link PortInUseException}). */
    private void bind(RelaySettings settings) throws IOException {
        if (!settings.socketPerParticipant()) {
            try {
                channel.bind(settings.mediaAddress());
            } catch (BindException e) {
                throw new PortInUseException("media", settings.mediaAddress(), e);
            }
            return;
        }
        InetSocketAddress claimed = MediaPortClaim.claim(settings.mediaAddress());
        try {
            channel.bind(claimed);
        } catch (BindException e) {
            throw new PortInUseException("media", claimed, e);
        }
    }

    void start() {
        thread.start();
    }

    InetSocketAddress address() {
        return localAddress;
    }

    MediaRouter router() {
        return router;
    }

    /**
     * Runs {@code task} on the media thread, soon; any thread. Tasks given after {@link #close} never run.
     *
     * @param task what to run
     */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** @param onRound called on the media thread after each select with {@link System#nanoTime()}; set before start */
    void onRound(java.util.function.LongConsumer onRound) {
        this.onRound = onRound;
    }

    /** @return the media thread's selector, for sockets it reads (registered on the media thread) */
    Selector selector() {
        return selector;
    }

    /** @return the array the media thread receives into (its whole length is one datagram's room); media thread */
    byte[] receiveArray() {
        return packet;
    }

    /** @return whether the media thread is still running */
    boolean running() {
        return thread.isAlive();
    }

    private void run() {
        try {
            while (channel.isOpen()) {
                try {
                    serveOnce();
                } catch (RuntimeException bug) {          // a round's work failed: the next round goes on
                    roundFailures.failed(bug, System.nanoTime());
                }
            }
        } catch (ClosedChannelException closed) {
            // close() was called: normal end.
        } catch (IOException e) {
            if (channel.isOpen()) {
                LOG.log(System.Logger.Level.ERROR, "relay media thread failed", e);
            }
        }
    }

    /** One round: the datagrams that came, then the work handed over and what is due (keys, egress, probes, trunks). */
    private void serveOnce() throws IOException {
        // The Consumer form adds nothing to selectedKeys(), so waking up allocates no set entry.
        selector.select(onReadable, router.pacing() ? PACING_MILLIS : SELECT_MILLIS);
        sockets.apply(onStray);
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
        long now = System.nanoTime();
        router.applyKeyed(now);
        router.egress().apply(now);
        router.pumpPaced(now);
        router.keepTrunks(now);
        onRound.accept(now);
    }

    private void onReadable(SelectionKey key) {
        try {
            if (key.attachment() instanceof Member member) {
                drainMemberSocket(member, (DatagramChannel) key.channel());
            } else if (key.attachment() instanceof Ingress ingress) {
                ingress.drain(buffer, packet);
            } else {
                drainSharedSocket();
            }
        } catch (ClosedChannelException closed) {
            // A member socket closed by a departure or rebinding, or the relay closing: nothing to read.
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "media receive failed", e);
        }
    }

    private void drainSharedSocket() throws IOException {
        while (true) {
            buffer.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
            if (from == null) {
                return;
            }
            router.onDatagram(packet, buffer.position(), from, System.nanoTime());
        }
    }

    private void drainMemberSocket(Member member, DatagramChannel socket) throws IOException {
        InetSocketAddress peer = member.socketPeer;  // changes only in sockets.apply(), after this returns
        while (peer != null) {
            buffer.clear();
            int length;
            try {
                length = socket.read(buffer);
            } catch (PortUnreachableException e) {
                continue;  // an ICMP error for an earlier send to this peer: the next datagram may be fine
            }
            if (length <= 0) {
                return;
            }
            router.onDatagram(packet, length, peer, System.nanoTime());
        }
    }

    private void onStray(int length, InetSocketAddress from) {
        router.onDatagram(packet, length, from, System.nanoTime());
    }

    @Override
    public void send(byte[] data, int length, InetSocketAddress to, Member receiver) {
        ByteBuffer out = data == packet ? buffer : view(data);
        out.limit(length).position(0);
        send(out, to, receiver);
    }

    @Override
    public void send(ByteBuffer out, InetSocketAddress to, Member receiver) {
        int length = out.remaining();
        try {
            DatagramChannel own = receiver.socket;
            int sent = own != null && to.equals(receiver.socketPeer) ? own.write(out) : channel.send(out, to);
            if (sent == length) {
                receiver.packetsOut.increment();
                receiver.bytesOut.add(length);
            } else {
                receiver.drops.add(DropReason.SEND_FAILED);  // socket buffer full: dropped, as UDP would
            }
        } catch (IOException e) {
            receiver.drops.add(DropReason.SEND_FAILED);
        }
    }

    /**
     * Sends a DTLS handshake datagram from the shared socket (its source port is the media port, as for every
     * member socket): from a handshake thread, or the media thread once established. Allocates a wrapper; handshakes
     * are a few datagrams per member.
     */
    private void sendDtls(byte[] data, int offset, int length, InetSocketAddress to) throws IOException {
        channel.send(ByteBuffer.wrap(data, offset, length), to);
    }

    /**
     * @return a view of one of the router's send buffers: each is wrapped once and kept, so sending from several in
     *         turn allocates nothing (beyond {@link #outViews}' size, the oldest view is replaced)
     */
    private ByteBuffer view(byte[] data) {
        int free = -1;
        for (int i = 0; i < outViews.length; i++) {
            ByteBuffer view = outViews[i];
            if (view == null) {
                free = free < 0 ? i : free;
            } else if (view.array() == data) {
                return view;
            }
        }
        int slot = free >= 0 ? free : nextEvicted++ & (outViews.length - 1);
        outViews[slot] = ByteBuffer.wrap(data);
        return outViews[slot];
    }

    @Override
    public void close() {
        try {
            channel.close();
            selector.wakeup();
            thread.join(2_000);
            router.egress().close();
            sockets.close();
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "error closing relay media socket", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
