package dev.vc.transport.udp.internal.send;

import dev.vc.api.TransportException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The last stage: sends each packet as one datagram and counts it. Java's datagram API offers no batched send
 * (sendmmsg), so each packet is one system call; the socket is blocking, so a full send buffer slows the
 * sender instead of dropping its packets.
 */
final class SocketWriter extends SendStage {
    private final DatagramChannel channel;
    private final InetSocketAddress remote;
    private final SendCounters counters;
    private ByteBuffer view = ByteBuffer.allocate(0);

    SocketWriter(DatagramChannel channel, InetSocketAddress remote, SendCounters counters) {
        this.channel = channel;
        this.remote = remote;
        this.counters = counters;
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
        counters.packetSent(length, length - SentPacketHeader.headerLength(packet, offset));
    }
}
