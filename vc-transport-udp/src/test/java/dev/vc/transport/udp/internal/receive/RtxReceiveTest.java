package dev.vc.transport.udp.internal.receive;

import dev.vc.api.RtpStreamStats;
import dev.vc.api.RtxSsrc;
import dev.vc.api.TransportListener;
import dev.vc.transport.udp.internal.control.RtcpSession;
import dev.vc.transport.udp.jpeg.TestJpegs;
import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import dev.vc.transport.udp.jpeg.TestPackets;
import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtxPacketWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Retransmissions (RTX, RFC 4588) on the receive side: unwrapped into the original, which then completes its frame
 * and leaves the NACK list; hostile ones (unknown stream, no OSN, an OSN no NACK asked for) counted and dropped.
 */
class RtxReceiveTest {
    private static final int SSRC = 0x1234;
    private static final long CAPTURE = 1_700_000_000_000_000_000L;
    private static final byte[] JPEG = TestJpegs.encode(TestJpegs.picture(128, 96, 7, 100), 0.8f, Sampling.YUV420);

    private final List<Integer> nacked = new ArrayList<>();
    private final RtcpSession rtcp = new RtcpSession(DispatcherHarness.localStreams(DispatcherHarness.OWN_SSRC),
            "test", 1200, this::onRtcpSent, (TransportListener) (stream, frame) -> { }, null);
    private final DispatcherHarness rx = new DispatcherHarness(ReceiveLimits.DEFAULTS, rtcp);
    private final RtxPacketWriter retransmissions = new RtxPacketWriter(RtxSsrc.of(SSRC), 7);

    private void onRtcpSent(byte[] data, int length) {
        RtcpReader.read(data, 0, length, new RtcpHandler() {
            @Override
            public void onNack(int sender, int media, int pid, int blp) {
                nacked.add(pid);
            }
        });
    }

    private static List<byte[]> frame(int firstSequence, long capture) {
        return TestPackets.packetize(JPEG, 300, capture, new RtpPacketWriter(SSRC, 26, firstSequence, 0));
    }

    private byte[] rtx(byte[] original) {
        byte[] out = new byte[original.length + 2];
        retransmissions.wrap(original, 0, original.length, out, 0);
        return out;
    }

    @Test
    void shouldPutARetransmissionBackIntoItsStreamSoTheFrameCompletesAndTheNackStops() {
        List<byte[]> packets = frame(100, CAPTURE);
        byte[] lost = packets.get(2);
        for (int i = 0; i < packets.size(); i++) {
            if (i != 2) {
                rx.feed(packets.get(i));
            }
        }
        assertEquals(List.of(102), nacked, "the gap is asked for");
        assertEquals(0, rx.frames.size());

        rx.feed(rtx(lost));
        assertEquals(1, rx.frames.size(), "the retransmission completed the frame");
        assertArrayEquals(TestPackets.depacketize(packets), rx.frames.get(0).jfif());
        assertEquals(Map.of(), rx.counters.packetsDropped.byReason(), "nothing dropped");
        RtpStreamStats remote = rtcp.remoteStats().get(0);
        assertEquals(SSRC, remote.ssrc(), "counted on the media stream, not the RTX SSRC");
        assertEquals(1, remote.retransmissions());

        rx.nowNanos += 1_000_000_000L;                           // long past the NACK's retry interval
        rx.feedAll(frame(100 + packets.size(), CAPTURE + 33_000_000));
        assertEquals(List.of(102), nacked, "not asked for again: it arrived");
        rx.feed(rtx(lost));
        assertEquals(Map.of(ReceiveDropReason.DUPLICATE.name(), 1L), rx.counters.packetsDropped.byReason(),
                "a second copy is a duplicate of the original");
    }

