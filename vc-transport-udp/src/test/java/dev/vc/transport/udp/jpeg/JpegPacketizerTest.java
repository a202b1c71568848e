package dev.vc.transport.udp.jpeg;

import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import dev.vc.transport.udp.rtp.AbsCaptureTime;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JpegPacketizerTest {
    private static final long CAPTURE = 1_700_000_000_000_000_000L;

    private static byte[] jpeg(int width, int height, Sampling sampling) {
        return TestJpegs.encode(TestJpegs.picture(width, height, 42, 60), 0.8f, sampling);
    }

    @Test
    void shouldSplitIntoPacketsNoLargerThanTheMtuWithMarkerOnTheLast() {
        byte[] jpeg = jpeg(320, 240, Sampling.YUV420);
        TestJpegs.Parts parts = TestJpegs.parts(jpeg);
        RtpPacketWriter writer = new RtpPacketWriter(7, 26, 100, 0);
        List<byte[]> packets = TestPackets.packetize(jpeg, 1200, CAPTURE, writer);

        assertTrue(packets.size() > 3, "a 320x240 picture takes several packets");
        RtpHeader rtp = new RtpHeader();
        JpegPayloadHeader header = new JpegPayloadHeader();
        int expectedOffset = 0;
        for (int i = 0; i < packets.size(); i++) {
            byte[] packet = packets.get(i);
            assertTrue(packet.length <= 1200);
            rtp.parse(packet, 0, packet.length);
            header.parse(packet, rtp.payloadOffset(), rtp.payloadLength());
            assertEquals(100 + i, rtp.sequence());
            assertEquals(writer.timestamp(CAPTURE), rtp.timestamp());
            assertEquals(CAPTURE, AbsCaptureTime.captureTimeNanos(rtp, 0));
            assertEquals(i == packets.size() - 1, rtp.marker());
            assertEquals(0, header.typeSpecific());
            assertEquals(expectedOffset, header.fragmentOffset());
            assertEquals(1, header.type());
            assertEquals(255, header.q());
            assertEquals(320, header.width());
            assertEquals(240, header.height());
            assertEquals(i == 0, header.hasTables());
            if (i == 0) {
                assertEquals(0, header.tablePrecision());
                assertEquals(128, header.tableLength());
                byte[] tables = java.util.Arrays.copyOfRange(packet, header.tableOffset(), header.tableOffset() + 128);
                assertArrayEquals(parts.lumaTable(), java.util.Arrays.copyOfRange(tables, 0, 64));
                assertArrayEquals(parts.chromaTable(), java.util.Arrays.copyOfRange(tables, 64, 128));
            }
            if (i < packets.size() - 1) {
                assertEquals(1200, packet.length, "every packet but the last is full");
            }
            expectedOffset += header.dataLength();
        }
        assertEquals(parts.scan().length, expectedOffset);
    }

    @Test
    void shouldUseType0ForHorizontallySubsampledChroma() {
        byte[] jpeg = jpeg(64, 48, Sampling.YUV422);
        List<byte[]> packets = TestPackets.packetize(jpeg, 1200, CAPTURE, new RtpPacketWriter(7, 26, 0, 0));
        RtpHeader rtp = new RtpHeader().parse(packets.get(0), 0, packets.get(0).length);
        JpegPayloadHeader header = new JpegPayloadHeader().parse(packets.get(0), rtp.payloadOffset(),
                rtp.payloadLength());
        assertEquals(0, header.type());
    }

    @Test
    void shouldRoundSizesUpToWholeBlocks() {
        byte[] jpeg = jpeg(100, 50, Sampling.YUV420);
        List<byte[]> packets = TestPackets.packetize(jpeg, 1200, CAPTURE, new RtpPacketWriter(7, 26, 0, 0));
        byte[] rebuilt = TestPackets.depacketize(packets);
        BufferedImage image = TestJpegs.decode(rebuilt);
        assertEquals(104, image.getWidth());
        assertEquals(56, image.getHeight());
        BufferedImage original = TestJpegs.decode(jpeg);
        // Same coefficients; only the decoder's chroma upsampling at the old right/bottom edge may round differently.
        assertTrue(TestJpegs.maxDifference(original, image.getSubimage(0, 0, 100, 50)) <= 4,
                "the visible area decodes (almost) identically");
    }

    @Test
    void shouldRejectRestartMarkers() {
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(64, 64, 1, 30), 0.8f, Sampling.YUV420, 2, false, false);
        JpegFormatException e = assertThrows(JpegFormatException.class,
                () -> TestPackets.packetize(jpeg, 1200, CAPTURE, new RtpPacketWriter(7, 26, 0, 0)));
        assertTrue(e.getMessage().contains("restart"), e.getMessage());
    }

    @Test
    void shouldRejectProgressiveJpeg() {
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(64, 64, 1, 30), 0.8f, Sampling.YUV420, 0, true, false);
        assertThrows(JpegFormatException.class,
                () -> TestPackets.packetize(jpeg, 1200, CAPTURE, new RtpPacketWriter(7, 26, 0, 0)));
    }

    @Test
    void shouldRejectCustomHuffmanTables() {
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(64, 64, 1, 30), 0.8f, Sampling.YUV420, 0, false, true);
        JpegFormatException e = assertThrows(JpegFormatException.class,
                () -> TestPackets.packetize(jpeg, 1200, CAPTURE, new RtpPacketWriter(7, 26, 0, 0)));
        assertTrue(e.getMessage().contains("Huffman"), e.getMessage());
    }

    @Test
    void shouldRejectGrayscale() {
        BufferedImage gray = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        byte[] jpeg = TestJpegs.encode(gray, 0.8f, Sampling.YUV420);
        assertThrows(JpegFormatException.class,
                () -> TestPackets.packetize(jpeg, 1200, CAPTURE, new RtpPacketWriter(7, 26, 0, 0)));
    }

    @Test
    void shouldRejectPicturesWiderThan2040() {
        byte[] jpeg = jpeg(32, 32, Sampling.YUV420);
        int sof = indexOfMarker(jpeg, 0xC0);
        jpeg[sof + 7] = (byte) (2048 >> 8); // width field of SOF0
        jpeg[sof + 8] = (byte) (2048 & 0xFF);
        JpegFormatException e = assertThrows(JpegFormatException.class,
                () -> TestPackets.packetize(jpeg, 1200, CAPTURE, new RtpPacketWriter(7, 26, 0, 0)));
        assertTrue(e.getMessage().contains("2040"), e.getMessage());
    }

    @Test
    void shouldRejectBytesThatAreNotAJpeg() {
        JpegPacketizer packetizer = new JpegPacketizer(1200);
        RtpPacketWriter writer = new RtpPacketWriter(7, 26, 0, 0);
        byte[] junk = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThrows(JpegFormatException.class,
                () -> packetizer.packetize(junk, 0, junk.length, CAPTURE, writer, (p, o, l) -> { }));
        assertEquals(0, writer.nextSequence(), "a rejected frame consumes no sequence number");
    }

    @Test
    void shouldRejectTruncatedJpeg() {
        byte[] jpeg = jpeg(64, 64, Sampling.YUV420);
        byte[] truncated = java.util.Arrays.copyOf(jpeg, jpeg.length - 2);
        assertThrows(JpegFormatException.class,
                () -> TestPackets.packetize(truncated, 1200, CAPTURE, new RtpPacketWriter(7, 26, 0, 0)));
    }

    @Test
    void shouldRejectMtuBelowTheMinimum() {
        assertThrows(IllegalArgumentException.class, () -> new JpegPacketizer(255));
    }

    @Test
    void shouldFitTheSmallestMtu() {
        byte[] jpeg = jpeg(160, 120, Sampling.YUV420);
        List<byte[]> packets = TestPackets.packetize(jpeg, 256, CAPTURE, new RtpPacketWriter(7, 26, 0, 0));
        for (byte[] packet : packets) {
            assertTrue(packet.length <= 256);
        }
        assertFalse(packets.isEmpty());
    }

    static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("no marker " + marker);
    }
}
