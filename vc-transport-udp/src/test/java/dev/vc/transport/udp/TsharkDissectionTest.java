package dev.vc.transport.udp;

import dev.vc.api.RtxSsrc;
import dev.vc.transport.udp.h264.H264TestStreams;
import dev.vc.transport.udp.jpeg.JpegPayloadHeader;
import dev.vc.transport.udp.jpeg.TestJpegs.Sampling;
import dev.vc.transport.udp.jpeg.TestJpegs;
import dev.vc.transport.udp.jpeg.TestPackets;
import dev.vc.transport.udp.rtp.PaddingPacketWriter;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtxPacket;
import dev.vc.transport.udp.rtp.RtxPacketWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Wireshark's RTP, RTP/JPEG and RTP/H.264 dissectors, an independent implementation, accept what vc sends, its
 * retransmissions (RTX) and the probes on their stream (padding-only RTX) included.
 */
class TsharkDissectionTest {
    private static final int PORT = 5004;

    private static boolean tsharkOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "tshark"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldWritePacketsThatTsharkDissectsAsValidRtpJpeg(@TempDir Path dir) throws Exception {
        assumeTrue(tsharkOnPath(), "tshark is not installed");
        byte[] jpeg = TestJpegs.encode(TestJpegs.picture(320, 240, 4, 60), 0.7f, Sampling.YUV420);
        List<byte[]> packets = TestPackets.packetize(jpeg, 1000, 1_700_000_000_000_000_000L,
                new RtpPacketWriter(0x12345678, 26, 65530, 0));
        assertTrue(packets.size() > 3);
        Path pcap = dir.resolve("vc-rtp.pcap");
        PcapWriter.write(pcap, PORT, packets);

        List<String> lines = tshark(pcap, "rtp.version", "_ws.malformed", "rtp.p_type", "rtp.marker", "rtp.seq",
                "rtp.ssrc", "rtp.ext.profile", "rtp.ext.rfc5285.id", "jpeg.main_hdr.offset", "jpeg.main_hdr.type",
                "jpeg.main_hdr.q", "jpeg.main_hdr.width", "jpeg.qtable_hdr.length");

        assertEquals(packets.size(), lines.size(), String.join("\n", lines));
        int offset = 0;
        RtpHeader rtp = new RtpHeader();
        JpegPayloadHeader header = new JpegPayloadHeader();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertEquals("2", f[0], "RTP version, line " + i + ": " + lines.get(i));
            assertEquals("", f[1], "tshark found the packet malformed: " + lines.get(i));
            assertEquals("26", f[2]);
            assertEquals(i == lines.size() - 1, isTrue(f[3]), "marker on the last packet only");
            assertEquals(String.valueOf((65530 + i) & 0xFFFF), f[4]);
            assertEquals("0x12345678", f[5]);
            assertEquals("0xbede", f[6].toLowerCase());
            assertEquals("1,2", f[7], "element IDs: abs-capture-time, transport-wide sequence number");
            assertEquals(String.valueOf(offset), f[8], "fragment offset");
            assertEquals("1", f[9]);
            assertEquals("255", f[10]);
            assertEquals("320", f[11], "width (tshark shows the 8-pixel blocks in pixels)");
            assertEquals(i == 0 ? "128" : "", f[12], "tables inline in the first packet only");
            byte[] packet = packets.get(i);
            rtp.parse(packet, 0, packet.length);
            offset += header.parse(packet, rtp.payloadOffset(), rtp.payloadLength()).dataLength();
        }
    }

    @Test
    void shouldWriteH264PacketsThatTsharkDissectsWithoutMalformedOnes(@TempDir Path dir) throws Exception {
        assumeTrue(tsharkOnPath(), "tshark is not installed");
        java.util.Random random = new java.util.Random(5);
        byte[] au = H264TestStreams.annexB(List.of(H264TestStreams.SPS_320X240, H264TestStreams.PPS,
                H264TestStreams.nal(6, 0, 40, random), H264TestStreams.nal(5, 3, 5000, random)));
        List<byte[]> packets = H264TestStreams.packetize(au, 1000, 1_700_000_000_000_000_000L,
                new RtpPacketWriter(0x12345678, 96, 65533, 0));
        assertTrue(packets.size() > 5);
        Path pcap = dir.resolve("vc-h264.pcap");
        PcapWriter.write(pcap, PORT, packets);

        List<String> lines = tshark(pcap, List.of("-o", "h264.rtp.pt:96"), "rtp.version", "_ws.malformed",
                "rtp.p_type", "rtp.marker", "rtp.seq", "h264.nal_unit_hdr", "h264.start.bit", "h264.end.bit",
                "_ws.expert.severity");

        assertEquals(packets.size(), lines.size(), String.join("\n", lines));
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertEquals("2", f[0], "RTP version, line " + i + ": " + lines.get(i));
            assertEquals("", f[1], "tshark found the packet malformed: " + lines.get(i));
            assertEquals("96", f[2]);
            assertEquals(i == lines.size() - 1, isTrue(f[3]), "marker on the last packet only");
            assertEquals(String.valueOf((65533 + i) & 0xFFFF), f[4]);
        }
        assertTrue(lines.get(0).split("\t", -1)[5].startsWith("24"), "STAP-A with the SPS: " + lines.get(0));
        assertTrue(lines.get(1).split("\t", -1)[5].startsWith("6"), "the SEI alone: " + lines.get(1));
        for (int i = 2; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertTrue(f[5].startsWith("28"), "FU-A: " + lines.get(i));
            assertEquals(i == 2, isTrue(f[6]), "start bit: " + lines.get(i));
            assertEquals(i == lines.size() - 1, isTrue(f[7]), "end bit: " + lines.get(i));
        }
    }

    @Test
    void shouldWriteRetransmissionsThatTsharkDissectsAsValidRtpWithTheOsnFirst(@TempDir Path dir) throws Exception {
        assumeTrue(tsharkOnPath(), "tshark is not installed");
        java.util.Random random = new java.util.Random(6);
        byte[] au = H264TestStreams.annexB(List.of(H264TestStreams.SPS_320X240, H264TestStreams.PPS,
                H264TestStreams.nal(5, 3, 3000, random)));
        List<byte[]> originals = H264TestStreams.packetize(au, 1000, 1_700_000_000_000_000_000L,
                new RtpPacketWriter(0x12345678, 96, 65534, 0));
        RtxPacketWriter rtx = new RtxPacketWriter(RtxSsrc.of(0x12345678), 32767);
        List<byte[]> packets = new java.util.ArrayList<>();
        for (byte[] original : originals) {
            byte[] out = new byte[original.length + RtxPacket.OSN_LENGTH];
            assertEquals(out.length, rtx.wrap(original, 0, original.length, out, 0));
            packets.add(out);
        }
        Path pcap = dir.resolve("vc-rtx.pcap");
        PcapWriter.write(pcap, PORT, packets);

        // Wireshark 4.0 has no RFC 4588 dissector: a dynamic payload type without an SDP is plain RTP to it.
        List<String> lines = tshark(pcap, "rtp.version", "_ws.malformed", "rtp.p_type", "rtp.marker", "rtp.seq",
                "rtp.ssrc", "rtp.ext.rfc5285.id", "rtp.payload");

        assertEquals(packets.size(), lines.size(), String.join("\n", lines));
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertEquals("2", f[0], "RTP version, line " + i + ": " + lines.get(i));
            assertEquals("", f[1], "tshark found the packet malformed: " + lines.get(i));
            assertEquals("97", f[2], "H.264's RTX payload type");
            assertEquals(i == lines.size() - 1, isTrue(f[3]), "the original's marker");
            assertEquals(String.valueOf((32767 + i) & 0xFFFF), f[4], "the RTX stream's own numbers");
            assertEquals("0x12345679", f[5], "the RTX SSRC");
            assertEquals("1,2", f[6], "the original's header extensions");
            assertTrue(f[7].replace(":", "").startsWith(String.format("%04x", (65534 + i) & 0xFFFF)),
                    "the payload starts with the OSN: " + f[7]);
        }
    }

    @Test
    void shouldWriteProbesOnTheRtxStreamThatTsharkDissectsAsPaddingBetweenRetransmissions(@TempDir Path dir)
            throws Exception {
        assumeTrue(tsharkOnPath(), "tshark is not installed");
        byte[] original = new byte[200];
        new RtpPacketWriter(0x12345678, 96, 4000, 0).writeHeader(original, 0, false, 0, 0);
        RtxPacketWriter rtx = new RtxPacketWriter(RtxSsrc.of(0x12345678), 65535);
        List<byte[]> packets = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] out = new byte[PaddingPacketWriter.MAX_LENGTH];
            int n = i == 1 ? rtx.wrap(original, 0, original.length, out, 0) : rtx.padding(97, 0, 255, out, 0);
            packets.add(java.util.Arrays.copyOf(out, n));
        }
        Path pcap = dir.resolve("vc-rtx-probes.pcap");
        PcapWriter.write(pcap, PORT, packets);

        List<String> lines = tshark(pcap, "rtp.version", "_ws.malformed", "rtp.p_type", "rtp.seq", "rtp.ssrc",
                "rtp.padding", "rtp.padding.count", "rtp.ext.rfc5285.id");

        assertEquals(packets.size(), lines.size(), String.join("\n", lines));
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertEquals("2", f[0], "RTP version, line " + i + ": " + lines.get(i));
            assertEquals("", f[1], "tshark found the packet malformed: " + lines.get(i));
            assertEquals("97", f[2], "the RTX payload type");
            assertEquals(String.valueOf((65535 + i) & 0xFFFF), f[3], "one counter for probes and retransmissions");
            assertEquals("0x12345679", f[4], "the RTX SSRC");
            assertEquals(i != 1, isTrue(f[5]), "the P bit on the probes only: " + lines.get(i));
            if (i != 1) {
                assertEquals("255", f[6], "all padding, the count in the last byte: " + lines.get(i));
                assertEquals("2", f[7], "the transport-wide sequence number's element only");
            }
        }
    }

    private static boolean isTrue(String field) {
        return field.equals("1") || field.equalsIgnoreCase("true");
    }

    private static List<String> tshark(Path pcap, String... fields) throws IOException, InterruptedException {
        return tshark(pcap, List.of(), fields);
    }

    private static List<String> tshark(Path pcap, List<String> options, String... fields)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-d",
                "udp.port==" + PORT + ",rtp", "-T", "fields"));
        command.addAll(options);
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Path out = pcap.resolveSibling("tshark.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectOutput(out.toFile()).redirectError(pcap.resolveSibling("tshark.err").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tshark did not finish within 60 s");
        }
        assertEquals(0, process.exitValue(), Files.readString(pcap.resolveSibling("tshark.err")));
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }
}
