package dev.vc.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Gives each bound member a UDP socket of its own on the media port, connected to its media address
 * (SO_REUSEADDR; the kernel prefers a connected socket for datagrams from its peer). Reading a connected
 * socket yields no source address, so the JDK allocates nothing per datagram, whereas the shared socket's
 * {@code receive} creates an address object whenever the sender changes.
 *
 * <p>Sockets are opened and closed on the media thread in {@link #apply}; bindings arrive on that thread and
 * departures on the control thread. Each socket is registered with the media selector, its member attached.
 */
final class ParticipantSockets implements RoomDirectory.Listener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ParticipantSockets.class.getName());

    /** Where datagrams found on a socket before it was connected go, with their real source. */
    interface StrayHandler {
        void onDatagram(int length, InetSocketAddress from);
    }

    private final InetSocketAddress local;
    private final int receiveBufferBytes;
    private final Selector selector;
    private final RoomDirectory directory;
    private final ByteBuffer buffer;
    private final ArrayDeque<Member> toConnect = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Member> toClose = new ConcurrentLinkedQueue<>();
    private boolean warned;

    /**
     * @param local     the shared media socket's bound address, which every member socket binds as well
     * @param receiveBufferBytes each member socket's receive buffer: the kernel holds a member's datagrams
     *                  there while the media thread is busy (the memory is used only while they wait)
     * @param selector  the media thread's selector
     * @param directory to tell whether a member is still there when its socket is due
     * @param buffer    the media thread's receive buffer, over the array {@link StrayHandler} reads
     */
    ParticipantSockets(InetSocketAddress local, int receiveBufferBytes, Selector selector, RoomDirectory directory,
                       ByteBuffer buffer) {
        this.local = local;
        this.receiveBufferBytes = receiveBufferBytes;
        this.selector = selector;
        this.directory = directory;
        this.buffer = buffer;
    }

    @Override
    public void bound(Member member) {
        if (!member.socketQueued) {  // once per member: a flood of rebindings cannot grow the queue
            member.socketQueued = true;
            toConnect.add(member);
        }
    }

    @Override
    public void left(Member member) {
        toClose.add(member);
        selector.wakeup();
    }

    /**
     * Media thread: opens sockets for new bindings, then closes those of members that left.
     *
     * @param strays receives any datagram that reached a new socket between its bind and its connect
     */
    void apply(StrayHandler strays) {
        for (Member member = toConnect.poll(); member != null; member = toConnect.poll()) {
            member.socketQueued = false;
            InetSocketAddress peer = member.mediaAddress;
            if (directory.byId(member.id) == member && peer != null && !peer.equals(member.socketPeer)) {
                closeSocket(member);
                open(member, peer, strays);
            }
        }
        for (Member member = toClose.poll(); member != null; member = toClose.poll()) {
            closeSocket(member);
        }
    }

    private void open(Member member, InetSocketAddress peer, StrayHandler strays) {
        DatagramChannel socket = null;
        try {
            socket = DatagramChannel.open(StandardProtocolFamily.INET);
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            socket.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            socket.bind(local);
            socket.connect(peer);
            socket.configureBlocking(false);
            // Between bind and connect the socket could receive anyone's datagrams: route them by their source.
            buffer.clear();
            for (var from = socket.receive(buffer); from != null; from = socket.receive(buffer)) {
                strays.onDatagram(buffer.position(), (InetSocketAddress) from);
                buffer.clear();
            }
            socket.register(selector, SelectionKey.OP_READ, member);
            member.socket = socket;
            member.socketPeer = peer;
        } catch (IOException e) {
            // The shared socket still receives this member's media; only the allocation-free path is lost.
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "cannot open a media socket for " + member + " (" + e
                        + "); its media goes through the shared socket", e);
            }
            closeQuietly(socket);
        }
    }

    private static void closeSocket(Member member) {
        closeQuietly(member.socket);
        member.socket = null;
        member.socketPeer = null;
    }

    private static void closeQuietly(DatagramChannel socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a member media socket", e);
            }
        }
    }

    /** Media thread, at shutdown: closes every member socket still open. */
    @Override
    public void close() {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Member member) {
                closeSocket(member);
            }
        }
    }
}
