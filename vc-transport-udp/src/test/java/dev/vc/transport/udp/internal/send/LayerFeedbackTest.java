package dev.vc.transport.udp.internal.send;

import dev.vc.api.EncodedFrame;
import dev.vc.api.RtpStreamStats;
import dev.vc.api.TransportListener;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264TestStreams;
import dev.vc.transport.udp.internal.PayloadTypes;
import dev.vc.transport.udp.internal.control.RtcpSession;
import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import dev.vc.api.RtxSsrc;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpSequence;
import dev.vc.transport.udp.rtp.RtxPacket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RTCP about a sender of two simulcast layers, without a socket: frames of both layers go through the send chain
 * into the layers' histories, then the {@link RtcpSession} gets the receivers' feedback. A PLI or FIR naming a
 * layer's SSRC asks that layer alone for a keyframe, a NACK naming it is answered from its history, report blocks
 * about it land in its figures, each layer has its own sender report, and a TMMBR naming a layer caps that layer
 * alone and is answered with a TMMBN.
 */
class LayerFeedbackTest {
    private static final int[] SSRCS = {0xA0A0, 0xA1A1};
    private static final int PEER = 0x7777;
    private static final long NOW = 5_000_000_000L;
    private static final byte[] FRAME = H264TestStreams.annexB(List.of(H264TestStreams.SPS_320X240,
            H264TestStreams.PPS, H264TestStreams.nal(5, 3, 3000, new Random(9))));

    private final SendLayers layers = SendLayers.create(SSRCS, PayloadTypes.DEFAULTS, 1200, 64, new Random(4));
    private final List<byte[]> wire = new ArrayList<>();
    private final List<byte[]> out = new ArrayList<>();
    private final List<Integer> keyframeRequests = new ArrayList<>();
    private final RtcpSession session;
    private final byte[] rtcp = new byte[64];

    LayerFeedbackTest() {
        SendStage socket = new SendStage() {
            @Override
            public void accept(byte[] packet, int offset, int length) {
                wire.add(Arrays.copyOfRange(packet, offset, offset + length));
                layers.countSent(packet, offset, length);
            }
        };
        SendChain chain = new SendChain(layers, new ChainCounters(), null, new HistoryRecorder(layers), socket);
        EncodedFrame frame = new EncodedFrame().set(FRAME, 0, FRAME.length);
        chain.send(frame.describe(VideoCodec.H264, true, 640, 480, 1_000_000_000L, 0).layer(0));
        chain.send(frame.describe(VideoCodec.H264, true, 320, 240, 1_000_000_000L, 0).layer(1));
        TransportListener listener = new TransportListener() {
            @Override
            public void onFrame(dev.vc.api.RemoteStream stream, EncodedFrame f) {
            }

            @Override
            public void onKeyframeRequest(int layer) {
                keyframeRequests.add(layer);
            }
        };
        session = new RtcpSession(layers, "cname@test", 1200, (data, length) -> out.add(Arrays.copyOf(data, length)),
                listener, null);
    }

    private List<byte[]> packetsOf(int ssrc) {
        return wire.stream().filter(p -> SentPacketHeader.ssrc(p, 0) == ssrc).toList();
    }

    @Test
    void shouldCapOnlyTheLayerATmmbrNamesAndAnswerWithATmmbn() {
        assertEquals(-1, session.layerCap(0));
        session.onRtcp(rtcp, RtcpWriter.tmmbr(rtcp, 0, PEER, SSRCS[1], 200_000, 28), NOW);
        assertEquals(200_000, session.layerCap(1));
        assertEquals(-1, session.layerCap(0), "layer 0 is not capped");
        assertEquals(1, out.size(), "answered");
        List<String> answer = new ArrayList<>();
        RtcpReader.read(out.get(0), 0, out.get(0).length, new RtcpHandler() {
            @Override
            public void onTmmbn(int sender, int owner, long maxBitrateBps, int overhead) {
                answer.add(sender + " " + owner + " " + maxBitrateBps + " " + overhead);
            }
        });
        assertEquals(List.of(SSRCS[1] + " " + PEER + " 200000 28"), answer, "from the layer's SSRC, naming the relay");
        session.onRtcp(rtcp, RtcpWriter.tmmbr(rtcp, 0, PEER, SSRCS[1], 8_000_000, 28), NOW);
        assertEquals(8_000_000, session.layerCap(1), "lifted: a limit far above the layer's rate");
        session.onRtcp(rtcp, RtcpWriter.tmmbr(rtcp, 0, PEER, 0x1234, 100_000, 28), NOW);
        assertEquals(2, out.size(), "a limit for another stream is not answered");
    }