    @Test
    void shouldCountAndDropRetransmissionsOfNoKnownStreamWithoutAnOsnOrWithOneNoNackAskedFor() {
        List<byte[]> packets = frame(5_000, CAPTURE);
        rx.feedAll(packets);
        byte[] first = packets.get(0);

        RtxPacketWriter stranger = new RtxPacketWriter(RtxSsrc.of(0x5554), 0);
        byte[] unknown = new byte[first.length + 2];
        stranger.wrap(first, 0, first.length, unknown, 0);
        rx.feed(unknown);
        assertEquals(Map.of(ReceiveDropReason.RTX_UNKNOWN_SSRC.name(), 1L), rx.counters.packetsDropped.byReason());

        byte[] wrapped = rtx(first);
        rx.feed(Arrays.copyOf(wrapped, RtpPacketWriter.HEADER_LENGTH + 1));           // no room for an OSN
        rx.feed(withOsn(wrapped, 5_000 + packets.size() + 10));                       // ahead of the newest
        rx.feed(withOsn(wrapped, 5_000 - 2_000));                                     // beyond the window
        assertEquals(3, rx.counters.packetsDropped.sum(ReceiveDropReason.RTX_BAD_OSN));
        assertEquals(4, rx.counters.packetsDropped.sum(), "all four are errors");
        assertEquals(0, rtcp.remoteStats().get(0).retransmissions());
        assertEquals(1, rx.chain.streamCount(), "no stream for an RTX SSRC");
    }

    @Test
    void shouldDropPaddingOnlyRtxAsPaddingNotAsAMalformedRetransmission() {
        List<byte[]> packets = frame(300, CAPTURE);
        byte[] probe = new byte[dev.vc.transport.udp.rtp.PaddingPacketWriter.MAX_LENGTH];
        int n = retransmissions.padding(35, 0, 255, probe, 0);        // a probe of a known stream: no OSN
        rx.feed(Arrays.copyOf(probe, n));
        rx.feedAll(packets.subList(0, 2));
        rx.feed(Arrays.copyOf(probe, retransmissions.padding(35, 0, 255, probe, 0)));
        rx.feedAll(packets.subList(2, packets.size()));
        n = new RtxPacketWriter(RtxSsrc.of(0x5554), 0).padding(35, 0, 1, probe, 0);
        rx.feed(Arrays.copyOf(probe, n));                             // of a stream never seen

        assertEquals(Map.of(ReceiveDropReason.PADDING_ONLY.name(), 3L), rx.counters.packetsDropped.byReason(),
                "counted as padding, not as RTX_BAD_OSN or RTX_UNKNOWN_SSRC");
        assertEquals(0, rx.counters.packetsDropped.sum(), "no error");
        assertEquals(1, rx.frames.size(), "the stream's frame was not disturbed");
        assertEquals(List.of(), nacked, "no gap: the probes' numbers are the RTX stream's");
        assertEquals(0, rtcp.remoteStats().get(0).retransmissions());
        assertEquals(1, rx.chain.streamCount(), "no stream for an RTX SSRC");
    }

    @Test
    void shouldDropRetransmissionsOnOurOwnRtxSsrcAsReflections() {
        List<byte[]> own = TestPackets.packetize(JPEG, 300, CAPTURE,
                new RtpPacketWriter(DispatcherHarness.OWN_SSRC, 26, 0, 0));
        byte[] out = new byte[own.get(0).length + 2];
        new RtxPacketWriter(RtxSsrc.of(DispatcherHarness.OWN_SSRC), 0).wrap(own.get(0), 0, own.get(0).length, out, 0);
        rx.feed(out);
        assertEquals(Map.of(ReceiveDropReason.REFLECTED_OWN_SSRC.name(), 1L), rx.counters.packetsDropped.byReason());
    }

    private static byte[] withOsn(byte[] rtx, int osn) {
        byte[] copy = rtx.clone();
        copy[RtpPacketWriter.HEADER_LENGTH] = (byte) (osn >>> 8);
        copy[RtpPacketWriter.HEADER_LENGTH + 1] = (byte) osn;
        return copy;
    }
}
