package dev.vc.transport.udp.internal.receive;

import dev.vc.api.RtxSsrc;
import dev.vc.api.TransportListener;
import dev.vc.transport.udp.cc.BitrateLimits;
import dev.vc.transport.udp.cc.TransportFeedback;
import dev.vc.transport.udp.cc.TransportFeedbackHandler;
import dev.vc.transport.udp.cc.TransportFeedbackReader;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import dev.vc.transport.udp.internal.PayloadTypes;
import dev.vc.transport.udp.internal.control.CongestionControl;
import dev.vc.transport.udp.internal.control.RtcpSession;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtxPacketWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The receiving end of the downlink: the receive chain records each packet's transport-wide sequence number
 * and, every 50 ms, sends transport-cc feedback about what arrived to the relay, with the client's SSRC as
 * sender; padding-only packets (probes, on an RTX SSRC as the relay sends them) included, and dropped as padding.
 */
class TransportSequenceRecorderTest {
    private static final int OWN_SSRC = 0x0C0FFEE;
    private static final long MS = 1_000_000L;

    @Test
    void shouldSendFeedbackAboutEveryPacketThatArrived() {
        List<byte[]> sent = new ArrayList<>();
        CongestionControl congestion = new CongestionControl(OWN_SSRC, BitrateLimits.DEFAULT, 1024, 1200, 0, false);
        congestion.output((data, length) -> sent.add(Arrays.copyOf(data, length)));
        TransportListener quiet = (stream, frame) -> { };
        RtcpSession rtcp = new RtcpSession(DispatcherHarness.localStreams(OWN_SSRC), "test", 1200, (d, n) -> { }, quiet,
                congestion);
        ReceiveCounters counters = new ReceiveCounters();
        ReceiveChain chain = new ReceiveChain(new int[] {OWN_SSRC}, PayloadTypes.DEFAULTS, ReceiveLimits.DEFAULTS,
                counters, quiet, null, rtcp);

        RtpPacketWriter relay = new RtpPacketWriter(0x5150, 26, 0, 0);
        RtxPacketWriter probes = new RtxPacketWriter(RtxSsrc.of(0x5150), 9);
        byte[] packet = new byte[200];
        int[] stamped = {40, 41, 43, 44};                       // 42 was lost on the way
        for (int i = 0; i < stamped.length; i++) {
            if (i == 2) {                                        // the relay's probe: padding on the stream's RTX SSRC
                int n = probes.padding(35, 0, 100, packet, 0);
                TransportSequenceNumber.rewrite(packet, TransportSequenceNumber.locate(packet, 0, n,
                        TransportSequenceNumber.DEFAULT_ID), stamped[i]);
                chain.onDatagram(packet, n, 1_000 * MS + i * 20 * MS);
                continue;
            }
            relay.writeHeader(packet, 0, false, 0, 0);
            TransportSequenceNumber.rewrite(packet, RtpPacketWriter.TRANSPORT_SEQUENCE_OFFSET, stamped[i]);
            chain.onDatagram(packet, packet.length, 1_000 * MS + i * 20 * MS);
        }

        assertEquals(1, sent.size(), "one message once 50 ms have passed");
        byte[] message = sent.get(0);
        assertEquals(TransportFeedback.PACKET_TYPE, message[1] & 0xFF);
        List<Integer> received = new ArrayList<>();
        List<Integer> lost = new ArrayList<>();
        int[] sender = new int[1];
        TransportFeedbackReader.read(message, 0, message.length, new TransportFeedbackHandler() {
            @Override
            public void onFeedback(int senderSsrc, int mediaSsrc, int base, int count, int reference, int fbCount) {
                sender[0] = senderSsrc;
            }

            @Override
            public void onReceived(int sequence, long arrivalMicros) {
                received.add(sequence);
            }

            @Override
            public void onNotReceived(int sequence) {
                lost.add(sequence);
            }
        });
        assertEquals(OWN_SSRC, sender[0]);
        assertEquals(List.of(40, 41, 43, 44), received, "padding included, so probes are measured");
        assertEquals(1, counters.drops().sum(ReceiveDropReason.PADDING_ONLY));
        assertEquals(0, counters.drops().sum(ReceiveDropReason.RTX_BAD_OSN)
                + counters.drops().sum(ReceiveDropReason.RTX_UNKNOWN_SSRC), "a padding-only RTX is no malformed RTX");
        assertEquals(List.of(42), lost);
        assertEquals(1, congestion.feedbackSent());
    }
}
