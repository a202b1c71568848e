package dev.vc.transport.udp.internal;

import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.RemoteStream;
import dev.vc.api.RtpStreamStats;
import dev.vc.api.Transport;
import dev.vc.api.TransportListener;
import dev.vc.api.TransportSettings;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.jpeg.TestJpegs;
import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import dev.vc.transport.udp.internal.control.RtcpSession;
import dev.vc.transport.udp.rtp.RtpHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RTCP between a vc transport and a hand-driven peer socket on loopback: reports, NACK, retransmission, PLI, by layer. */
@Timeout(30)
class RtcpLoopbackTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Everything the peer socket received, split into RTP and RTCP. */
    private static final class Peer implements AutoCloseable {
        final DatagramChannel channel;
        final List<byte[]> rtp = new ArrayList<>();
        final List<String> rtcp = new ArrayList<>();
        final List<Integer> nacked = new ArrayList<>();

        Peer() throws IOException {
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(LOOPBACK, 0));
            channel.configureBlocking(false);
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) channel.getLocalAddress();
        }

        /** Reads what has arrived. */
        void drain() throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            while (channel.receive(buffer.clear()) != null) {
                byte[] data = java.util.Arrays.copyOf(buffer.array(), buffer.position());
                if (RtcpReader.isRtcp(data, 0, data.length)) {
                    RtcpReader.read(data, 0, data.length, new RtcpHandler() {
                        @Override
                        public void onSenderReport(int ssrc, long ntp, int ts, long packets, long octets) {
                            rtcp.add("SR " + packets);
                        }

                        @Override
                        public void onReportBlock(int reporter, int source, int fraction, int cumulative, long highest,
                                                  long jitter, long lsr, long dlsr) {
                            rtcp.add("RB " + Integer.toHexString(source) + " lost " + cumulative);
                        }

                        @Override
                        public void onPictureLossIndication(int sender, int media) {
                            rtcp.add("PLI " + Integer.toHexString(media));
                        }

                        @Override
                        public void onNack(int sender, int media, int pid, int blp) {
                            nacked.add(pid);
                            for (int i = 0; i < 16; i++) {
                                if ((blp & 1 << i) != 0) {
                                    nacked.add((pid + i + 1) & 0xFFFF);
                                }
                            }
                        }
                    });
                } else if (!dev.vc.transport.udp.MediaHello.isStun(data[0])) {
                    rtp.add(data);
                }
            }
        }

        void send(byte[] data, int length, InetSocketAddress to) throws IOException {
            channel.send(ByteBuffer.wrap(data, 0, length), to);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static Transport open(InetSocketAddress remote) {
        return ProviderRegistry.transports().byName("udp")
                .open(new TransportSettings(new InetSocketAddress(LOOPBACK, 0), remote, 1200, null, Config.empty()));
    }

    private static InetSocketAddress loopback(Transport t) {
        return new InetSocketAddress(LOOPBACK, t.localAddress().getPort());
    }

    private static void await(BooleanSupplier condition, Peer peer, String what) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(10);
            if (peer != null) {
                peer.drain();
            }
        }
    }

    @Test
    void shouldSendEachLayerAsItsStreamAndAnswerFeedbackByLayer() throws Exception {
        int[] ssrcs = {0x1A1A_0000, 0x1A1A_0002};
        try (Peer peer = new Peer(); Transport sender = ProviderRegistry.transports().byName("udp")
                .open(new TransportSettings(new InetSocketAddress(LOOPBACK, 0), peer.address(), 1200,
                        new dev.vc.api.MediaBinding(1, ssrcs[0], new byte[32], List.of(ssrcs[0], ssrcs[1])),
                        Config.empty()))) {
            List<Integer> keyframeRequests = new CopyOnWriteArrayList<>();
            sender.start(new TransportListener() {
                @Override
                public void onFrame(RemoteStream stream, EncodedFrame frame) {
                }

                @Override
                public void onKeyframeRequest(int layer) {
                    keyframeRequests.add(layer);
                }
            });
            byte[] jpeg = TestJpegs.encode(TestJpegs.picture(320, 240, 4, 60), 0.8f, Sampling.YUV420);
            long capture = System.currentTimeMillis() * 1_000_000L;
            EncodedFrame frame = new EncodedFrame().set(jpeg, 0, jpeg.length)
                    .describe(VideoCodec.JPEG, true, 320, 240, capture, 0);
            sender.send(frame);
            sender.send(frame.layer(1));
            int perFrame = dev.vc.transport.udp.jpeg.TestPackets.packetize(jpeg, 1200, 0,
                    new RtpPacketWriter(1, 26, 0, 0)).size();
            await(() -> peer.rtp.size() >= 2 * perFrame, peer, "both layers' packets");

            dev.vc.transport.udp.rtp.RtpHeader header = new dev.vc.transport.udp.rtp.RtpHeader();
            List<List<byte[]>> byLayer = List.of(new ArrayList<>(), new ArrayList<>());
            for (byte[] packet : peer.rtp) {
                header.parse(packet, 0, packet.length);
                byLayer.get(header.ssrc() == ssrcs[0] ? 0 : 1).add(packet);
                assertTrue(header.ssrc() == ssrcs[0] || header.ssrc() == ssrcs[1]);
            }
            int[] timestamps = new int[2];
            for (int layer = 0; layer < 2; layer++) {
                List<byte[]> packets = byLayer.get(layer);
                assertEquals(perFrame, packets.size());
                for (int i = 0; i < packets.size(); i++) {
                    header.parse(packets.get(i), 0, packets.get(i).length);
                    int first = (packets.get(0)[2] & 0xFF) << 8 | (packets.get(0)[3] & 0xFF);
                    assertEquals((first + i) & 0xFFFF, header.sequence(), "layer " + layer + "'s own numbers");
                    timestamps[layer] = header.timestamp();
                }
            }
            assertEquals(timestamps[0], timestamps[1], "one capture time, one timestamp in both layers");

            byte[] pli = new byte[12];
            RtcpWriter.pli(pli, 0, 0x1234, ssrcs[1]);
            peer.send(pli, 12, loopback(sender));
            await(() -> !keyframeRequests.isEmpty(), peer, "the keyframe request");

            byte[] wanted = byLayer.get(1).get(1);
            int seq = (wanted[2] & 0xFF) << 8 | (wanted[3] & 0xFF);
            byte[] nack = new byte[64];
            int n = RtcpWriter.nack(nack, 0, 0x1234, ssrcs[1], new int[] {seq}, 1);
            int before = peer.rtp.size();
            peer.send(nack, n, loopback(sender));
            await(() -> peer.rtp.size() > before, peer, "the retransmission");
            byte[] resent = peer.rtp.get(before);
            RtpHeader rtx = new RtpHeader().parse(resent, 0, resent.length);
            assertEquals(dev.vc.api.RtxSsrc.of(ssrcs[1]), rtx.ssrc(), "on layer 1's RTX SSRC");
            resent = java.util.Arrays.copyOf(resent, dev.vc.transport.udp.rtp.RtxPacket.unwrap(rtx, 0, resent.length,
                    wanted[1] & 0x7F, ssrcs[1]));
            int tsn = RtpPacketWriter.TRANSPORT_SEQUENCE_OFFSET;
            resent[tsn] = wanted[tsn];
            resent[tsn + 1] = wanted[tsn + 1];
            assertArrayEquals(wanted, resent, "layer 1's packet, from layer 1's history");
            assertEquals(List.of(1), keyframeRequests, "only layer 1 was asked for a keyframe");
            List<RtpStreamStats> stats = sender.rtpStats();
            assertEquals(ssrcs[0], stats.get(0).ssrc());
            assertEquals(ssrcs[1], stats.get(1).ssrc());
            assertEquals(1, stats.get(1).retransmissions());
            assertEquals(0, stats.get(0).retransmissions());
        }
    }

    @Test
    void shouldResendNackedPacketsFromItsHistoryAndReportWhatItSent() throws Exception {
        try (Peer peer = new Peer(); Transport sender = open(peer.address())) {
            AtomicInteger keyframeRequests = new AtomicInteger();
            sender.start(new TransportListener() {
                @Override
                public void onFrame(RemoteStream stream, EncodedFrame frame) {
                }

                @Override
                public void onKeyframeRequest(int layer) {
                    keyframeRequests.incrementAndGet();
                }
            });
            byte[] jpeg = TestJpegs.encode(TestJpegs.picture(320, 240, 4, 60), 0.8f, Sampling.YUV420);
            EncodedFrame frame = new EncodedFrame().set(jpeg, 0, jpeg.length)
                    .describe(VideoCodec.JPEG, true, 320, 240, System.currentTimeMillis() * 1_000_000L, 0);
            sender.send(frame);
            await(() -> peer.rtp.size() > 3, peer, "the frame's packets");
            byte[] third = peer.rtp.get(2);
            int seq = (third[2] & 0xFF) << 8 | (third[3] & 0xFF);

            byte[] nack = new byte[64];
            int n = RtcpWriter.nack(nack, 0, 0x1234, sender.ssrc(), new int[] {seq}, 1);
            int before = peer.rtp.size();
            peer.send(nack, n, loopback(sender));
            await(() -> peer.rtp.size() > before, peer, "the retransmission");
            byte[] resent = peer.rtp.get(before);
            int tsn = dev.vc.transport.udp.rtp.RtpPacketWriter.TRANSPORT_SEQUENCE_OFFSET;
            assertTrue((third[tsn] != resent[tsn] || third[tsn + 1] != resent[tsn + 1]),
                    "a retransmission is a new packet on the hop: a new transport-wide sequence number");
            RtpHeader rtx = new RtpHeader().parse(resent, 0, resent.length);
            assertEquals(dev.vc.api.RtxSsrc.of(sender.ssrc()), rtx.ssrc(), "RTX (RFC 4588) on the paired SSRC");
            assertEquals(dev.vc.transport.udp.rtp.RtxPacket.JPEG_RTX_PAYLOAD_TYPE, rtx.payloadType());
            assertTrue(rtx.sequence() < 0x8000, "the RTX stream's first number, below 0x8000");
            assertEquals(seq, dev.vc.transport.udp.rtp.RtxPacket.originalSequence(rtx), "the OSN");
            int back = dev.vc.transport.udp.rtp.RtxPacket.unwrap(rtx, 0, resent.length, 26, sender.ssrc());
            resent = java.util.Arrays.copyOf(resent, back);
            resent[tsn] = third[tsn];
            resent[tsn + 1] = third[tsn + 1];
            assertArrayEquals(third, resent, "unwrapped: the packet, byte for byte");

            byte[] pli = new byte[12];
            RtcpWriter.pli(pli, 0, 0x1234, sender.ssrc());
            peer.send(pli, 12, loopback(sender));
            await(() -> keyframeRequests.get() == 1, peer, "the keyframe request");

            await(() -> peer.rtcp.stream().anyMatch(s -> s.startsWith("SR ")), peer, "a sender report");
            RtpStreamStats local = sender.rtpStats().get(0);
            assertTrue(local.sending());
            assertEquals(1, local.nacks());
            assertEquals(1, local.retransmissions());
            assertEquals(1, local.keyframeRequests());
        }
    }

    @Test
    void shouldSpaceKeyframeRequestsByTwoRoundTripsButAtLeast200Ms() {
        assertEquals(500_000_000L, RtcpSession.pliIntervalNanos(Double.NaN), "round trip unknown");
        assertEquals(200_000_000L, RtcpSession.pliIntervalNanos(1.5), "a LAN: ask again after 200 ms");
        assertEquals(600_000_000L, RtcpSession.pliIntervalNanos(300), "a long path: after the keyframe could come");
    }

    @Test
    void shouldNackAGapReportTheLossAndAskForKeyframes() throws Exception {
        try (Peer peer = new Peer(); Transport receiver = open(peer.address())) {
            List<RemoteStream> lostFrames = new CopyOnWriteArrayList<>();
            receiver.start(new TransportListener() {
                @Override
                public void onFrame(RemoteStream stream, EncodedFrame frame) {
                }

                @Override
                public void onFrameLost(RemoteStream stream) {
                    lostFrames.add(stream);
                }
            });
            // Five one-packet JPEG "frames" would need real payloads; plain RTP packets are enough for statistics.
            RtpPacketWriter writer = new RtpPacketWriter(0xCAFE, 96, 65531, 0);
            byte[] packet = new byte[200];
            for (int i = 0; i < 10; i++) {
                int length = writer.writeHeader(packet, 0, true, i * 3000, 0);
                if (i == 4 || i == 5) {
                    continue;  // lost in the network: sequence 65535 and 0
                }
                packet[length] = 0x65;  // an IDR slice NAL header
                peer.send(packet, length + 50, loopback(receiver));
                Thread.sleep(2);
            }
            await(() -> peer.nacked.size() >= 2, peer, "a NACK");
            assertEquals(List.of(65535, 0), peer.nacked.subList(0, 2), "the gap across the wrap is asked for");

            receiver.requestKeyframe(0xCAFE);
            receiver.requestKeyframe(0xCAFE);
            await(() -> peer.rtcp.contains("PLI cafe"), peer, "a PLI");
            await(() -> peer.rtcp.stream().anyMatch(s -> s.equals("RB cafe lost 2")), peer, "a report of 2 lost");
            assertEquals(1, peer.rtcp.stream().filter(s -> s.startsWith("PLI")).count(), "rate-limited");
            RtpStreamStats remote = receiver.rtpStats().stream().filter(s -> !s.sending()).findFirst().orElseThrow();
            assertEquals(0xCAFE, remote.ssrc());
            assertEquals(8, remote.packets());
            assertEquals(2, remote.packetsLost());
            assertTrue(remote.nacks() >= 2, "both asked for, maybe again since: " + remote.nacks());
            assertFalse(lostFrames.isEmpty(), "the frames of the lost packets are reported lost");
        }
    }
}
