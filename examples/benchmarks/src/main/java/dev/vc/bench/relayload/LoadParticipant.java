package dev.vc.bench.relayload;

import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.srtp.SrtpContext;
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

/**
 * One simulated participant of {@link RelayLoad}: its socket, its pre-built packet, its send schedule and, with
 * SRTP media, its contexts: every packet it sends is protected with its own index ({@link LoadSender}), and a
 * participant given a receiving context checks that what the relay sends it authenticates ({@link LoadReceiver}).
 */
final class LoadParticipant {
    private static final int PAYLOAD_TYPE = VideoCodec.JPEG.defaultPayloadType();

    final int room;
    final int index;
    final DatagramChannel channel;
    /** The datagram size on the wire, in every media mode. */
    final int packetBytes;
    /** The plain RTP packet, sent as it is in plain mode (sequence number patched). */
    final ByteBuffer packet;
    /** The same plain RTP packet, {@link #rtpBytes} long: what is protected into a sender's buffer with SRTP. */
    byte[] rtp;
    int rtpBytes;
    int ssrc;
    int sequence;
    long nextDueNanos;
    /** Protects what this participant sends, or null for plain RTP. */
    SrtpContext sending;
    /** Unprotects what the relay sends this participant, only for the run's checking receiver; else null. */
    SrtpContext checking;

    LoadParticipant(int room, int index, DatagramChannel channel, int packetBytes) {
        this.room = room;
        this.index = index;
        this.channel = channel;
        this.packetBytes = packetBytes;
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

    /**
     * Builds the packet this participant replays as plain RTP: an RTP header with its SSRC, a JPEG header, filler.
     *
     * @param assigned the SSRC the relay granted
     */
    void ssrc(int assigned) {
        keyed(assigned, null, null);
    }

    /**
     * Builds the packet this participant replays, leaving room for SRTP's tag, so that the datagram on the wire
     * has {@link #packetBytes} in every mode.
     *
     * @param assigned the SSRC the relay granted
     * @param send     protects what it sends, or null for plain RTP
     * @param check    unprotects what it receives, for the checking receiver, or null
     */
    void keyed(int assigned, SrtpContext send, SrtpContext check) {
        this.ssrc = assigned;
        this.sending = send;
        this.checking = check;
        byte[] bytes = new byte[send == null ? packetBytes : packetBytes - send.profile().srtpOverhead()];
        new Random(assigned).nextBytes(bytes);
        int at = new RtpPacketWriter(assigned, PAYLOAD_TYPE, 0, 0).writeHeader(bytes, 0, false, 90_000, 0L);
        if (bytes.length >= at + JpegPayloadHeader.MAIN_HEADER_LENGTH) {
            JpegPayloadHeader.writeMainHeader(bytes, at, 0, 1, 255, 640, 480);
        }
        packet.clear();
        packet.put(bytes).clear();
        this.rtp = bytes;
        rtpBytes = bytes.length;
    }
}
