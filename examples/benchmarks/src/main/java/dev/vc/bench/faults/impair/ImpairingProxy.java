package dev.vc.bench.faults.impair;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A UDP proxy on 127.0.0.1 that stands between participants and a relay's media port and impairs what passes:
 * the "test transport" of fault runs, since {@code tc netem} is not available everywhere. Each participant gets
 * a {@link Link}: it sends its media to {@link Link#address()} instead of the relay (see
 * {@code Participant.Builder.mediaRelay}); the link forwards those datagrams to the relay from a socket of its
 * own (connected to the relay, which may be on another host or network namespace), and the relay's datagrams for
 * that socket back to the participant. The relay binds the link's socket as
 * the participant's media address through the participant's own signed hello, so it needs no change.
 *
 * <p>Everything is impaired, both ways, by a seeded {@link Impairer} per direction: RTP, the RTCP multiplexed on
 * the same port (RFC 5761: reports, NACK, PLI, retransmissions) and the STUN hellos, as a lossy access link
 * would. "Up" is participant to relay, "down" relay to participant.
 *
 * <pre>{@code
 * try (ImpairingProxy proxy = new ImpairingProxy(relay.mediaAddress())) {
 *     ImpairingProxy.Link link = proxy.addLink(Impairment.parse("random:5"), Impairment.parse("random:5"), 1);
 *     proxy.start();
 *     Participant p = Participant.builder().relay(control).mediaRelay(link.address())...build();
 *     proxy.impairing(true);   // pass-through until then
 * }
 * }</pre>
 *
 * <p>One thread ({@code vc-impair}) and one selector serve every link; links are added before {@link #start()}.
 * Held-back and delayed packets are released by that thread too: it waits on the selector at most until the
 * earliest one is due (rounded up to the millisecond), so a delayed packet leaves no earlier than its delay.
 */
public final class ImpairingProxy implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ImpairingProxy.class.getName());
    private static final int BUFFER_BYTES = 65_536;
    private static final int SOCKET_BUFFER_BYTES = 1 << 20;
    private static final long IDLE_SELECT_MILLIS = 250;

    private final InetSocketAddress relay;
    private final Selector selector;
    private final List<Link> links = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final Thread thread = new Thread(this::run, "vc-impair");
    private volatile boolean impairing;
    private volatile boolean closed;

    /**
     * @param relay the relay's media address, where links forward to
     * @throws IOException if no selector can be opened
     */
    public ImpairingProxy(InetSocketAddress relay) throws IOException {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.selector = Selector.open();
        thread.setDaemon(true);
    }

    /**
     * Opens a link for one participant: two sockets on 127.0.0.1 with ephemeral ports.
     *
     * @param up   what happens to the participant's datagrams on their way to the relay
     * @param down what happens to the relay's datagrams on their way to the participant
     * @param seed seeds both directions (each gets its own stream of draws)
     * @return the link
     * @throws IOException           if a socket cannot be opened
     * @throws IllegalStateException once started
     */
    public synchronized Link addLink(Impairment up, Impairment down, long seed) throws IOException {
        if (thread.isAlive() || closed) {
            throw new IllegalStateException("links are added before start");
        }
        Link link = new Link(up.newImpairer(seed * 2), down.newImpairer(seed * 2 + 1));
        links.add(link);
        return link;
    }

    /** Starts forwarding, unimpaired until {@link #impairing(boolean)}. */
    public synchronized void start() {
        thread.start();
    }

    /**
     * Switches the impairments on or off (off: datagrams pass untouched, undelayed and uncounted; packets already
     * held back or delayed are still released). Any thread.
     *
     * @param on true to impair
     */
    public void impairing(boolean on) {
        this.impairing = on;
    }

    private void run() {
        try {
            while (!closed) {
                long now = System.nanoTime();
                long next = Long.MAX_VALUE;
                for (Link link : links) {
                    next = Math.min(next, link.releaseDue(now));
                }
                long timeout = next == Long.MAX_VALUE ? IDLE_SELECT_MILLIS
                        : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now + 999_999));
                selector.select(key -> ((Runnable) key.attachment()).run(), Math.min(timeout, IDLE_SELECT_MILLIS));
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.ERROR, "impairing proxy stopped", e);
            }
        }
    }

    /** Stops the thread and closes every socket. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        selector.wakeup();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Link link : links) {
            link.closeChannels();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing selector: " + e);
        }
    }

    /** One participant's path through the proxy. Counters may be read from any thread. */
    public final class Link {
        private final DatagramChannel front;
        private final DatagramChannel back;
        private final InetSocketAddress address;
        private final Impairer up;
        private final Impairer down;
        private final Impairer.Output toRelay;
        private final Impairer.Output toParticipant;
        private InetSocketAddress participant;
        private volatile long sendFailures;

        private Link(Impairer up, Impairer down) throws IOException {
            this.up = up;
            this.down = down;
            this.front = open(null);
            try {
                this.back = open(relay);
            } catch (IOException e) {
                front.close();
                throw e;
            }
            this.address = (InetSocketAddress) front.getLocalAddress();
            this.toRelay = (data, length) -> send(back, data, length, relay);
            this.toParticipant = (data, length) -> {
                if (participant != null) {
                    send(front, data, length, participant);
                }
            };
            front.register(selector, SelectionKey.OP_READ, (Runnable) this::drainFront);
            back.register(selector, SelectionKey.OP_READ, (Runnable) this::drainBack);
        }

        /**
         * @param peer null for the participant's side (bound to 127.0.0.1), else the relay: connected to it, so
         *             bound to the address that reaches it (not only loopback: the relay may be in another
         *             network namespace) and receiving from it alone
         */
        private static DatagramChannel open(InetSocketAddress peer) throws IOException {
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
                channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
                if (peer == null) {
                    channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                } else {
                    channel.connect(peer);
                }
                channel.configureBlocking(false);
                return channel;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        /** @return where the participant sends its media */
        public InetSocketAddress address() {
            return address;
        }

        /** @return what the participant-to-relay direction did */
        public ImpairmentCounts up() {
            return up.counts();
        }

        /** @return what the relay-to-participant direction did */
        public ImpairmentCounts down() {
            return down.counts();
        }

        /** @return datagrams the proxy could not send on (socket buffer full or error) */
        public long sendFailures() {
            return sendFailures;
        }

        /** Proxy thread: the participant's datagrams; the last sender is the participant. */
        private void drainFront() {
            InetSocketAddress from;
            while ((from = receive(front)) != null) {
                if (!from.equals(participant)) {
                    participant = from;
                }
                pass(up, toRelay);
            }
        }

        /** Proxy thread: the relay's datagrams (the socket is connected to the relay: nobody else's arrive). */
        private void drainBack() {
            while (receive(back) != null) {
                pass(down, toParticipant);
            }
        }

        private void pass(Impairer impairer, Impairer.Output out) {
            if (impairing) {
                impairer.accept(buffer.array(), buffer.position(), System.nanoTime(), out);
            } else {
                out.send(buffer.array(), buffer.position());
            }
        }

        private long releaseDue(long nowNanos) {
            return Math.min(up.releaseDue(nowNanos, toRelay), down.releaseDue(nowNanos, toParticipant));
        }

        private InetSocketAddress receive(DatagramChannel channel) {
            buffer.clear();
            try {
                return (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.DEBUG, "impairing proxy receive: " + e);
                }
                return null;
            }
        }

        private void send(DatagramChannel channel, byte[] data, int length, InetSocketAddress to) {
            try {
                if (channel.send(ByteBuffer.wrap(data, 0, length), to) == 0) {
                    sendFailures++;
                }
            } catch (IOException e) {
                sendFailures++;
            }
        }

        private void closeChannels() {
            try {
                front.close();
                back.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing link: " + e);
            }
        }
    }
}
