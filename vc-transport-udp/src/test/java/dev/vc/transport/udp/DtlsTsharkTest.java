package dev.vc.transport.udp;

import dev.vc.transport.udp.dtls.DatagramPipe;
import dev.vc.transport.udp.dtls.DtlsAssociation;
import dev.vc.transport.udp.dtls.DtlsCertificate;
import dev.vc.transport.udp.dtls.DtlsHandshaker;
import dev.vc.transport.udp.dtls.DtlsLimits;
import dev.vc.transport.udp.dtls.DtlsRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Wireshark's DTLS dissector, an independent reading of DTLS 1.2 and RFC 5764, takes a vc handshake apart
 * without errors: the ClientHello offers use_srtp with AEAD_AES_128_GCM then AES128_CM_HMAC_SHA1_80, the
 * ServerHello answers with AEAD_AES_128_GCM, and every datagram is DTLS.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DtlsTsharkTest {
    private static final int PORT = 5004;

    @Test
    void shouldWriteAHandshakeThatTsharkDissectsWithUseSrtp(@TempDir Path dir) throws Exception {
        assumeTrue(tsharkOnPath(), "tshark is not installed: DTLS-SRTP dissection not checked");
        DtlsCertificate client = DtlsCertificate.generate();
        DtlsCertificate server = DtlsCertificate.generate();
        List<DatagramPipe.Sent> sent;
        try (DatagramPipe pipe = DatagramPipe.lossless(); DtlsHandshaker handshaker =
                new DtlsHandshaker(DtlsLimits.DEFAULTS)) {
            DtlsAssociation relay = handshaker.start(DtlsRole.SERVER, server, client.fingerprint(), pipe.outOfB());
            pipe.connectB(relay);
            DtlsAssociation participant = handshaker.start(DtlsRole.CLIENT, client, server.fingerprint(),
                    pipe.outOfA());
            pipe.connectA(participant);
            participant.keys().get(15, TimeUnit.SECONDS);
            relay.keys().get(15, TimeUnit.SECONDS);
            sent = pipe.sent();
        }

        Path pcap = dir.resolve("vc-dtls-srtp.pcap");
        PcapWriter.write(pcap, PORT, sent.stream().map(DatagramPipe.Sent::bytes).toList());
        List<String> lines = tshark(pcap, "dtls.record.content_type", "dtls.handshake.type",
                "dtls.use_srtp.protection_profile", "_ws.malformed", "_ws.expert.severity");

        assertEquals(sent.size(), lines.size(), String.join("\n", lines));
        boolean offered = false;
        boolean answered = false;
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            assertTrue(!f[0].isEmpty(), "not dissected as DTLS: " + line);
            assertEquals("", f[3], "tshark found the datagram malformed: " + line);
            assertTrue(f[4].isEmpty() || !f[4].matches(".*\\b(6291456|8388608)\\b.*"),
                    "tshark's expert info flagged a warning or error: " + line);
            List<String> types = List.of(f[1].split(","));
            if (types.contains("1")) {
                assertEquals("0x0007,0x0001", f[2], "the ClientHello's use_srtp: " + line);
                offered = true;
            }
            if (types.contains("2")) {
                assertEquals("0x0007", f[2], "the ServerHello's use_srtp: " + line);
                answered = true;
            }
        }
        assertTrue(offered && answered, String.join("\n", lines));
    }

    private static boolean tsharkOnPath() {
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

    private static List<String> tshark(Path pcap, String... fields) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-d",
                "udp.port==" + PORT + ",dtls", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
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
