package dev.vc.transport.udp.internal.receive;

import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264TestStreams;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.jpeg.TestJpegs;
import dev.vc.transport.udp.jpeg.TestPackets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.vc.transport.udp.h264.H264TestStreams.annexB;
import static dev.vc.transport.udp.h264.H264TestStreams.nal;
import static dev.vc.transport.udp.h264.H264TestStreams.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The receive pipeline with H.264: payload type 96, proving where access units start, loss, codec changes. */
class H264AssemblyTest {
    private static final long CAPTURE = 1_700_000_000_000_000_000L;
    private static final long FRAME_NANOS = 33_333_334L;
    private final Random random = new Random(3);

    private byte[] keyframe() {
        return annexB(List.of(H264TestStreams.SPS_320X240, H264TestStreams.PPS, slice(5, 3, 3000, true, random)));
    }

    private byte[] delta() {
        return annexB(List.of(slice(1, 2, 800, true, random), slice(1, 2, 100, false, random)));
    }

    /** What a receiver joining a stream mid-picture gets first: a later slice, which proves no start. */
    private byte[] midPicture() {
        return annexB(List.of(slice(1, 2, 100, false, random)));
    }

    private static List<byte[]> packets(byte[] au, RtpPacketWriter writer, int index) {
        return new ArrayList<>(H264TestStreams.packetize(au, 500, CAPTURE + index * FRAME_NANOS, writer));
    }

