package dev.vc.relay;

import dev.vc.api.TransportException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

/**
 * A media relay: every RTP or RTCP datagram a participant sends is forwarded to every other participant,
 * never back to its sender.
 *
 * <p>One I/O thread ({@code vc-relay-io}) does everything, with one preallocated buffer: no thread and no
 * allocation per participant or per packet. Participants are learned from the address of their first
 * datagram and forgotten after the stale timeout.
 *
 * <p><b>Security:</b> this relay trusts source addresses, so anyone who can reach its port can join or
 * inject media. Put it only on a trusted network until authenticated joins land (see {@code docs/relay.md}).
 *
 * <pre>{@code
 * try (Relay relay = Relay.start(RelaySettings.on(new InetSocketAddress(5001)))) {
 *     ...
 *     System.out.println(relay.stats());
 * }
 * }</pre>
 */
public final class Relay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Relay.class.getName());
    private static final long SELECT_MILLIS = 250;
    private static final int RTP_VERSION_BITS = 0x80;

    private final RelaySettings settings;
    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress localAddress;
    private final PeerTable peers;
    private final ByteBuffer buffer;
    private final Thread thread;

    // Written by the I/O thread only; volatile for stats readers.
    private volatile int participants;
    private volatile long packetsIn;
    private volatile long bytesIn;
    private volatile long packetsOut;
    private volatile long bytesOut;
    private volatile long droppedInvalid;
    private volatile long droppedFull;
    private volatile long sendFailures;

    private Relay(RelaySettings settings) throws IOException {
        this.settings = settings;
        this.peers = new PeerTable(settings.maxParticipants());
        // One byte more than the MTU, so an oversized datagram is seen as such rather than silently truncated.
        this.buffer = ByteBuffer.allocateDirect(settings.mtu() + 1);
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.bind(settings.media());
            channel.configureBlocking(false);
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.thread = new Thread(this::run, "vc-relay-io");
        thread.setDaemon(true);
    }

    /**
     * Binds the media port and starts forwarding.
     *
     * @param settings where to bind and the limits
     * @return the running relay
     * @throws TransportException if the port cannot be bound (in use, no permission)
     */
    public static Relay start(RelaySettings settings) {
        Relay relay;
        try {
            relay = new Relay(settings);
        } catch (IOException e) {
            throw new TransportException("cannot bind relay media port " + settings.media() + ": " + e.getMessage(), e);
        }
        relay.thread.start();
        LOG.log(System.Logger.Level.INFO, "relay forwarding on udp {0}", relay.localAddress);
        return relay;
    }

    /** @return the bound media address (with the actual port if 0 was asked for) */
    public InetSocketAddress mediaAddress() {
        return localAddress;
    }

    /** @return the counters */
    public RelayStats stats() {
        return new RelayStats(participants, packetsIn, bytesIn, packetsOut, bytesOut, droppedInvalid, droppedFull,
                sendFailures);
    }

    private void run() {
        long staleNanos = TimeUnit.MILLISECONDS.toNanos(settings.staleMillis());
        long nextSweep = System.nanoTime() + staleNanos / 4;
        try {
            while (channel.isOpen()) {
                selector.select(SELECT_MILLIS);
                selector.selectedKeys().clear();
                drainSocket();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    if (peers.expire(now, staleNanos) > 0) {
                        LOG.log(System.Logger.Level.INFO, "relay dropped silent participants; {0} remain", peers.size());
                    }
                    participants = peers.size();
                    nextSweep = now + staleNanos / 4;
                }
            }
        } catch (ClosedChannelException closed) {
            // close() was called: normal end.
        } catch (IOException | RuntimeException e) {
            if (channel.isOpen()) {
                LOG.log(System.Logger.Level.ERROR, "relay I/O thread failed", e);
            }
        }
    }

    private void drainSocket() throws IOException {
        while (true) {
            buffer.clear();
            SocketAddress from = channel.receive(buffer);
            if (from == null) {
                return;
            }
            buffer.flip();
            int length = buffer.remaining();
            if (length > settings.mtu() || length < 8 || (buffer.get(0) & 0xC0) != RTP_VERSION_BITS) {
                droppedInvalid++;
                continue;
            }
            int sender = peers.touch(from, System.nanoTime());
            if (sender < 0) {
                droppedFull++;
                continue;
            }
            participants = peers.size();
            packetsIn++;
            bytesIn += length;
            forward(sender, length);
        }
    }

    private void forward(int sender, int length) {
        for (int i = 0; i < peers.size(); i++) {
            if (i == sender) {
                continue;
            }
            buffer.position(0).limit(length);
            try {
                if (channel.send(buffer, peers.address(i)) == length) {
                    packetsOut++;
                    bytesOut += length;
                } else {
                    sendFailures++;  // socket buffer full: the datagram is dropped, as UDP would
                }
            } catch (IOException e) {
                sendFailures++;
            }
        }
    }

    /** Stops the I/O thread and closes the socket. Idempotent. */
    @Override
    public void close() {
        try {
            channel.close();
            selector.wakeup();
            thread.join(2_000);
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "error closing relay socket", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