    @Test
    void shouldAskOnlyTheLayerAPliOrFirNames() {
        session.onRtcp(rtcp, RtcpWriter.pli(rtcp, 0, PEER, SSRCS[1]), NOW);
        assertEquals(List.of(1), keyframeRequests);
        session.onRtcp(rtcp, RtcpWriter.fir(rtcp, 0, PEER, SSRCS[0], 1), NOW);
        assertEquals(List.of(1, 0), keyframeRequests);
        session.onRtcp(rtcp, RtcpWriter.pli(rtcp, 0, PEER, 0x1234), NOW);
        session.onRtcp(rtcp, RtcpWriter.pli(rtcp, 0, PEER, SSRCS[1]), NOW + 1_000_000);
        assertEquals(List.of(1, 0), keyframeRequests, "an unknown SSRC, and layer 1 again too soon: nothing");
        session.onRtcp(rtcp, RtcpWriter.pli(rtcp, 0, PEER, SSRCS[1]), NOW + 600_000_000);
        assertEquals(List.of(1, 0, 1), keyframeRequests);
        assertEquals(1, session.localStats().get(0).keyframeRequests());
        assertEquals(3, session.localStats().get(1).keyframeRequests());
    }

    @Test
    void shouldResendTheNackedPacketFromTheNamedLayersHistory() {
        byte[] wanted = packetsOf(SSRCS[1]).get(1);
        int sequence = SentPacketHeader.sequence(wanted, 0);
        session.onRtcp(rtcp, RtcpWriter.nack(rtcp, 0, PEER, SSRCS[1], new int[] {sequence}, 1), NOW);
        assertEquals(1, out.size());
        RtpHeader rtx = new RtpHeader().parse(out.get(0), 0, out.get(0).length);
        assertEquals(RtxSsrc.of(SSRCS[1]), rtx.ssrc(), "as RTX (RFC 4588) on layer 1's RTX SSRC");
        assertEquals(97, rtx.payloadType(), "H.264's RTX payload type");
        assertEquals(sequence, RtxPacket.originalSequence(rtx));
        assertEquals(layers.rtx(1).nextSequence(), RtpSequence.next(rtx.sequence()), "layer 1's RTX numbers");
        assertTrue(wanted.length <= 1200 - RtxPacket.OSN_LENGTH, "room left for the OSN: " + wanted.length);
        byte[] original = out.get(0).clone();
        assertArrayEquals(wanted, Arrays.copyOf(original, RtxPacket.unwrap(new RtpHeader().parse(original, 0,
                original.length), 0, original.length, 96, SSRCS[1])));
        assertEquals(1, session.localStats().get(1).retransmissions());
        assertEquals(0, session.localStats().get(0).nacks());
    }

    @Test
    void shouldRefuseLayersOneOfWhoseSsrcsIsAnothersRtxSsrc() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SendLayers.create(new int[] {0x10, 0x11}, PayloadTypes.DEFAULTS, 1200, 64, new Random(1)));
        assertTrue(e.getMessage().contains("RTX"), e.getMessage());
        assertEquals(RtxSsrc.of(SSRCS[1]), layers.rtx(1).ssrc());
    }

    @Test
    void shouldTakeReportBlocksAboutAnyLayer() {
        int end = RtcpWriter.receiverReport(rtcp, 0, PEER, 2);
        end = RtcpWriter.reportBlock(rtcp, end, SSRCS[0], 0, 3, 100, 90, 0, 0);
        end = RtcpWriter.reportBlock(rtcp, end, SSRCS[1], 0, 7, 100, 90, 0, 0);
        session.onRtcp(rtcp, end, NOW);
        List<RtpStreamStats> local = session.localStats();
        assertEquals(2, local.size());
        assertEquals(3, local.get(0).packetsLost());
        assertEquals(7, local.get(1).packetsLost());
        assertEquals(SSRCS[1], local.get(1).ssrc());
        assertEquals(layers.packetsSent(1), local.get(1).packets());
    }

    @Test
    void shouldSendASenderReportPerLayerWithOneCname() {
        session.report(12345);
        assertEquals(2, out.size(), "one compound per layer");
        for (int layer = 0; layer < 2; layer++) {
            int expected = layer;
            long[] counted = new long[1];
            int[] sdes = new int[1];
            byte[] datagram = out.get(layer);
            RtcpReader.read(datagram, 0, datagram.length, new RtcpHandler() {
                @Override
                public void onPacket(int type, int count, int ssrc, int media) {
                    if (type == RtcpReader.SDES) {
                        sdes[0] = ssrc;
                    }
                }

                @Override
                public void onSenderReport(int ssrc, long ntp, int rtpTimestamp, long packets, long octets) {
                    assertEquals(SSRCS[expected], ssrc);
                    assertEquals(12345, rtpTimestamp, "one clock for all layers");
                    counted[0] = packets;
                }
            });
            assertEquals(layers.packetsSent(layer), counted[0]);
            assertEquals(SSRCS[layer], sdes[0], "the CNAME chunk of the layer's SSRC");
            String text = new String(datagram, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("cname@test"));
        }
    }
}
