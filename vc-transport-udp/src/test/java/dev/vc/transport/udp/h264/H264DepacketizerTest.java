package dev.vc.transport.udp.h264;

import dev.vc.api.EncodedFrame;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.vc.transport.udp.h264.H264TestStreams.annexB;
import static dev.vc.transport.udp.h264.H264TestStreams.nal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H264DepacketizerTest {
    private static final long CAPTURE = 1_700_000_000_000_000_000L;
    private final Random random = new Random(7);

    /** An RTP packet with vc's header around {@code payload}. */
    private static byte[] packet(int sequence, boolean marker, int... payload) {
        byte[] p = new byte[RtpPacketWriter.HEADER_LENGTH + payload.length];
        new RtpPacketWriter(1, 96, sequence, 0).writeHeader(p, 0, marker, 1234, 0L);
        for (int i = 0; i < payload.length; i++) {
            p[RtpPacketWriter.HEADER_LENGTH + i] = (byte) payload[i];
        }
        return p;
    }

    private static void add(H264Depacketizer d, byte[] packet) {
        d.add(new RtpHeader().parse(packet, 0, packet.length));
    }

    private static void assertMalformedWhenWritten(H264Depacketizer d) {
        assertTrue(d.isComplete());
        assertThrows(MalformedPacketException.class, () -> d.writeAnnexB(new byte[d.annexBLength()], 0));
    }

    @Test
    void shouldRebuildASingleNalUnitPacketWithMarker() {
        H264Depacketizer d = new H264Depacketizer();
        add(d, packet(10, true, 0x65, 0x88, 0x84));
        assertTrue(d.isComplete());
        EncodedFrame frame = d.writeTo(new EncodedFrame());
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0x65, (byte) 0x88, (byte) 0x84},
                java.util.Arrays.copyOf(frame.data(), frame.length()));
        assertTrue(d.keyframe(), "an IDR slice makes a keyframe");
    }

    @Test
    void shouldNotBeCompleteWithoutTheMarkerOrWithAGap() {
        H264Depacketizer d = new H264Depacketizer();
        add(d, packet(10, false, 0x41, 1));
        assertFalse(d.isComplete(), "no marker yet");
        add(d, packet(12, true, 0x41, 2));
        assertFalse(d.isComplete(), "11 is missing");
        add(d, packet(11, false, 0x41, 3));
        assertTrue(d.isComplete());
        byte[] again = packet(11, false, 0x41, 3);
        assertFalse(d.add(new RtpHeader().parse(again, 0, again.length)), "duplicate");
        byte[] out = new byte[d.annexBLength()];
        d.writeAnnexB(out, 0);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0x41, 1, 0, 0, 0, 1, 0x41, 3, 0, 0, 0, 1, 0x41, 2}, out,
                "written in sequence order");
        assertFalse(d.keyframe());
    }

    @Test
    void shouldEndAnAccessUnitWithoutMarkerWhenToldTheNextPacketIsAnotherOne() {
        H264Depacketizer d = new H264Depacketizer();
        add(d, packet(5, false, 0x41, 1));
        assertFalse(d.isComplete());
        d.markEnd();
        assertTrue(d.isComplete());
        assertThrows(MalformedPacketException.class, () -> add(d, packet(6, false, 0x41, 2)));
    }

    @Test
    void shouldRejectStapAWithBadSizes() {
        int[][] bad = {
            {0x78},                          // no NAL unit at all
            {0x78, 0x00, 0x00},              // size 0
            {0x78, 0x00, 0x05, 0x67, 1, 2},  // size past the packet end
            {0x78, 0x00, 0x02, 0x67, 1, 0x00}, // a truncated size field after a good unit
            {0x78, 0x00, 0x01, 0x7C},        // an FU-A inside a STAP-A
            {0x78, 0x00, 0x01, 0x00},        // type 0 inside
        };
        for (int[] payload : bad) {
            H264Depacketizer d = new H264Depacketizer();
            assertThrows(MalformedPacketException.class, () -> add(d, packet(1, true, payload)),
                    java.util.Arrays.toString(payload));
            assertTrue(d.isEmpty());
        }
        H264Depacketizer d = new H264Depacketizer();
        add(d, packet(1, true, 0x78, 0x00, 0x02, 0x67, 9, 0x00, 0x01, 0x68));
        byte[] out = new byte[d.annexBLength()];
        d.writeAnnexB(out, 0);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0x67, 9, 0, 0, 0, 1, 0x68}, out);
    }

    @Test
    void shouldRejectPayloadsOfTheInterleavedModeAndReservedTypes() {
        for (int type : new int[] {0, 25, 26, 27, 29, 30, 31}) {
            assertThrows(MalformedPacketException.class, () -> add(new H264Depacketizer(), packet(1, true, type, 1, 2)),
                    "type " + type);
        }
        assertThrows(MalformedPacketException.class, () -> add(new H264Depacketizer(), packet(1, true, 0x7C, 0xC5, 1)),
                "FU-A with S and E");
        assertThrows(MalformedPacketException.class, () -> add(new H264Depacketizer(), packet(1, true, 0x7C)),
                "FU-A without FU header");
        assertThrows(MalformedPacketException.class, () -> add(new H264Depacketizer(), packet(1, true, 0x7C, 0x9C, 1)),
                "FU-A of an FU-A");
    }

    @Test
    void shouldJoinFuAFragmentsAndRebuildTheNalHeader() {
        H264Depacketizer d = new H264Depacketizer();
        add(d, packet(1, false, 0x5C, 0x85, 1, 2));  // NRI 2, S, type 5
        add(d, packet(2, false, 0x5C, 0x05, 3));
        add(d, packet(3, true, 0x5C, 0x45, 4, 5));   // E
        byte[] out = new byte[d.annexBLength()];
        d.writeAnnexB(out, 0);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0x45, 1, 2, 3, 4, 5}, out);
        assertTrue(d.keyframe());
    }

    @Test
    void shouldRejectInconsistentFuASequences() {
        H264Depacketizer noStart = new H264Depacketizer();
        add(noStart, packet(1, false, 0x5C, 0x05, 1));
        add(noStart, packet(2, true, 0x5C, 0x45, 2));
        assertMalformedWhenWritten(noStart);

        H264Depacketizer twoStarts = new H264Depacketizer();
        add(twoStarts, packet(1, false, 0x5C, 0x85, 1));
        add(twoStarts, packet(2, false, 0x5C, 0x85, 2));
        add(twoStarts, packet(3, true, 0x5C, 0x45, 3));
        assertMalformedWhenWritten(twoStarts);

        H264Depacketizer typeChanges = new H264Depacketizer();
        add(typeChanges, packet(1, false, 0x5C, 0x85, 1));
        add(typeChanges, packet(2, true, 0x5C, 0x41, 2));
        assertMalformedWhenWritten(typeChanges);

        H264Depacketizer nriChanges = new H264Depacketizer();
        add(nriChanges, packet(1, false, 0x5C, 0x85, 1));
        add(nriChanges, packet(2, true, 0x7C, 0x45, 2));
        assertMalformedWhenWritten(nriChanges);

        H264Depacketizer interrupted = new H264Depacketizer();
        add(interrupted, packet(1, false, 0x5C, 0x85, 1));
        add(interrupted, packet(2, false, 0x41, 9));
        add(interrupted, packet(3, true, 0x5C, 0x45, 2));
        assertMalformedWhenWritten(interrupted);

        H264Depacketizer noEnd = new H264Depacketizer();
        add(noEnd, packet(1, false, 0x5C, 0x85, 1));
        add(noEnd, packet(2, true, 0x5C, 0x05, 2));
        assertMalformedWhenWritten(noEnd);
    }

    @Test
    void shouldRejectPacketsThatCannotBelongToTheAccessUnit() {
        H264Depacketizer d = new H264Depacketizer();
        add(d, packet(10, true, 0x41, 1));
        assertThrows(MalformedPacketException.class, () -> add(d, packet(11, false, 0x41, 1)), "after the marker");
        assertThrows(MalformedPacketException.class, () -> add(d, packet(9, true, 0x41, 1)), "a second marker");
        byte[] other = packet(9, false, 0x41, 1);
        other[7] = 99; // another timestamp
        assertThrows(MalformedPacketException.class, () -> add(d, other));
        H264Depacketizer small = new H264Depacketizer(10);
        add(small, packet(1, false, 0x41, 1, 2, 3));
        assertThrows(MalformedPacketException.class, () -> add(small, packet(2, true, 0x41, 1, 2, 3)),
                "over the maximum frame size");
    }

    @Test
    void shouldReassembleAnFuAAcrossTheSequenceWrapInAnyOrder() {
        byte[] au = annexB(List.of(H264TestStreams.SPS_320X240, H264TestStreams.PPS, nal(5, 3, 5000, random)));
        RtpPacketWriter writer = new RtpPacketWriter(1, 96, 65533, 0);
        List<byte[]> packets = new ArrayList<>(H264TestStreams.packetize(au, 1200, CAPTURE, writer));
        assertTrue(writer.nextSequence() < 65533 && packets.size() > 4, "the FU-A spans 65535 -> 0");
        Collections.shuffle(packets, random);
        H264Depacketizer d = new H264Depacketizer();
        packets.forEach(p -> add(d, p));
        assertTrue(d.isComplete());
        EncodedFrame frame = d.writeTo(new EncodedFrame());
        assertArrayEquals(au, java.util.Arrays.copyOf(frame.data(), frame.length()));
        assertTrue(d.keyframe());
        assertEquals(320, d.width(), "from the SPS");
        assertEquals(240, d.height());
    }

    @Test
    void shouldReadTheParameterSetsOfAKeyframe() {
        byte[] au = annexB(List.of(nal(9, 0, 2, random), H264TestStreams.SPS_320X240, H264TestStreams.PPS,
                nal(5, 3, 100, random)));
        H264ParameterSets sets = H264ParameterSets.find(au, 0, au.length);
        assertEquals("42c00d", sets.profileLevelId());
        assertEquals(320, sets.width());
        assertEquals(240, sets.height());
        assertEquals("Z0LADdkBQfsBEAAAAwAQAAADA8jxQqSA,aMuDyyA=", sets.spropParameterSets());
        assertEquals(null, H264ParameterSets.find(au, 0, 20), "no PPS in the first bytes");
    }

    /** @return whether the access unit whose lowest packet carries {@code payload} is known to start there */
    private static boolean startsAt(int... payload) {
        H264Depacketizer d = new H264Depacketizer();
        add(d, packet(500, false, payload));
        return d.startsAtLowest();
    }

    @Test
    void shouldKnowAnAccessUnitStartsAtADelimiterParameterSetOrSei() {
        assertTrue(startsAt(0x09, 0x10), "AUD");
        assertTrue(startsAt(0x67, 0x42, 0xc0), "SPS");
        assertTrue(startsAt(0x68, 0xcb, 0x83), "PPS: ffmpeg's first packet when the SPS travels out of band");
        assertTrue(startsAt(0x06, 0x05, 0x10), "SEI: ffmpeg's first packet when both parameter sets do");
        assertTrue(startsAt(0x78, 0x00, 0x02, 0x06, 0x05, 0x00, 0x02, 0x65, 0x88), "SEI first in a STAP-A");
        assertTrue(startsAt(0x78, 0x00, 0x02, 0x68, 0xcb), "PPS first in a STAP-A");
    }

    @Test
    void shouldKnowAnAccessUnitOpensDecodableOnlyAtADelimiterOrSequenceParameterSet() {
        assertTrue(opensDecodableAt(0x09, 0x10), "AUD");
        assertTrue(opensDecodableAt(0x67, 0x42, 0xc0), "SPS");
        assertTrue(opensDecodableAt(0x78, 0x00, 0x03, 0x67, 0x42, 0xc0, 0x00, 0x02, 0x68, 0xcb), "SPS first in a STAP-A");
        assertTrue(opensDecodableAt(0x7c, 0x87, 0x42, 0xc0), "FU-A start of an SPS");
        assertFalse(opensDecodableAt(0x68, 0xcb, 0x83), "PPS: an SPS may have come before it");
        assertFalse(opensDecodableAt(0x06, 0x05, 0x10), "SEI");
        assertFalse(opensDecodableAt(0x65, 0x88, 0x84), "the picture's first slice: its parameter sets may be lost");
        assertFalse(opensDecodableAt(0x7c, 0x07, 0x42), "FU-A continuation of an SPS");
    }

    private static boolean opensDecodableAt(int... payload) {
        H264Depacketizer d = new H264Depacketizer();
        add(d, packet(500, false, payload));
        return d.opensDecodableAtLowest();
    }

    @Test
    void shouldKnowAnAccessUnitStartsAtThePicturesFirstSlice() {
        // first_mb_in_slice is ue(v): 0 is the single bit 1, so the byte after the NAL header has its top bit set
        assertTrue(startsAt(0x65, 0x88, 0x84), "IDR slice, first_mb_in_slice 0");
        assertTrue(startsAt(0x41, 0xe0, 0x10), "non-IDR slice, first_mb_in_slice 0");
        assertTrue(startsAt(0x7c, 0x85, 0x88, 0x84), "FU-A start of an IDR slice at macroblock 0 (ffmpeg, GStreamer)");
        assertTrue(startsAt(0x78, 0x00, 0x02, 0x41, 0x9a, 0x00, 0x01, 0x41), "a slice at macroblock 0 first in a STAP-A");
        assertFalse(startsAt(0x65, 0x01, 0x84), "IDR slice at macroblock 1 or later: an earlier slice came first");
        assertFalse(startsAt(0x41, 0x40), "first_mb_in_slice 1 (bits 010)");
        assertFalse(startsAt(0x7c, 0x85, 0x01, 0x84), "FU-A start of a later slice");
        assertFalse(startsAt(0x7c, 0x05, 0x88, 0x84), "FU-A continuation: the slice began in an earlier packet");
        assertFalse(startsAt(0x7c, 0x45, 0x88), "FU-A end");
        assertFalse(startsAt(0x78, 0x00, 0x01, 0x41, 0x00, 0x01, 0x41), "a STAP-A slice of one byte has no header");
        assertFalse(startsAt(0x65), "a slice of one byte has no header to read");
    }
}
