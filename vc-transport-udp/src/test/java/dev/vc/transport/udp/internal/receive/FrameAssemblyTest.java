package dev.vc.transport.udp.internal.receive;

import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtpTimestamp;
import dev.vc.transport.udp.jpeg.TestJpegs;
import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import dev.vc.transport.udp.jpeg.TestPackets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameAssemblyTest {
    private static final long CAPTURE = 1_700_000_000_000_000_000L;
    private static final long FRAME_NANOS = 33_333_334L;
    private static final byte[] JPEG = TestJpegs.encode(TestJpegs.picture(128, 96, 7, 100), 0.8f, Sampling.YUV420);
    private static final byte[] JPEG_B = TestJpegs.encode(TestJpegs.picture(128, 96, 8, 100), 0.8f, Sampling.YUV420);

    private static List<byte[]> frame(byte[] jpeg, RtpPacketWriter writer, long capture) {
        return new ArrayList<>(TestPackets.packetize(jpeg, 300, capture, writer));
    }

    @Test
    void shouldReassembleReorderedPackets() {
        DispatcherHarness rx = new DispatcherHarness();
        List<byte[]> packets = frame(JPEG, new RtpPacketWriter(1, 26, 0, 0), CAPTURE);
        byte[] expected = TestPackets.depacketize(packets);
        Collections.reverse(packets);
        rx.feedAll(packets);

        assertEquals(1, rx.frames.size());
        assertArrayEquals(expected, rx.frames.get(0).jfif());
        assertEquals(packets.size(), rx.counters.packetsReceived.sum());
        assertEquals(0, rx.counters.packetsDropped.sum());
    }

    @Test
    void shouldDescribeTheFrameWithCaptureTimeSizeAndCounter() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(0x1234, 26, 0, 0);
        rx.feedAll(frame(JPEG, writer, CAPTURE));
        rx.feedAll(frame(JPEG_B, writer, CAPTURE + FRAME_NANOS));

        assertEquals(2, rx.frames.size());
        DispatcherHarness.Received first = rx.frames.get(0);
        assertEquals(0x1234, first.stream().ssrc());
        assertEquals(VideoCodec.JPEG, first.stream().codec());
        assertEquals(128, first.width());
        assertEquals(96, first.height());
        assertEquals(CAPTURE, first.captureTimeNanos());
        assertTrue(first.keyframe());
        assertEquals(0, first.sequence());
        assertEquals(1, rx.frames.get(1).sequence());
        assertEquals(CAPTURE + FRAME_NANOS, rx.frames.get(1).captureTimeNanos());
        assertEquals(2, rx.counters.framesReceived.sum());
    }

    @Test
    void shouldSuppressDuplicatePackets() {
        DispatcherHarness rx = new DispatcherHarness();
        List<byte[]> packets = frame(JPEG, new RtpPacketWriter(1, 26, 0, 0), CAPTURE);
        for (byte[] p : packets) {
            rx.feed(p);
            rx.feed(p);
        }
        packets.forEach(rx::feed); // late duplicates after the frame completed
        assertEquals(1, rx.frames.size());
        assertEquals(2L * packets.size(), rx.counters.packetsDropped.sum());
        assertEquals(0, rx.counters.framesIncomplete.sum());
    }

    @Test
    void shouldDiscardAFrameWithALostPacketWhenANewerFrameCompletes() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 26, 0, 0);
        List<byte[]> lossy = frame(JPEG, writer, CAPTURE);
        lossy.remove(1);
        List<byte[]> whole = frame(JPEG_B, writer, CAPTURE + FRAME_NANOS);
        rx.feedAll(lossy);
        assertEquals(0, rx.frames.size());
        rx.feedAll(whole);

        assertEquals(1, rx.frames.size());
        assertArrayEquals(TestPackets.depacketize(whole), rx.frames.get(0).jfif());
        assertEquals(1, rx.counters.framesIncomplete.sum());
    }

    @Test
    void shouldNeverDeliverAFrameWithoutItsMarkerPacket() {
        DispatcherHarness rx = new DispatcherHarness();
        List<byte[]> packets = frame(JPEG, new RtpPacketWriter(1, 26, 0, 0), CAPTURE);
        packets.remove(packets.size() - 1);
        rx.feedAll(packets);
        rx.nowNanos += 2_000_000_000L;
        rx.feed(frame(JPEG, new RtpPacketWriter(2, 26, 0, 0), CAPTURE).get(0)); // any packet lets expiry run
        assertEquals(0, rx.frames.size());
        assertEquals(1, rx.counters.framesIncomplete.sum(), "expired after the frame timeout");
    }

    @Test
    void shouldReassembleAFrameWhoseSequenceNumbersWrapAt65535() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 26, 65530, 0);
        List<byte[]> packets = frame(JPEG, writer, CAPTURE);
        assertTrue(packets.size() > 10, "the frame spans the wrap");
        assertTrue(writer.nextSequence() < 65530);
        Collections.swap(packets, 5, 6); // 65535 and 0 out of order
        rx.feedAll(packets);
        rx.feedAll(frame(JPEG_B, writer, CAPTURE + FRAME_NANOS));
        assertEquals(2, rx.frames.size());
        assertEquals(0, rx.counters.packetsDropped.sum());
    }

    @Test
    void shouldDeliverFramesAcrossTheRtpTimestampWrap() {
        DispatcherHarness rx = new DispatcherHarness();
        int offset = -RtpTimestamp.fromNanos(CAPTURE, 0) - 1500; // first frame at 2^32 - 1500
        RtpPacketWriter writer = new RtpPacketWriter(1, 26, 0, offset);
        assertEquals(-1500, writer.timestamp(CAPTURE));
        assertEquals(1500, writer.timestamp(CAPTURE + FRAME_NANOS));
        rx.feedAll(frame(JPEG, writer, CAPTURE));
        rx.feedAll(frame(JPEG_B, writer, CAPTURE + FRAME_NANOS));
        rx.feedAll(frame(JPEG, writer, CAPTURE + 2 * FRAME_NANOS));
        assertEquals(3, rx.frames.size());
        assertEquals(0, rx.counters.framesIncomplete.sum());
    }

    @Test
    void shouldAssembleInterleavedFramesOfOneStream() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 26, 0, 0);
        List<byte[]> a = frame(JPEG, writer, CAPTURE);
        List<byte[]> b = frame(JPEG_B, writer, CAPTURE + FRAME_NANOS);
        List<byte[]> mixed = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                mixed.add(a.get(i));
            }
            if (i < b.size()) {
                mixed.add(b.get(i));
            }
        }
        rx.feedAll(mixed);
        assertEquals(2, rx.frames.size());
        assertEquals(0, rx.counters.framesIncomplete.sum());
    }

    @Test
    void shouldKeepAtMostMaxPendingFramesPerStream() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 26, 0, 0);
        int slots = ReceiveLimits.DEFAULTS.maxPendingFrames();
        for (int i = 0; i < slots + 2; i++) {
            List<byte[]> packets = frame(JPEG, writer, CAPTURE + i * FRAME_NANOS);
            packets.remove(packets.size() - 1);
            rx.feedAll(packets);
        }
        assertEquals(0, rx.frames.size());
        assertEquals(2, rx.counters.framesIncomplete.sum(), "2 frames more than slots: the 2 oldest were evicted");
    }

    @Test
    void shouldDiscardAFrameLargerThanTheMaximum() {
        DispatcherHarness rx = new DispatcherHarness(new ReceiveLimits(1000, 4, 64, 1_000_000_000L, 0));
        rx.feedAll(frame(JPEG, new RtpPacketWriter(1, 26, 0, 0), CAPTURE));
        assertEquals(0, rx.frames.size());
        assertEquals(1, rx.counters.framesIncomplete.sum());
    }

    @Test
    void shouldDropOwnPacketsReflectedBack() {
        DispatcherHarness rx = new DispatcherHarness();
        List<byte[]> own = frame(JPEG, new RtpPacketWriter(DispatcherHarness.OWN_SSRC, 26, 0, 0), CAPTURE);
        rx.feedAll(own);
        assertEquals(0, rx.frames.size());
        assertEquals(own.size(), rx.counters.packetsDropped.sum(ReceiveDropReason.REFLECTED_OWN_SSRC));
        assertEquals(own.size(), rx.counters.packetsDropped.sum());
        assertEquals(0, rx.chain.streamCount());
    }

    @Test
    void shouldDropUnknownPayloadTypesAndMalformedPackets() {
        DispatcherHarness rx = new DispatcherHarness();
        rx.feedAll(frame(JPEG, new RtpPacketWriter(1, 97, 0, 0), CAPTURE)); // 96 is H.264
        rx.feed(new byte[] {1, 2, 3});
        rx.feed(new byte[] {(byte) 0x80, 26, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 1, 2}); // RTP ok, JPEG header short
        assertEquals(0, rx.frames.size());
        assertEquals(rx.counters.packetsDropped.sum(), frame(JPEG, new RtpPacketWriter(1, 97, 0, 0), CAPTURE).size() + 2L);
        assertEquals(0, rx.counters.packetsReceived.sum());
    }

    @Test
    void shouldKeepStreamsApartBySsrc() {
        DispatcherHarness rx = new DispatcherHarness();
        List<byte[]> a = frame(JPEG, new RtpPacketWriter(0xA, 26, 100, 0), CAPTURE);
        List<byte[]> b = frame(JPEG_B, new RtpPacketWriter(0xB, 26, 100, 0), CAPTURE);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < b.size()) {
                rx.feed(b.get(i));
            }
            if (i < a.size()) {
                rx.feed(a.get(i));
            }
        }
        assertEquals(2, rx.frames.size());
        for (DispatcherHarness.Received f : rx.frames) {
            byte[] expected = TestPackets.depacketize(f.stream().ssrc() == 0xA ? a : b);
            assertArrayEquals(expected, f.jfif());
        }
    }

    @Test
    void shouldEvictTheLeastRecentlyActiveStream() {
        DispatcherHarness rx = new DispatcherHarness(new ReceiveLimits(1 << 20, 4, 2, 1_000_000_000L, 0));
        rx.feedAll(frame(JPEG, new RtpPacketWriter(1, 26, 0, 0), CAPTURE));
        List<byte[]> pending = frame(JPEG, new RtpPacketWriter(2, 26, 0, 0), CAPTURE);
        pending.remove(pending.size() - 1);
        rx.feedAll(pending);
        rx.feedAll(frame(JPEG, new RtpPacketWriter(1, 26, 500, 0), CAPTURE + FRAME_NANOS));
        rx.feedAll(frame(JPEG, new RtpPacketWriter(3, 26, 0, 0), CAPTURE)); // evicts stream 2
        assertEquals(2, rx.chain.streamCount());
        assertEquals(1, rx.counters.framesIncomplete.sum(), "stream 2's pending frame was discarded");
        assertEquals(3, rx.frames.size());
    }

    @Test
    void shouldFollowASenderThatRestartsItsSequenceNumbers() {
        DispatcherHarness rx = new DispatcherHarness();
        rx.feedAll(frame(JPEG, new RtpPacketWriter(1, 26, 40_000, 0), CAPTURE));
        // same SSRC, sequence far behind the window and an older timestamp: a restarted sender
        RtpPacketWriter restarted = new RtpPacketWriter(1, 26, 20_000, -90_000);
        for (int i = 0; i < 3; i++) {
            rx.feedAll(frame(JPEG, restarted, CAPTURE + i * FRAME_NANOS));
        }
        assertTrue(rx.frames.size() >= 2, "frames after the resync are delivered, got " + rx.frames.size());
    }
}
