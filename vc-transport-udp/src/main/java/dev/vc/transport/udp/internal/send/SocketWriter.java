package dev.vc.transport.udp.internal.send;

import dev.vc.api.TransportException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The last stage: sends each packet as one datagram and counts it (media under its layer, padding as padding:
 * the {@link Counter} says where). Java's datagram API offers no batched send
 * (sendmmsg), so each packet is one system call; the socket is blocking, so a full send buffer slows the
 * sender instead of dropping its packets.
 */
final class SocketWriter extends SendStage {
    private final DatagramChannel channel;
    private final InetSocketAddress remote;
    private final Counter counter;
    private ByteBuffer view = ByteBuffer.allocate(0);

    /** Counts a packet the socket sent. */
    interface Counter {
        /**
         * @param packet the packet's buffer
         * @param offset where it starts
         * @param length its length
         */
        void sent(byte[] packet, int offset, int length);
    }

    SocketWriter(DatagramChannel channel, InetSocketAddress remote, Counter counter) {
        this.channel = channel;
        this.remote = remote;
        this.counter = counter;
    }

    @Override
    public void accept(byte[] packet, int offset, int length) {
        if (view.array() != packet || view.capacity() != packet.length) {
            view = ByteBuffer.wrap(packet); // once: the packetizer reuses one buffer
        }
        view.limit(offset + length).position(offset);
        try {
            channel.send(view, remote);
        } catch (java.net.PortUnreachableException e) {
            return;  // a connected socket reports an earlier datagram's ICMP error: this one is lost, as UDP may
        } catch (IOException e) {
            throw new TransportException("UDP send to " + remote + " failed: " + e.getMessage(), e);
        }
        counter.sent(packet, offset, length);
    }
}
