package dev.vc.transport.udp;

import dev.vc.transport.udp.TestJpegs.Sampling;
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

/** Wireshark's RTP and RTP/JPEG dissectors, an independent implementation, accept what vc sends. */
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
            assertEquals("1", f[7], "abs-capture-time element ID");
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

    private static boolean isTrue(String field) {
        return field.equals("1") || field.equalsIgnoreCase("true");
    }

    private static List<String> tshark(Path pcap, String... fields) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-d",
                "udp.port==" + PORT + ",rtp", "-T", "fields"));
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
