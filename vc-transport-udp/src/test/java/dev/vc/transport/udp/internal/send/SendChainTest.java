package dev.vc.transport.udp.internal.send;

import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264Packetizer;
import dev.vc.transport.udp.h264.H264TestStreams;
import dev.vc.transport.udp.jpeg.JpegPacketizer;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.SendHistory;
import dev.vc.transport.udp.jpeg.TestJpegs;
import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import dev.vc.transport.udp.jpeg.TestPackets;
import dev.vc.transport.udp.internal.PayloadTypes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The send path without a socket: frames in, packets out of the last stage, in order. */
class SendChainTest {
    private static final int MTU = 1200;
    private static final PayloadTypes TYPES = new PayloadTypes(26, 100);
    private static final byte[] JPEG = TestJpegs.encode(TestJpegs.picture(320, 240, 3, 60), 0.8f, Sampling.YUV420);
    private static final byte[] H264 = H264TestStreams.annexB(List.of(H264TestStreams.SPS_320X240,
            H264TestStreams.PPS, H264TestStreams.nal(5, 3, 3000, new Random(5))));

    /** Stands in for the socket: copies every packet, and what the history held when the packet got here. */
    private static final class Wire extends SendStage {
        final List<byte[]> packets = new ArrayList<>();
        final List<byte[]> inHistory = new ArrayList<>();
        private final SendHistory history;

        Wire(SendHistory history) {
            this.history = history;
        }

        @Override
        public void accept(byte[] packet, int offset, int length) {
            packets.add(Arrays.copyOfRange(packet, offset, offset + length));
            byte[] kept = new byte[MTU];
            inHistory.add(Arrays.copyOf(kept, history.copy(SentPacketHeader.sequence(packet, offset), kept)));
        }
    }

    private static EncodedFrame frame(VideoCodec codec, byte[] data) {
        return new EncodedFrame().set(data, 0, data.length).describe(codec, true, 320, 240, 1_700_000_000_000_000_000L,
                0);
    }

    @Test
    void shouldPickEachCodecsPacketizerAndPayloadTypeFromTheTable() {
        PacketizerTable table = new PacketizerTable(TYPES, MTU);
        assertInstanceOf(JpegPacketizer.class, table.of(VideoCodec.JPEG).packetizer());
        assertEquals(26, table.of(VideoCodec.JPEG).payloadType());
        assertInstanceOf(H264Packetizer.class, table.of(VideoCodec.H264).packetizer());
        assertEquals(100, table.of(VideoCodec.H264).payloadType());
    }

    @Test
    void shouldRecordEachPacketInTheHistoryBeforeItReachesTheWire() {
        SendHistory history = new SendHistory(64, MTU);
        Wire wire = new Wire(history);
        SendCounters counters = new SendCounters();
        SendChain chain = new SendChain(new PacketizerTable(TYPES, MTU), new RtpPacketWriter(7, 26, 0, 0), counters,
                new HistoryRecorder(history), new PacedRelease(new Pacer(0, MTU, 0)), wire);

        chain.send(frame(VideoCodec.JPEG, JPEG));
        int jpegPackets = wire.packets.size();
        chain.send(frame(VideoCodec.H264, H264));

        assertTrue(jpegPackets > 1 && wire.packets.size() > jpegPackets, "both frames span several packets");
        for (int i = 0; i < wire.packets.size(); i++) {
            byte[] packet = wire.packets.get(i);
            assertEquals(i, SentPacketHeader.sequence(packet, 0), "one sequence space, in sending order");
            assertEquals(i < jpegPackets ? 26 : 100, packet[1] & 0x7F, "the payload type of the frame's codec");
            assertArrayEquals(packet, wire.inHistory.get(i), "kept for retransmission before it was sent");
        }
        assertEquals(2, counters.framesSent());
    }

    @Test
    void shouldCountEveryPacketTheSocketSends() throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SendCounters counters = new SendCounters();
            SendChain chain = SendChain.toSocket(channel, (InetSocketAddress) channel.getLocalAddress(), MTU, TYPES,
                    new RtpPacketWriter(7, 26, 0, 0), new SendHistory(64, MTU), 0, counters, null);
            chain.send(frame(VideoCodec.JPEG, JPEG));
            int packets = TestPackets.packetize(JPEG, MTU, 0, new RtpPacketWriter(7, 26, 0, 0)).size();
            assertEquals(packets, counters.packetsSent());
            assertEquals(counters.bytesSent() - packets * (long) RtpPacketWriter.HEADER_LENGTH,
                    counters.payloadBytesSent(), "RTP payload: the datagrams without their RTP headers");
            assertEquals(1, counters.framesSent());
        }
    }
}
