package dev.vc.bench.relayload;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw forwarding ceiling of Java NIO on this machine: the least a relay can do. One thread
 * ({@code vc-ceiling-forwarder}), one blocking UDP socket, one direct buffer; each datagram is looked up by its
 * source address and sent to the other members of the sender's room. No join, no hello, no parsing, no
 * counters per participant, no bitrate cap. {@link RelayLoad} {@code --ceiling} puts it where the relay would
 * be, under the same traffic, so the real relay can be reported as a percentage of it.
 *
 * <pre>{@code
 * try (UdpEchoCeiling ceiling = new UdpEchoCeiling(new InetSocketAddress("127.0.0.1", 0), 1500, 0)) {
 *     ceiling.start(List.of(List.of(alice, bob, carol)));   // one room of three addresses
 *     ...
 *     long forwarded = ceiling.packetsOut();
 * }
 * }</pre>
 *
 * <p>{@code main} runs {@link RelayLoad} with {@code --ceiling} and the given flags.
 */
public final class UdpEchoCeiling implements AutoCloseable {
    /** Name of the forwarding thread, for CPU and allocation sampling. */
    public static final String THREAD_NAME = "vc-ceiling-forwarder";

    private final DatagramChannel channel;
    private final ByteBuffer buffer;
    private final InetSocketAddress address;
    private final AtomicLong packetsIn = new AtomicLong();
    private final AtomicLong packetsOut = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private Thread thread;

    /**
     * Binds the forwarder's socket.
     *
     * @param bind          where to bind, e.g. 127.0.0.1 port 0
     * @param mtu           largest datagram forwarded whole
     * @param receiveBuffer SO_RCVBUF to ask for, bytes, or 0 for the system default (as the relay has it)
     * @throws IOException if the socket cannot be bound
     */
    public UdpEchoCeiling(InetSocketAddress bind, int mtu, int receiveBuffer) throws IOException {
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            if (receiveBuffer > 0) {
                channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            channel.bind(bind);
            this.address = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.buffer = ByteBuffer.allocateDirect(mtu);
    }

    /** @return the bound address */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * Starts forwarding: a datagram from a member of a room goes to every other member of that room.
     *
     * @param rooms each room's member addresses (the addresses their datagrams come from and go to)
     * @throws IllegalStateException if already started
     */
    public synchronized void start(List<List<InetSocketAddress>> rooms) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        Map<SocketAddress, InetSocketAddress[]> routes = new HashMap<>();
        for (List<InetSocketAddress> room : rooms) {
            for (InetSocketAddress member : room) {
                routes.put(member, room.stream().filter(a -> !a.equals(member)).toArray(InetSocketAddress[]::new));
            }
        }
        thread = new Thread(() -> run(routes), THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Map<SocketAddress, InetSocketAddress[]> routes) {
        try {
            while (true) {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                buffer.flip();
                InetSocketAddress[] targets = routes.get(from);
                if (targets == null) {
                    unknown.setRelease(unknown.getPlain() + 1);
                    continue;
                }
                packetsIn.setRelease(packetsIn.getPlain() + 1);
                int sent = 0;
                for (InetSocketAddress target : targets) {
                    buffer.rewind();
                    if (channel.send(buffer, target) > 0) {
                        sent++;
                    }
                }
                packetsOut.setRelease(packetsOut.getPlain() + sent);
            }
        } catch (ClosedChannelException closed) {
            // close(): normal end
        } catch (IOException e) {
            System.err.println("ceiling forwarder stopped: " + e);
        }
    }

    /** @return datagrams received from known members */
    public long packetsIn() {
        return packetsIn.get();
    }

    /** @return datagrams sent */
    public long packetsOut() {
        return packetsOut.get();
    }

    /** @return datagrams from unknown addresses, dropped */
    public long unknown() {
        return unknown.get();
    }

    /** Closes the socket and stops the thread. */
    @Override
    public synchronized void close() {
        try {
            channel.close();
            if (thread != null) {
                thread.join(2_000);
            }
        } catch (IOException e) {
            System.err.println("error closing ceiling socket: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@link RelayLoad} against this forwarder.
     *
     * @param args {@link RelayLoad}'s flags; {@code --ceiling} is added
     */
    public static void main(String[] args) {
        String[] withCeiling = new String[args.length + 1];
        withCeiling[0] = "--ceiling";
        System.arraycopy(args, 0, withCeiling, 1, args.length);
        RelayLoad.main(withCeiling);
    }
}
