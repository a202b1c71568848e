package dev.vc.transport.udp;

import dev.vc.transport.udp.cc.TransportFeedbackRecorder;
import dev.vc.transport.udp.cc.TransportFeedbackWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Wireshark's RTCP dissector, an independent implementation of the transport-cc format, takes vc's feedback
 * apart without errors and finds the base sequence number, status count, chunks and deltas vc wrote.
 */
class TransportFeedbackTsharkTest {
    private static final int PORT = 5005;

    @Test
    void shouldWriteTransportCcFeedbackThatTsharkDissectsWithoutErrors(@TempDir Path dir) throws Exception {
        assumeTrue(tsharkOnPath(), "tshark is not installed: transport-cc dissection not checked");
        List<byte[]> packets = new ArrayList<>();
        List<int[]> expected = new ArrayList<>();       // base, status count, delta count

        // 1. all small deltas (run-length), across the sequence wrap
        TransportFeedbackWriter writer = new TransportFeedbackWriter(1200);
        writer.begin(0x1111, 0x2222, 65530, 1_000_000, 0);
        for (int i = 0; i < 12; i++) {
            writer.addReceived((65530 + i) & 0xFFFF, 1_000_000 + i * 1_000L);
        }
        add(packets, expected, writer, 65530, 12, 12);

        // 2. losses and a negative delta (status vectors, two-byte delta)
        writer.begin(0x1111, 0x2222, 100, 5_000_000, 1);
        writer.addReceived(100, 5_000_000);
        writer.addReceived(102, 5_010_000);
        writer.addReceived(103, 5_004_000);
        writer.addReceived(107, 5_020_000);
        writer.addReceived(108, 5_900_000);
        add(packets, expected, writer, 100, 9, 5);

        // 3. a long gap (run-length of not received) then one packet
        writer.begin(0x1111, 0x2222, 0, 0, 2);
        writer.addReceived(0, 0);
        writer.addReceived(9000, 7_000_000);
        add(packets, expected, writer, 0, 9001, 2);

        // 4. what the receive-side recorder writes for a random pattern
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder(0x3333, 1024, 1200, 50_000);
        Random random = new Random(12);
        long now = 0;
        for (int seq = 0; seq < 300; seq++) {
            now += random.nextInt(3_000);
            if (random.nextInt(10) != 0) {
                recorder.onPacket(seq, 0x4444, now + (random.nextInt(8) == 0 ? -random.nextInt(20_000) : 0));
            }
        }
        byte[] buffer = new byte[1200];
        int recorded = 0;
        while (recorder.isFeedbackDue(now + 100_000)) {
            int length = recorder.writeFeedback(buffer, 0, now + 100_000);
            packets.add(Arrays.copyOf(buffer, length));
            expected.add(null);
            recorded++;
        }
        assertTrue(recorded >= 1);

        Path pcap = dir.resolve("vc-transport-cc.pcap");
        PcapWriter.write(pcap, PORT, packets);
        List<String> lines = tshark(pcap, "rtcp.pt", "rtcp.rtpfb.fmt", "_ws.malformed", "_ws.expert.severity",
                "rtcp.rtpfb.transportcc.baseseq", "rtcp.rtpfb.transportcc.statuscount",
                "rtcp.rtpfb.transportcc.recv_delta", "rtcp.rtpfb.transportcc_bad", "rtcp.length_check");
        assertEquals(packets.size(), lines.size(), String.join("\n", lines));
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertEquals("205", f[0], "RTPFB: " + lines.get(i));
            assertEquals("15", f[1], "transport-cc: " + lines.get(i));
            assertEquals("", f[2], "tshark found the packet malformed: " + lines.get(i));
            assertEquals("", f[3], "tshark's expert info flagged something: " + lines.get(i));
            assertEquals("", f[7], "tshark found too many chunks: " + lines.get(i));
            assertTrue(f[8].isEmpty() || isTrue(f[8]), "RTCP length check: " + lines.get(i));
            int[] want = expected.get(i);
            if (want != null) {
                assertEquals(String.valueOf(want[0]), f[4], "base sequence: " + lines.get(i));
                assertEquals(String.valueOf(want[1]), f[5], "status count: " + lines.get(i));
                assertEquals(want[2], f[6].isEmpty() ? 0 : f[6].split(",").length, "deltas: " + lines.get(i));
            }
        }
    }

    private static void add(List<byte[]> packets, List<int[]> expected, TransportFeedbackWriter writer, int base,
                            int count, int deltas) {
        byte[] out = new byte[writer.length()];
        writer.write(out, 0);
        packets.add(out);
        expected.add(new int[] {base, count, deltas});
    }

    private static boolean isTrue(String field) {
        return field.equals("1") || field.equalsIgnoreCase("true");
    }

    static boolean tsharkOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "tshark"))) {
                return true;
            }
        }
        return false;
    }

    static List<String> tshark(Path pcap, String... fields) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-d",
                "udp.port==" + PORT + ",rtcp", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Path out = pcap.resolveSibling("tshark.out");
        Path err = pcap.resolveSibling("tshark.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tshark did not finish within 60 s");
        }
        assertEquals(0, process.exitValue(), Files.readString(err));
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }
}
