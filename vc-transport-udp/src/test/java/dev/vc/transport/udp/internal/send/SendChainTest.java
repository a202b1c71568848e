package dev.vc.transport.udp.internal.send;

import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264Packetizer;
import dev.vc.transport.udp.h264.H264TestStreams;
import dev.vc.transport.udp.jpeg.JpegPacketizer;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtpSequence;
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

/** The send path without a socket: frames in, packets out of the last stage, in order, each layer its stream. */
class SendChainTest {
    private static final int MTU = 1200;
    private static final PayloadTypes TYPES = new PayloadTypes(26, 100);
    private static final byte[] JPEG = TestJpegs.encode(TestJpegs.picture(320, 240, 3, 60), 0.8f, Sampling.YUV420);
    private static final byte[] H264 = H264TestStreams.annexB(List.of(H264TestStreams.SPS_320X240,
            H264TestStreams.PPS, H264TestStreams.nal(5, 3, 3000, new Random(5))));
    private static final long CAPTURE = 1_700_000_000_000_000_000L;

    /** Stands in for the socket: copies every packet, and what its layer's history held when it got here. */
    private static final class Wire extends SendStage {
        final List<byte[]> packets = new ArrayList<>();
        final List<byte[]> inHistory = new ArrayList<>();
        private final SendLayers layers;

        Wire(SendLayers layers) {
            this.layers = layers;
        }

        @Override
        public void accept(byte[] packet, int offset, int length) {
            packets.add(Arrays.copyOfRange(packet, offset, offset + length));
            byte[] kept = new byte[MTU];
            int layer = layers.layerOf(SentPacketHeader.ssrc(packet, offset));
            inHistory.add(Arrays.copyOf(kept, layers.copySent(layer, SentPacketHeader.sequence(packet, offset), kept)));
            layers.countSent(packet, offset, length);
        }
    }

    private static EncodedFrame frame(VideoCodec codec, byte[] data, long capture) {
        return new EncodedFrame().set(data, 0, data.length).describe(codec, true, 320, 240, capture, 0);
    }

    private static SendChain chain(SendLayers layers, ChainCounters counters, Wire wire) {
        return new SendChain(layers, counters, null, new HistoryRecorder(layers),
                new PacedRelease(new Pacer(0, MTU, 0), new SteppingClock(0)), wire);
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
        SendLayers layers = SendLayers.create(new int[] {7}, TYPES, MTU, 64, new Random(1));
        Wire wire = new Wire(layers);
        SendChain chain = chain(layers, new ChainCounters(), wire);

        chain.send(frame(VideoCodec.JPEG, JPEG, CAPTURE));
        int jpegPackets = wire.packets.size();
        chain.send(frame(VideoCodec.H264, H264, CAPTURE + 33_000_000));

        assertTrue(jpegPackets > 1 && wire.packets.size() > jpegPackets, "both frames span several packets");
        int first = SentPacketHeader.sequence(wire.packets.get(0), 0);
        for (int i = 0; i < wire.packets.size(); i++) {
            byte[] packet = wire.packets.get(i);
            assertEquals(RtpSequence.add(first, i), SentPacketHeader.sequence(packet, 0), "one sequence space");
            assertEquals(i < jpegPackets ? 26 : 100, packet[1] & 0x7F, "the payload type of the frame's codec");
            assertArrayEquals(packet, wire.inHistory.get(i), "kept for retransmission before it was sent");
        }
        assertEquals(2, layers.framesSent());
    }

    @Test
    void shouldSendEachLayerAsItsOwnStreamOnOneTimestampClock() {
        int[] ssrcs = {0x10, 0x12};
        SendLayers layers = SendLayers.create(ssrcs, TYPES, MTU, 64, new Random(2));
        Wire wire = new Wire(layers);
        SendChain chain = chain(layers, new ChainCounters(), wire);

        for (int f = 0; f < 3; f++) {
            long capture = CAPTURE + f * 33_333_333L;
            chain.send(frame(VideoCodec.H264, H264, capture));
            chain.send(frame(VideoCodec.JPEG, JPEG, capture).layer(1));
        }

        RtpHeader header = new RtpHeader();
        int[] expectedNext = {-1, -1};
        List<List<Integer>> timestamps = List.of(new ArrayList<>(), new ArrayList<>());
        for (byte[] packet : wire.packets) {
            header.parse(packet, 0, packet.length);
            int layer = layers.layerOf(header.ssrc());
            assertTrue(layer >= 0, "every packet carries one of the layers' SSRCs");
            if (expectedNext[layer] >= 0) {
                assertEquals(expectedNext[layer], header.sequence(), "layer " + layer + "'s own continuous numbers");
            }
            expectedNext[layer] = RtpSequence.next(header.sequence());
            if (header.marker()) {
                timestamps.get(layer).add(header.timestamp());
            }
        }
        assertEquals(3, timestamps.get(0).size());
        assertEquals(timestamps.get(0), timestamps.get(1), "one capture instant, one timestamp in every layer");
        assertEquals(6, layers.framesSent(), "three frames a layer");
        assertTrue(layers.packetsSent(0) > 0 && layers.packetsSent(1) > 0);
        assertEquals(wire.packets.size(), layers.packetsSent());
    }

    @Test
    void shouldDropAndCountAFrameOfALayerWithoutAnSsrc() {
        SendLayers layers = SendLayers.create(new int[] {7, 8}, TYPES, MTU, 64, new Random(3));
        Wire wire = new Wire(layers);
        ChainCounters counters = new ChainCounters();
        SendChain chain = chain(layers, counters, wire);

        chain.send(frame(VideoCodec.JPEG, JPEG, CAPTURE).layer(2));

        assertEquals(0, wire.packets.size());
        assertEquals(1, counters.framesWithoutLayer());
        assertEquals(0, layers.framesSent());
    }

    @Test
    void shouldCountEveryPacketTheSocketSends() throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SendLayers layers = SendLayers.create(new int[] {7, 8}, TYPES, MTU, 64, new Random(4));
            SendChain chain = SendChain.toSocket(channel, (InetSocketAddress) channel.getLocalAddress(), MTU, layers,
                    0, new ChainCounters(), null, null);
            chain.send(frame(VideoCodec.JPEG, JPEG, CAPTURE).layer(1));
            int packets = TestPackets.packetize(JPEG, MTU, 0, new RtpPacketWriter(7, 26, 0, 0)).size();
            assertEquals(0, layers.packetsSent(0));
            assertEquals(packets, layers.packetsSent(1), "counted under the frame's layer");
            assertEquals(layers.bytesSent(1) - packets * (long) RtpPacketWriter.HEADER_LENGTH,
                    layers.payloadBytesSent(1), "RTP payload: the datagrams without their RTP headers");
            assertEquals(1, layers.framesSent());
        }
    }
}
