package dev.vc.transport.udp.jpeg;

import dev.vc.api.EncodedFrame;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.jpeg.TestJpegs.Parts;
import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegDepacketizerTest {
    private static final long CAPTURE = 1_700_000_000_000_000_000L;

    @Test
    void shouldRebuildJfifWithTheSameScanTablesAndSize() {
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(96, 64, 3, 80), 0.7f, Sampling.YUV420);
        byte[] rebuilt = TestPackets.depacketize(TestPackets.packetize(jpeg, 500, CAPTURE,
                new RtpPacketWriter(1, 26, 0, 0)));

        Parts in = TestJpegs.parts(jpeg);
        Parts out = TestJpegs.parts(rebuilt);
        assertEquals(in, new Parts(out.width(), out.height(), out.type(), in.lumaTable(), in.chromaTable(), in.scan()));
        assertArrayEquals(in.lumaTable(), out.lumaTable());
        assertArrayEquals(in.chromaTable(), out.chromaTable());
        assertArrayEquals(in.scan(), out.scan());
        assertEquals(0, TestJpegs.maxDifference(TestJpegs.decode(jpeg), TestJpegs.decode(rebuilt)));
    }

    @Test
    void shouldRebuild422Pictures() {
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(80, 48, 3, 80), 0.7f, Sampling.YUV422);
        byte[] rebuilt = TestPackets.depacketize(TestPackets.packetize(jpeg, 300, CAPTURE,
                new RtpPacketWriter(1, 26, 0, 0)));
        assertEquals(0, TestJpegs.parts(rebuilt).type());
        assertEquals(0, TestJpegs.maxDifference(TestJpegs.decode(jpeg), TestJpegs.decode(rebuilt)));
    }

    @Test
    void shouldRebuildRegardlessOfFragmentOrder() {
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(128, 96, 5, 120), 0.9f, Sampling.YUV420);
        List<byte[]> packets = TestPackets.packetize(jpeg, 256, CAPTURE, new RtpPacketWriter(1, 26, 0, 0));
        byte[] inOrder = TestPackets.depacketize(packets);
        List<byte[]> shuffled = new ArrayList<>(packets);
        Collections.shuffle(shuffled, new java.util.Random(9));
        assertArrayEquals(inOrder, TestPackets.depacketize(shuffled));
        Collections.reverse(shuffled);
        assertArrayEquals(inOrder, TestPackets.depacketize(shuffled));
    }

    @Test
    void shouldComputeTablesForQBelow128LikeFfmpegSends() {
        // ImageIO's quality 0.5 scales the Annex K tables by 100%: exactly RFC 2435's Q=50 tables.
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(64, 48, 11, 50), 0.5f, Sampling.YUV420);
        Parts parts = TestJpegs.parts(jpeg);
        byte[] q50 = new byte[128];
        JpegTables.tablesForQuality(50, q50, 0);
        assertArrayEquals(Arrays.copyOfRange(q50, 0, 64), parts.lumaTable(), "precondition: ImageIO q 0.5 = K.1");

        List<byte[]> payloads = payloadsWithoutTables(parts, 50, 200);
        JpegDepacketizer depacketizer = new JpegDepacketizer();
        JpegPayloadHeader header = new JpegPayloadHeader();
        for (int i = 0; i < payloads.size(); i++) {
            byte[] p = payloads.get(i);
            header.parse(p, 0, p.length);
            assertFalse(header.hasTables());
            depacketizer.add(header, i == payloads.size() - 1);
        }
        assertTrue(depacketizer.isComplete());
        EncodedFrame frame = depacketizer.writeTo(new EncodedFrame(16));
        byte[] rebuilt = Arrays.copyOf(frame.data(), frame.length());
        assertArrayEquals(parts.lumaTable(), TestJpegs.parts(rebuilt).lumaTable());
        assertArrayEquals(parts.chromaTable(), TestJpegs.parts(rebuilt).chromaTable());
        assertEquals(0, TestJpegs.maxDifference(TestJpegs.decode(jpeg), TestJpegs.decode(rebuilt)));
    }

    @Test
    void shouldWriteAppendixATablesForOtherQ() {
        Parts parts = TestJpegs.parts(TestJpegs.encode(TestJpegs.picture(32, 32, 1, 10), 0.8f, Sampling.YUV420));
        JpegDepacketizer depacketizer = new JpegDepacketizer();
        JpegPayloadHeader header = new JpegPayloadHeader();
        for (byte[] p : payloadsWithoutTables(parts, 75, 100_000)) {
            depacketizer.add(header.parse(p, 0, p.length), true);
        }
        byte[] rebuilt = new byte[depacketizer.jfifLength()];
        depacketizer.writeJfif(rebuilt, 0);
        byte[] q75 = new byte[128];
        JpegTables.tablesForQuality(75, q75, 0);
        Parts out = TestJpegs.parts(rebuilt);
        assertArrayEquals(Arrays.copyOfRange(q75, 0, 64), out.lumaTable());
        assertArrayEquals(Arrays.copyOfRange(q75, 64, 128), out.chromaTable());
        TestJpegs.decode(rebuilt);
    }

    /** Payloads as a sender with Q below 128 makes them: main header only, tables implied by Q. */
    private static List<byte[]> payloadsWithoutTables(Parts parts, int q, int chunk) {
        List<byte[]> payloads = new ArrayList<>();
        byte[] scan = parts.scan();
        for (int offset = 0; offset < scan.length; offset += chunk) {
            int n = Math.min(chunk, scan.length - offset);
            byte[] p = new byte[8 + n];
            JpegPayloadHeader.writeMainHeader(p, 0, offset, parts.type(), q, parts.width(), parts.height());
            System.arraycopy(scan, offset, p, 8, n);
            payloads.add(p);
        }
        return payloads;
    }

    @Test
    void shouldNotCompleteWithAGap() {
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(64, 64, 5, 120), 0.9f, Sampling.YUV420);
        List<byte[]> packets = new ArrayList<>(TestPackets.packetize(jpeg, 256, CAPTURE,
                new RtpPacketWriter(1, 26, 0, 0)));
        assertTrue(packets.size() > 3);
        packets.remove(packets.size() / 2);
        assertNull(TestPackets.depacketize(packets));
    }

    @Test
    void shouldNotCompleteWithoutTheTablesOfTheFirstPacket() {
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(64, 64, 5, 120), 0.9f, Sampling.YUV420);
        List<byte[]> packets = new ArrayList<>(TestPackets.packetize(jpeg, 256, CAPTURE,
                new RtpPacketWriter(1, 26, 0, 0)));
        packets.remove(0);
        assertNull(TestPackets.depacketize(packets));
    }

    @Test
    void shouldRefuseIncompleteFrameOutput() {
        JpegDepacketizer depacketizer = new JpegDepacketizer();
        assertThrows(IllegalStateException.class, () -> depacketizer.writeTo(new EncodedFrame()));
    }

    @Test
    void shouldReportDuplicateFragmentsAsAddingNothing() {
        byte[] payload = new byte[8 + 10];
        JpegPayloadHeader.writeMainHeader(payload, 0, 0, 1, 50, 16, 16);
        JpegPayloadHeader header = new JpegPayloadHeader().parse(payload, 0, payload.length);
        JpegDepacketizer depacketizer = new JpegDepacketizer();
        assertTrue(depacketizer.add(header, true));
        assertFalse(depacketizer.add(header, true));
        assertTrue(depacketizer.isComplete());
    }

    @Test
    void shouldRejectUnsupportedTypesAndDisagreeingFragments() {
        JpegPayloadHeader header = new JpegPayloadHeader();
        JpegDepacketizer depacketizer = new JpegDepacketizer();
        byte[] restart = new byte[8 + 4 + 4];
        JpegPayloadHeader.writeMainHeader(restart, 0, 0, 65, 50, 16, 16);
        assertThrows(MalformedPacketException.class,
                () -> depacketizer.add(header.parse(restart, 0, restart.length), false));

        byte[] first = new byte[8 + 4];
        JpegPayloadHeader.writeMainHeader(first, 0, 0, 1, 50, 16, 16);
        depacketizer.reset();
        depacketizer.add(header.parse(first, 0, first.length), false);
        byte[] other = new byte[8 + 4];
        JpegPayloadHeader.writeMainHeader(other, 0, 4, 1, 50, 32, 16);
        assertThrows(MalformedPacketException.class, () -> depacketizer.add(header.parse(other, 0, other.length), true));
    }

    @Test
    void shouldRejectFramesBeyondTheMaximumSize() {
        JpegDepacketizer depacketizer = new JpegDepacketizer(100);
        byte[] payload = new byte[8 + 10];
        JpegPayloadHeader.writeMainHeader(payload, 0, 95, 1, 50, 16, 16);
        JpegPayloadHeader header = new JpegPayloadHeader().parse(payload, 0, payload.length);
        assertThrows(MalformedPacketException.class, () -> depacketizer.add(header, false));
    }

    @Test
    void shouldRejectMalformedPayloadHeaders() {
        JpegPayloadHeader header = new JpegPayloadHeader();
        assertThrows(MalformedPacketException.class, () -> header.parse(new byte[7], 0, 7));
        byte[] zeroQ = new byte[9];
        JpegPayloadHeader.writeMainHeader(zeroQ, 0, 0, 1, 0, 16, 16);
        assertThrows(MalformedPacketException.class, () -> header.parse(zeroQ, 0, zeroQ.length));
        byte[] noData = new byte[8];
        JpegPayloadHeader.writeMainHeader(noData, 0, 0, 1, 50, 16, 16);
        assertThrows(MalformedPacketException.class, () -> header.parse(noData, 0, noData.length));
        byte[] shortTables = new byte[8 + 4 + 10];
        JpegPayloadHeader.writeMainHeader(shortTables, 0, 0, 1, 255, 16, 16);
        shortTables[10] = 0;
        shortTables[11] = (byte) 128;
        assertThrows(MalformedPacketException.class, () -> header.parse(shortTables, 0, shortTables.length));
        byte[] q255NoTables = new byte[8 + 4 + 10];
        JpegPayloadHeader.writeMainHeader(q255NoTables, 0, 0, 1, 255, 16, 16);
        assertThrows(MalformedPacketException.class, () -> header.parse(q255NoTables, 0, q255NoTables.length));
    }

    @Test
    void shouldNotAppendASecondEoiWhenTheSenderIncludedOne() {
        byte[] payload = new byte[8 + 6];
        JpegPayloadHeader.writeMainHeader(payload, 0, 0, 1, 50, 16, 16);
        payload[8 + 4] = (byte) 0xFF;
        payload[8 + 5] = (byte) 0xD9;
        JpegDepacketizer depacketizer = new JpegDepacketizer();
        depacketizer.add(new JpegPayloadHeader().parse(payload, 0, payload.length), true);
        byte[] out = new byte[depacketizer.jfifLength()];
        depacketizer.writeJfif(out, 0);
        assertEquals((byte) 0xD9, out[out.length - 1]);
        assertTrue(out[out.length - 3] != (byte) 0xD9, "one EOI only");
        assertEquals(JpegDepacketizer.JFIF_OVERHEAD + 4, out.length);
    }

    @Test
    void shouldDecodeToThePicturesSize() {
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(640, 480, 5, 20), 0.6f, Sampling.YUV420);
        byte[] rebuilt = TestPackets.depacketize(TestPackets.packetize(jpeg, 1200, CAPTURE,
                new RtpPacketWriter(1, 26, 0, 0)));
        BufferedImage image = TestJpegs.decode(rebuilt);
        assertEquals(640, image.getWidth());
        assertEquals(480, image.getHeight());
    }
}
