package dev.vc.transport.udp.h264;

import dev.vc.transport.udp.PacketSink;
import dev.vc.transport.udp.internal.Bytes;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.vc.transport.udp.h264.H264TestStreams.annexB;
import static dev.vc.transport.udp.h264.H264TestStreams.nal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H264PacketizerTest {
    private static final int MTU = 1200;
    private static final int ROOM = MTU - RtpPacketWriter.HEADER_LENGTH;
    private static final long CAPTURE = 1_700_000_000_000_000_000L;

    private final Random random = new Random(42);
    private final RtpHeader rtp = new RtpHeader();

    private List<byte[]> packetize(byte[] au) {
        return H264TestStreams.packetize(au, MTU, CAPTURE, new RtpPacketWriter(7, 96, 100, 0));
    }

    private int payloadByte(byte[] packet, int index) {
        rtp.parse(packet, 0, packet.length);
        return packet[rtp.payloadOffset() + index] & 0xFF;
    }

    @Test
    void shouldAggregateSpsAndPpsIntoOneStapA() {
        byte[] sps = H264TestStreams.SPS_320X240;
        byte[] pps = H264TestStreams.PPS;
        byte[] idr = nal(5, 3, 500, random);
        List<byte[]> packets = packetize(annexB(List.of(sps, pps, idr)));

        assertEquals(2, packets.size());
        byte[] stap = packets.get(0);
        rtp.parse(stap, 0, stap.length);
        assertFalse(rtp.marker());
        int at = rtp.payloadOffset();
        assertEquals(0x60 | 24, stap[at] & 0xFF, "F=0, NRI = max of the units (3), type 24");
        assertEquals(sps.length, Bytes.u16(stap, at + 1));
        assertEquals(1 + 2 + sps.length + 2 + pps.length, rtp.payloadLength());
        assertEquals(pps.length, Bytes.u16(stap, at + 3 + sps.length));
        byte[] single = packets.get(1);
        rtp.parse(single, 0, single.length);
        assertTrue(rtp.marker(), "marker on the last packet of the access unit");
        assertEquals(idr.length, rtp.payloadLength());
        assertEquals(0x65, single[rtp.payloadOffset()] & 0xFF, "single NAL unit packet: the NAL unit as is");
    }

    @Test
    void shouldFragmentALargeNalUnitIntoFuAWithStartAndEndBits() {
        byte[] idr = nal(5, 2, 3 * ROOM, random);
        List<byte[]> packets = packetize(annexB(List.of(idr)));

        assertEquals(4, packets.size(), "3 * room - 1 bytes after the header, room - 2 per fragment");
        int timestamp = rtp.parse(packets.get(0), 0, packets.get(0).length).timestamp();
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            assertTrue(p.length <= MTU);
            assertEquals(timestamp, rtp.parse(p, 0, p.length).timestamp(), "one timestamp per access unit");
            assertEquals(i == packets.size() - 1, rtp.marker());
            assertEquals(0x40 | 28, payloadByte(p, 0), "FU indicator: F=0, NRI copied (2), type 28");
            int fu = payloadByte(p, 1);
            assertEquals(i == 0, (fu & 0x80) != 0, "S only on the first fragment");
            assertEquals(i == packets.size() - 1, (fu & 0x40) != 0, "E only on the last fragment");
            assertEquals(0, fu & 0x20, "R = 0");
            assertEquals(5, fu & 0x1F, "the fragmented NAL unit's type");
        }
        assertArrayEquals(annexB(List.of(idr)), H264TestStreams.depacketize(packets));
    }

    @Test
    void shouldFillTheMtuExactlyWithFuAFragments() {
        byte[] idr = nal(5, 3, 1 + 2 * (ROOM - 2), random);
        List<byte[]> packets = packetize(annexB(List.of(idr)));
        assertEquals(2, packets.size());
        assertEquals(MTU, packets.get(0).length);
        assertEquals(MTU, packets.get(1).length);
        assertArrayEquals(annexB(List.of(idr)), H264TestStreams.depacketize(packets));
    }

    @Test
    void shouldSendANalUnitThatExactlyFitsAsOneSingleNalPacket() {
        List<byte[]> fits = packetize(annexB(List.of(nal(1, 2, ROOM, random))));
        assertEquals(1, fits.size());
        assertEquals(MTU, fits.get(0).length);
        assertTrue(rtp.parse(fits.get(0), 0, MTU).marker(), "a one-packet access unit carries the marker");
        List<byte[]> oneMore = packetize(annexB(List.of(nal(1, 2, ROOM + 1, random))));
        assertEquals(2, oneMore.size());
        assertEquals(28, payloadByte(oneMore.get(0), 0) & 0x1F);
    }

    @Test
    void shouldAcceptThreeByteStartCodesAndTrailingZeros() {
        byte[] a = nal(7, 3, 10, random);
        byte[] b = nal(1, 2, 40, random);
        byte[] stream = new byte[2 + 3 + a.length + 2 + 3 + b.length + 3];
        int at = 2; // leading_zero_8bits
        stream[at + 2] = 1;
        at += 3;
        System.arraycopy(a, 0, stream, at, a.length);
        at += a.length + 2; // trailing_zero_8bits
        stream[at + 2] = 1;
        at += 3;
        System.arraycopy(b, 0, stream, at, b.length);
        List<byte[]> packets = packetize(stream);
        assertEquals(2, packets.size(), "a lone SPS goes as a single NAL unit packet");
        assertArrayEquals(annexB(List.of(a, b)), H264TestStreams.depacketize(packets));
    }

    @Test
    void shouldRejectWhatIsNotAnAnnexBAccessUnitBeforeAnyPacket() {
        RtpPacketWriter writer = new RtpPacketWriter(7, 96, 100, 0);
        H264Packetizer packetizer = new H264Packetizer(MTU);
        List<byte[]> sent = new ArrayList<>();
        PacketSink sink = (p, o, l) -> sent.add(p);
        byte[][] bad = {
            {},
            {1, 2, 3, 4},
            {0, 0, 0, 1},
            {0, 0, 1, (byte) 0x85, 1}, // forbidden bit
            {0, 0, 1, 0x00, 1},          // type 0
            {0, 0, 1, 0x65, 1, 0, 0, 1, 0x7C, 1}, // an FU-A type inside a byte stream
            {9, 0, 0, 1, 0x65, 1},       // garbage before the first start code
        };
        for (byte[] b : bad) {
            assertThrows(H264FormatException.class, () -> packetizer.packetize(b, 0, b.length, CAPTURE, writer, sink));
        }
        assertTrue(sent.isEmpty());
        assertEquals(100, writer.nextSequence(), "no sequence number consumed");
    }

    @Test
    void shouldSplitRunsOfParameterSetsThatDoNotFitOnePacket() {
        byte[] sps = nal(7, 3, 700, random);
        byte[] pps = nal(8, 3, 700, random);
        List<byte[]> packets = packetize(annexB(List.of(sps, pps, nal(5, 3, 100, random))));
        assertEquals(3, packets.size(), "neither fits with the other: two single NAL unit packets");
        assertEquals(7, payloadByte(packets.get(0), 0) & 0x1F);
        assertEquals(8, payloadByte(packets.get(1), 0) & 0x1F);
    }
}