    @Test
    void shouldDeliverEveryAccessUnitAfterTheFirstWithCodecKeyframeAndSize() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(0x264, 96, 65530, 0);
        List<byte[]> sent = List.of(midPicture(), delta(), keyframe(), delta());
        List<Integer> timestamps = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            List<byte[]> packets = packets(sent.get(i), writer, i);
            timestamps.add(new RtpHeader().parse(packets.get(0), 0, packets.get(0).length).timestamp());
            rx.feedAll(packets);
        }
        assertEquals(3, rx.frames.size(), "the first access unit, a picture's later slice, cannot be proved to start there");
        for (int i = 1; i < sent.size(); i++) {
            DispatcherHarness.Received got = rx.frames.get(i - 1);
            assertArrayEquals(sent.get(i), got.jfif(), "access unit " + i);
            assertEquals(VideoCodec.H264, got.stream().codec());
            assertEquals(i % 2 == 0, got.keyframe());
            if (i >= 2) {
                assertEquals(320, got.width(), "the size of the last SPS handed on");
                assertEquals(240, got.height());
            }
            assertEquals(CAPTURE + i * FRAME_NANOS, got.captureTimeNanos());
            assertEquals(timestamps.get(i), got.rtpTimestamp(), "the RTP timestamp it arrived with");
            assertEquals(i - 1, got.sequence());
        }
        assertEquals(0, rx.counters.packetsDropped.sum());
        assertEquals(1, rx.counters.framesIncomplete.sum(), "the first, discarded when the second completed");
    }

    @Test
    void shouldDeliverAStreamsFirstAccessUnitWhenItBeginsWithTheParameterSets() {
        // Where a relay starts a receiver's stream: at a keyframe, SPS and PPS in the first packet's STAP-A.
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 96, 40_000, 0);
        byte[] first = keyframe();
        rx.feedAll(packets(first, writer, 0));
        assertEquals(1, rx.frames.size(), "an SPS begins an access unit: nothing before it was lost");
        assertArrayEquals(first, rx.frames.get(0).jfif());
        assertTrue(rx.frames.get(0).keyframe());
        assertEquals(0, rx.counters.framesIncomplete.sum());
    }

    @Test
    void shouldDeliverAStreamsFirstAccessUnitThatBeginsWithSeiPpsOrItsFirstSlice() {
        // ffmpeg and GStreamer senders whose parameter sets travel out of band (or only some of them in band)
        byte[] sei = {0x06, 0x05, 0x10, 0x11};
        List<byte[]> firstUnits = List.of(
                annexB(List.of(sei, slice(5, 3, 3000, true, random))),
                annexB(List.of(H264TestStreams.PPS, sei, slice(5, 3, 3000, true, random))),
                annexB(List.of(slice(5, 3, 3000, true, random), slice(5, 3, 700, false, random))),
                annexB(List.of(slice(1, 2, 300, true, random))));
        for (byte[] first : firstUnits) {
            DispatcherHarness rx = new DispatcherHarness();
            rx.feedAll(packets(first, new RtpPacketWriter(1, 96, 40_000, 0), 0));
            assertEquals(1, rx.frames.size(), "nothing of the access unit comes before its first packet");
            assertArrayEquals(first, rx.frames.get(0).jfif());
            assertEquals(0, rx.counters.framesIncomplete.sum());
        }
    }

    /**
     * A relay that switches a receiver onto another layer numbers the new layer's keyframe right after the last
     * packet it forwarded of the old one; when a full queue dropped that packet, nothing ever proves the keyframe's
     * start from the packet before it. Its SPS does: it is handed on at once. A delta after a lost packet is not:
     * its first slice may follow a lost one of its own picture.
     */
    @Test
    void shouldDeliverAKeyframeThatOpensWithItsSpsWhateverWasLostBeforeIt() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 96, 40_000, 0);
        rx.feedAll(packets(keyframe(), writer, 0));
        List<byte[]> cut = packets(delta(), writer, 1);
        rx.feedAll(cut.subList(0, cut.size() - 1));             // its marker packet dropped by a full queue
        rx.nowNanos += 450_000_000L;                            // the new layer's keyframe comes when it drained
        byte[] next = keyframe();
        rx.feedAll(packets(next, writer, 2));
        assertEquals(2, rx.frames.size(), "the keyframe, at once");
        assertArrayEquals(next, rx.frames.get(1).jfif());
        assertTrue(rx.frames.get(1).keyframe());

        List<byte[]> lost = packets(delta(), writer, 3);
        rx.feedAll(lost.subList(0, lost.size() - 1));
        rx.nowNanos += 450_000_000L;
        rx.feedAll(packets(annexB(List.of(slice(5, 3, 3000, true, random))), writer, 4));
        assertEquals(2, rx.frames.size(), "an IDR slice without its SPS after a lost packet proves nothing");
    }

    @Test
    void shouldNotDeliverAStreamsFirstAccessUnitJoinedInsideItsFirstSlice() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 96, 40_000, 0);
        List<byte[]> first = packets(keyframe(), writer, 0);
        first.subList(0, 2).clear();   // the STAP-A and the IDR slice's first fragment
        rx.feedAll(first);
        rx.feedAll(packets(delta(), writer, 1));
        assertEquals(1, rx.frames.size(), "only the delta, whose start the keyframe's last packet proves");
        assertFalse(rx.frames.get(0).keyframe());
        assertEquals(1, rx.counters.framesIncomplete.sum());
    }

    @Test
    void shouldDeliverAccessUnitsWhoseMarkerIsMissingOnceTheNextOneStarts() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 96, 0, 0);
        List<List<byte[]>> units = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<byte[]> p = packets(i == 0 ? midPicture() : delta(), writer, i);
            byte[] last = p.get(p.size() - 1);
            last[1] &= 0x7F; // a sender that never sets the marker bit
            units.add(p);
        }
        units.forEach(rx::feedAll);
        assertEquals(2, rx.frames.size(), "units 1 and 2 end where the next starts; 0 and 3 are unproved");
        assertArrayEquals(H264TestStreams.depacketizeWithEnd(units.get(1)), rx.frames.get(0).jfif());
    }

    @Test
    void shouldGiveUpAnAccessUnitWithoutItsMarkerPacketOnceTheNextNumberCarriesAnotherOne() {
        // A relay that stops forwarding a layer inside a frame (the frame's end lost on its way to the relay) and goes
        // on with another layer's keyframe at the next number: on a stream that marks its access units' ends, the
        // access unit cut off there is incomplete for good. Handed on, a keyframe's parameter sets without its
        // picture made the decoder fail; given up, the loss comes before the keyframe, which decodes.
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 96, 0, 0);
        rx.feedAll(packets(keyframe(), writer, 0));
        rx.feedAll(packets(delta(), writer, 1));
        byte[] parameterSets = packets(keyframe(), writer, 2).get(0);   // its STAP-A; the rest never comes
        rx.feed(parameterSets);
        int next = new RtpHeader().parse(parameterSets, 0, parameterSets.length).sequence() + 1;
        List<byte[]> otherLayer = packets(keyframe(), new RtpPacketWriter(1, 96, next, 0), 3);
        rx.feedAll(otherLayer);
        assertEquals(List.of("frame", "frame", "lost", "frame"), rx.events, "at once, no retransmission waited for");
        assertEquals(3, rx.frames.size());
        assertArrayEquals(H264TestStreams.depacketize(otherLayer), rx.frames.get(2).jfif());
        assertTrue(rx.frames.get(2).keyframe());
        assertEquals(1, rx.counters.framesIncomplete.sum(), "the access unit cut off");
    }

    @Test
    void shouldDeliverAnAccessUnitCompletedByAReorderedPacketOfThePreviousOne() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 96, 100, 0);
        List<byte[]> a = packets(midPicture(), writer, 0);
        List<byte[]> b = packets(delta(), writer, 1);
        List<byte[]> c = packets(delta(), writer, 2);
        rx.feedAll(a);
        byte[] lastOfB = b.remove(b.size() - 1);
        rx.feedAll(b);
        rx.feedAll(c);
        assertEquals(0, rx.frames.size(), "b lacks its marker packet, so c's start is unproved");
        rx.feed(lastOfB);
        assertEquals(2, rx.frames.size(), "the late packet completes b and proves c's start");
        assertEquals(0, rx.counters.packetsDropped.sum());
    }

    @Test
    void shouldNeverDeliverAnAccessUnitMissingAPacket() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 96, 0, 0);
        rx.feedAll(packets(midPicture(), writer, 0)); // joined mid-stream: unprovable
        List<byte[]> lossy = packets(keyframe(), writer, 1);
        lossy.remove(0); // the STAP-A with SPS and PPS
        rx.feedAll(lossy);
        List<byte[]> next = packets(delta(), writer, 2);
        rx.feedAll(next);
        assertEquals(1, rx.frames.size());
        assertArrayEquals(H264TestStreams.depacketize(next), rx.frames.get(0).jfif());
        assertEquals(2, rx.counters.framesIncomplete.sum(), "the first (unproved) and the lossy one");
    }

    @Test
    void shouldReportALostAccessUnitBeforeTheFrameThatGaveItUp() {
        // A decoder handed the frame after the gap before it hears of the gap decodes against a missing reference.
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 96, 0, 0);
        rx.feedAll(packets(midPicture(), writer, 0)); // joined mid-stream: unprovable
        rx.feedAll(packets(delta(), writer, 1));
        assertEquals(List.of("lost", "frame"), rx.events, "the unproved first access unit, then the second");
        rx.events.clear();
        List<byte[]> lossy = packets(delta(), writer, 2);
        lossy.remove(lossy.size() - 1); // its end is lost, so the next one cannot be proved to start cleanly
        rx.feedAll(lossy);
        rx.feedAll(packets(delta(), writer, 3));
        assertEquals(List.of(), rx.events);
        rx.nowNanos += ReceiveLimits.DEFAULTS.retransmitWaitNanos();   // no retransmission came
        rx.feedAll(packets(delta(), writer, 4));
        assertEquals(List.of("lost", "frame"), rx.events, "2 and 3 given up, then 4");
    }

    @Test
    void shouldHoldNewerAccessUnitsWhileAnOlderOneWaitsForARetransmission() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 96, 0, 0);
        rx.feedAll(packets(midPicture(), writer, 0)); // joined mid-stream: unprovable
        rx.feedAll(packets(delta(), writer, 1));
        rx.events.clear();
        List<byte[]> lossy = packets(delta(), writer, 2);
        byte[] lost = lossy.remove(1);
        rx.feedAll(lossy);
        rx.feedAll(packets(delta(), writer, 3));
        rx.feedAll(packets(delta(), writer, 4));
        assertEquals(List.of(), rx.events, "3 and 4 are whole but cannot be decoded without 2");
        rx.nowNanos += ReceiveLimits.DEFAULTS.retransmitWaitNanos() / 2;
        rx.feed(lost);   // the retransmission
        assertEquals(List.of("frame", "frame", "frame"), rx.events, "2, 3 and 4 in order, nothing lost");
        assertEquals(List.of(CAPTURE + 2 * FRAME_NANOS, CAPTURE + 3 * FRAME_NANOS, CAPTURE + 4 * FRAME_NANOS),
                rx.frames.subList(1, 4).stream().map(DispatcherHarness.Received::captureTimeNanos).toList());
        assertEquals(1, rx.counters.framesIncomplete.sum(), "only the unprovable first access unit");
    }

    @Test
    void shouldSwitchCodecWhenTheSenderDoes() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(9, 26, 0, 0);
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(64, 48, 1, 10), 0.8f, TestJpegs.Sampling.YUV420);
        rx.feedAll(TestPackets.packetize(jpeg, 500, CAPTURE, writer));
        writer.setPayloadType(96);
        for (int i = 1; i <= 3; i++) {
            rx.feedAll(packets(i == 1 ? keyframe() : delta(), writer, i));
        }
        assertEquals(VideoCodec.JPEG, rx.frames.get(0).stream().codec());
        assertTrue(rx.frames.size() >= 3, "JPEG frame, then H.264 from the second access unit on");
        assertEquals(VideoCodec.H264, rx.frames.get(rx.frames.size() - 1).stream().codec());
        assertEquals(9, rx.frames.get(rx.frames.size() - 1).stream().ssrc());
    }

    @Test
    void shouldDropPacketsOfUnknownPayloadTypesAndMalformedH264() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 100, 0, 0);
        rx.feedAll(packets(delta(), writer, 0));
        long unknown = rx.counters.packetsDropped.sum();
        assertTrue(unknown > 0);
        byte[] stapA = new byte[RtpPacketWriter.HEADER_LENGTH + 4];
        new RtpPacketWriter(1, 96, 5, 0).writeHeader(stapA, 0, true, 0, 0L);
        stapA[RtpPacketWriter.HEADER_LENGTH] = 0x78;
        stapA[RtpPacketWriter.HEADER_LENGTH + 2] = 9; // size 9, 1 byte there
        rx.feed(stapA);
        assertEquals(unknown + 1, rx.counters.packetsDropped.sum());
        assertEquals(0, rx.counters.packetsReceived.sum());
        assertFalse(rx.frames.size() > 0);
    }

    @Test
    void shouldSurviveAnyOrderOfManyAccessUnitsWithinTheWindow() {
        DispatcherHarness rx = new DispatcherHarness();
        RtpPacketWriter writer = new RtpPacketWriter(1, 96, 60_000, 0);
        List<byte[]> all = new ArrayList<>();
        List<byte[]> units = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] au = i == 0 ? keyframe() : delta();
            units.add(au);
            all.addAll(packets(au, writer, i));
        }
        Collections.reverse(all);
        rx.feedAll(all);
        assertEquals(1, rx.frames.size(), "the newest completes first and makes the older ones late");
        assertArrayEquals(units.get(2), rx.frames.get(0).jfif());
    }
}
