package dev.vc.bench.relayload;

import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.jpeg.JpegPayloadHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One simulated participant of {@link RelayLoad}: its socket, its pre-built packet and its send schedule. */
final class LoadParticipant {
    private static final int PAYLOAD_TYPE = VideoCodec.JPEG.defaultPayloadType();

    final int room;
    final int index;
    final DatagramChannel channel;
    final ByteBuffer packet;
    int ssrc;
    int sequence;
    long nextDueNanos;

    LoadParticipant(int room, int index, DatagramChannel channel, int packetBytes) {
        this.room = room;
        this.index = index;
        this.channel = channel;
        this.packet = ByteBuffer.allocateDirect(packetBytes);
    }

    /**
     * Opens every participant's socket: non-blocking, bound to loopback, with the receive buffer asked for.
     *
     * @param open where each socket is added, to be closed by the caller
     * @return rooms x participants, room by room
     * @throws IOException if a socket cannot be opened
     */
    static List<LoadParticipant> openAll(RelayLoadOptions options, List<AutoCloseable> open) throws IOException {
        List<LoadParticipant> everyone = new ArrayList<>();
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        for (int room = 0; room < options.rooms(); room++) {
            for (int i = 0; i < options.participants(); i++) {
                DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
                open.add(channel);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBuffer());
                channel.bind(loopback);
                channel.configureBlocking(false);
                everyone.add(new LoadParticipant(room, i, channel, options.packetBytes()));
            }
        }
        return everyone;
    }

    /** @return the participants dealt round-robin into {@code parts} shares, one per load thread */
    static List<List<LoadParticipant>> share(List<LoadParticipant> everyone, int parts) {
        List<List<LoadParticipant>> shares = new ArrayList<>();
        for (int t = 0; t < parts; t++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < everyone.size(); i++) {
            shares.get(i % parts).add(everyone.get(i));
        }
        return shares;
    }

    String name() {
        return "r" + room + "p" + index;
    }

    /** Builds the packet this participant replays: an RTP header with its SSRC, a JPEG header, filler. */
    void ssrc(int assigned) {
        this.ssrc = assigned;
        byte[] bytes = new byte[packet.capacity()];
        new Random(assigned).nextBytes(bytes);
        RtpPacketWriter rtp = new RtpPacketWriter(assigned, PAYLOAD_TYPE, 0, 0);
        int at = rtp.writeHeader(bytes, 0, false, 90_000, 0L);
        if (bytes.length >= at + JpegPayloadHeader.MAIN_HEADER_LENGTH) {
            JpegPayloadHeader.writeMainHeader(bytes, at, 0, 1, 255, 640, 480);
        }
        packet.clear();
        packet.put(bytes).clear();
    }
}
