package dev.vc.transport.udp.internal.receive;

import dev.vc.api.TransportListener;
import dev.vc.transport.udp.rtp.PaddingPacketWriter;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.jpeg.TestJpegs;
import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import dev.vc.transport.udp.jpeg.TestPackets;
import dev.vc.transport.udp.internal.control.RtcpSession;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each stage of the receive chain counts what it drops under its own reason, and nothing else. */
class ReceiveChainTest {
    private static final long CAPTURE = 1_700_000_000_000_000_000L;
    private static final byte[] JPEG = TestJpegs.encode(TestJpegs.picture(128, 96, 7, 100), 0.8f, Sampling.YUV420);

    private static List<byte[]> frame(RtpPacketWriter writer) {
        return TestPackets.packetize(JPEG, 300, CAPTURE, writer);
    }

    private static void assertOnlyDropped(DispatcherHarness rx, ReceiveDropReason reason, long count) {
        assertEquals(Map.of(reason.name(), count), rx.counters.packetsDropped.byReason());
        assertEquals(count, rx.counters.packetsDropped.sum(reason));
        assertEquals(count, rx.counters.packetsDropped.sum(), "the total is the sum of the reasons");
    }

    @Test
    void shouldCountStunThatIsNotTheRelaysAnswerAsUnexpected() {
        DispatcherHarness rx = new DispatcherHarness();
        rx.feed(new byte[20]);
        assertOnlyDropped(rx, ReceiveDropReason.UNEXPECTED_STUN, 1);
    }

    @Test
    void shouldCountUnreadableRtcpAsMalformedRtcp() {
        TransportListener quiet = (stream, frame) -> { };
        RtcpSession rtcp = new RtcpSession(DispatcherHarness.localStreams(DispatcherHarness.OWN_SSRC), "test", 1200,
                (data, length) -> { }, quiet, null);
        DispatcherHarness rx = new DispatcherHarness(ReceiveLimits.DEFAULTS, rtcp);
        rx.feed(new byte[] {(byte) 0x80, (byte) 200, 0, 40, 1, 2, 3, 4});  // an SR whose length overruns
        assertOnlyDropped(rx, ReceiveDropReason.MALFORMED_RTCP, 1);
    }

    @Test
    void shouldCountTooShortRtpAsMalformedRtp() {
        DispatcherHarness rx = new DispatcherHarness();
        rx.feed(new byte[] {(byte) 0x80, 26, 0, 1});
        assertOnlyDropped(rx, ReceiveDropReason.MALFORMED_RTP, 1);
    }

    @Test
    void shouldCountOurOwnSsrcAsReflected() {
        DispatcherHarness rx = new DispatcherHarness();
        List<byte[]> own = frame(new RtpPacketWriter(DispatcherHarness.OWN_SSRC, 26, 0, 0));
        rx.feedAll(own);
        assertOnlyDropped(rx, ReceiveDropReason.REFLECTED_OWN_SSRC, own.size());
    }

    @Test
    void shouldDropPaddingOnlyPacketsOfAnySsrcWithoutAStreamAndNotAsAnError() {
        DispatcherHarness rx = new DispatcherHarness();
        List<byte[]> media = frame(new RtpPacketWriter(0x1234, 26, 100, 0));
        rx.feedAll(media);
        byte[] padding = new byte[PaddingPacketWriter.MAX_LENGTH];
        int[] ssrcs = {0x1234, 0x76632d72, DispatcherHarness.OWN_SSRC, 0x5555};   // a stream's, the relay's, ours
        for (int i = 0; i < ssrcs.length; i++) {
            int n = PaddingPacketWriter.write(padding, 0, 26, 40_000 + i, 0, ssrcs[i], 0, 1 + 80 * i);
            rx.feed(Arrays.copyOf(padding, n));
        }
        rx.feedAll(TestPackets.packetize(JPEG, 300, CAPTURE + 33_000_000,
                new RtpPacketWriter(0x1234, 26, 100 + media.size(), 0)));

        assertEquals(Map.of(ReceiveDropReason.PADDING_ONLY.name(), (long) ssrcs.length),
                rx.counters.packetsDropped.byReason());
        assertEquals(0, rx.counters.packetsDropped.sum(), "padding is not counted as dropped");
        assertEquals(1, rx.chain.streamCount(), "no stream for the padding's SSRCs");
        assertEquals(2, rx.frames.size(), "the stream's far-off padding numbers did not disturb it");
    }

    @Test
    void shouldCountPayloadTypesOfNoCodecAsUnknown() {
        DispatcherHarness rx = new DispatcherHarness();
        List<byte[]> packets = frame(new RtpPacketWriter(1, 98, 0, 0));
        rx.feedAll(packets);
        assertOnlyDropped(rx, ReceiveDropReason.UNKNOWN_PAYLOAD_TYPE, packets.size());
    }

    @Test
    void shouldCountAPayloadTooShortForItsFormatAsMalformedPayload() {
        DispatcherHarness rx = new DispatcherHarness();
        byte[] packet = frame(new RtpPacketWriter(1, 26, 0, 0)).get(0);
        rx.feed(Arrays.copyOf(packet, RtpPacketWriter.HEADER_LENGTH + 2));
        assertOnlyDropped(rx, ReceiveDropReason.MALFORMED_PAYLOAD, 1);
    }

    @Test
    void shouldCountASequenceNumberSeenBeforeAsDuplicate() {
        DispatcherHarness rx = new DispatcherHarness();
        byte[] packet = frame(new RtpPacketWriter(1, 26, 0, 0)).get(0);
        rx.feed(packet);
        rx.feed(packet);
        assertOnlyDropped(rx, ReceiveDropReason.DUPLICATE, 1);
        assertEquals(1, rx.counters.packetsReceived.sum());
    }

    @Test
    void shouldCountASequenceNumberFarBehindAsTooOld() {
        DispatcherHarness rx = new DispatcherHarness();
        rx.feed(frame(new RtpPacketWriter(1, 26, 5000, 0)).get(0));
        rx.feed(frame(new RtpPacketWriter(1, 26, 1000, 0)).get(0));
        assertOnlyDropped(rx, ReceiveDropReason.TOO_OLD, 1);
    }

    @Test
    void shouldCountPacketsOfADeliveredFrameAsAlreadyClosed() {
        DispatcherHarness rx = new DispatcherHarness();
        rx.feedAll(frame(new RtpPacketWriter(1, 26, 0, 0)));
        rx.feed(frame(new RtpPacketWriter(1, 26, 100, 0)).get(0));     // the same frame, later sequence numbers
        assertEquals(1, rx.frames.size());
        assertOnlyDropped(rx, ReceiveDropReason.FRAME_ALREADY_CLOSED, 1);
    }

    @Test
    void shouldCountTheSameFragmentUnderAnotherSequenceNumberAsNothingNew() {
        DispatcherHarness rx = new DispatcherHarness();
        rx.feed(frame(new RtpPacketWriter(1, 26, 0, 0)).get(0));
        rx.feed(frame(new RtpPacketWriter(1, 26, 100, 0)).get(0));
        assertOnlyDropped(rx, ReceiveDropReason.NOTHING_NEW, 1);
    }

    @Test
    void shouldAcceptAWholeFrameWithoutADrop() {
        DispatcherHarness rx = new DispatcherHarness();
        List<byte[]> packets = frame(new RtpPacketWriter(1, 26, 0, 0));
        rx.feedAll(packets);
        assertEquals(Map.of(), rx.counters.packetsDropped.byReason());
        assertEquals(packets.size(), rx.counters.packetsReceived.sum());
        assertEquals(1, rx.frames.size());
    }
}
