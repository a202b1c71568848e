package dev.vc.transport.udp;

import dev.vc.transport.udp.rtcp.BitrateTuple;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Wireshark's RTCP dissector takes vc's TMMBR and TMMBN apart without errors and finds the stream, exponent,
 * mantissa and overhead vc wrote (RFC 5104 §4.2.1.1).
 */
class TmmbrTsharkTest {
    private static final long[] RATES = {0, 1, 131_071, 131_072, 600_000, 2_500_000, 100_000_000, 1L << 40};

    @Test
    void shouldWriteTmmbrAndTmmbnThatTsharkDissectsWithoutErrors(@TempDir Path dir) throws Exception {
        assumeTrue(TransportFeedbackTsharkTest.tsharkOnPath(), "tshark is not installed: TMMBR dissection not checked");
        List<byte[]> packets = new ArrayList<>();
        byte[] out = new byte[64];
        for (long rate : RATES) {
            packets.add(Arrays.copyOf(out, RtcpWriter.tmmbr(out, 0, 0x76632d72, 0x1234_5678, rate, 28)));
            packets.add(Arrays.copyOf(out, RtcpWriter.tmmbn(out, 0, 0x1234_5678, 0x76632d72, rate, 28)));
        }
        Path pcap = dir.resolve("vc-tmmbr.pcap");
        PcapWriter.write(pcap, 5005, packets);
        List<String> lines = TransportFeedbackTsharkTest.tshark(pcap, "rtcp.pt", "rtcp.rtpfb.fmt", "_ws.malformed",
                "_ws.expert.severity", "rtcp.rtpfb.tmmbr.fci.ssrc", "rtcp.rtpfb.tmmbr.fci.exp",
                "rtcp.rtpfb.tmmbr.fci.mantissa", "rtcp.rtpfb.tmmbr.fci.measuredoverhead");
        assertEquals(packets.size(), lines.size(), String.join("\n", lines));
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            int word = BitrateTuple.encode(RATES[i / 2], 28);
            boolean request = i % 2 == 0;
            assertEquals("205", f[0], lines.get(i));
            assertEquals(request ? "3" : "4", f[1], lines.get(i));
            assertEquals("", f[2], "tshark found the packet malformed: " + lines.get(i));
            assertEquals("", f[3], "tshark's expert info flagged something: " + lines.get(i));
            assertEquals(Integer.toUnsignedLong(request ? 0x1234_5678 : 0x76632d72), Long.decode(f[4]), lines.get(i));
            assertEquals(String.valueOf(word >>> 26), f[5], "exponent: " + lines.get(i));
            assertEquals(String.valueOf((word >>> 9) & BitrateTuple.MAX_MANTISSA), f[6], "mantissa: " + lines.get(i));
            assertEquals("28", f[7], "overhead: " + lines.get(i));
        }
    }
}
