package dev.vc.transport.udp.rtcp;

import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.SendHistory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtcpTest {
    /** Records every callback as a line. */
    static final class Recorder implements RtcpHandler {
        final List<String> items = new ArrayList<>();
        final List<Integer> nacked = new ArrayList<>();

        @Override
        public void onSenderReport(int ssrc, long ntp, int rtp, long packets, long octets) {
            items.add("SR " + Integer.toHexString(ssrc) + " " + Long.toHexString(ntp) + " " + rtp + " " + packets + " "
                    + octets);
        }

        @Override
        public void onReportBlock(int reporter, int source, int fraction, int cumulative, long highest, long jitter,
                                  long lsr, long dlsr) {
            items.add("RB " + Integer.toHexString(reporter) + "->" + Integer.toHexString(source) + " " + fraction + " "
                    + cumulative + " " + highest + " " + jitter + " " + Long.toHexString(lsr) + " " + dlsr);
        }

        @Override
        public void onPictureLossIndication(int sender, int media) {
            items.add("PLI " + Integer.toHexString(sender) + "->" + Integer.toHexString(media));
        }

        @Override
        public void onNack(int sender, int media, int pid, int blp) {
            nacked.add(pid);
            for (int i = 0; i < 16; i++) {
                if ((blp & (1 << i)) != 0) {
                    nacked.add((pid + i + 1) & 0xFFFF);
                }
            }
        }

        @Override
        public void onBye(int ssrc) {
            items.add("BYE " + Integer.toHexString(ssrc));
        }
    }

    @Test
    void shouldReadBackACompoundOfSenderReportSdesPliAndNack() {
        byte[] buf = new byte[1500];
        int at = RtcpWriter.senderReport(buf, 0, 0xAABBCCDD, 0x1122334455667788L, 90_000, 1000, 1_200_000, 2);
        at = RtcpWriter.reportBlock(buf, at, 0x01, 25, 10, 70_000, 33, 0x33445566L, 65_536);
        at = RtcpWriter.reportBlock(buf, at, 0x02, 0, -3, 5, 0, 0, 0);
        at = RtcpWriter.cname(buf, at, 0xAABBCCDD, "alice@vc");
        at = RtcpWriter.pli(buf, at, 0xAABBCCDD, 0x01);
        at = RtcpWriter.nack(buf, at, 0xAABBCCDD, 0x02, new int[] {65534, 65535, 3, 40}, 4);
        assertEquals(0, at % 4, "RTCP packets are whole words");
        assertTrue(RtcpReader.isRtcp(buf, 0, at));

        Recorder r = new Recorder();
        RtcpReader.read(buf, 0, at, r);
        assertEquals(List.of("SR aabbccdd 1122334455667788 90000 1000 1200000",
                "RB aabbccdd->1 25 10 70000 33 33445566 65536", "RB aabbccdd->2 0 -3 5 0 0 0", "PLI aabbccdd->1"), r.items);
        assertEquals(List.of(65534, 65535, 3, 40), r.nacked);
    }

    @Property
    void nackCarriesExactlyTheLostSequenceNumbers(@ForAll("lostRuns") List<Integer> lost) {
        byte[] buf = new byte[1500];
        int[] seqs = lost.stream().mapToInt(Integer::intValue).toArray();
        int end = RtcpWriter.nack(buf, 0, 1, 2, seqs, seqs.length);
        Recorder r = new Recorder();
        RtcpReader.read(buf, 0, end, r);
        assertEquals(lost, r.nacked);
    }

    @Provide
    Arbitrary<List<Integer>> lostRuns() {
        // Lost packets in sending order: increasing steps (with wrap-around) from a random start.
        return Arbitraries.integers().between(0, 65535).flatMap(start ->
                Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(60).map(steps -> {
                    List<Integer> seqs = new ArrayList<>();
                    int s = start;
                    for (int step : steps) {
                        seqs.add(s);
                        s = (s + step) & 0xFFFF;
                    }
                    return seqs;
                }));
    }

    @Property
    void arbitraryBytesReadOrFailWithMalformedPacket(@ForAll @Size(max = 200) byte[] bytes) {
        try {
            RtcpReader.read(bytes, 0, bytes.length, new Recorder());
        } catch (MalformedPacketException expected) {
            // the only failure allowed
        }
    }

    @Test
    void shouldRejectALengthPastTheEndAndPaddingOnANonFinalPacket() {
        byte[] buf = new byte[64];
        int end = RtcpWriter.pli(buf, 0, 1, 2);
        buf[3] = 9;
        assertThrows(MalformedPacketException.class, () -> RtcpReader.read(buf, 0, end, new Recorder()));
        byte[] two = new byte[64];
        int mid = RtcpWriter.pli(two, 0, 1, 2);
        int last = RtcpWriter.pli(two, mid, 1, 2);
        two[0] |= 0x20;
        assertThrows(MalformedPacketException.class, () -> RtcpReader.read(two, 0, last, new Recorder()));
    }

    @Test
    void shouldReadTheStreamAFullIntraRequestNamesInItsFci() {
        byte[] buf = new byte[64];
        int end = RtcpWriter.fir(buf, 0, 0x1111, 0x2222, 7);
        assertEquals(20, end);
        List<String> seen = new ArrayList<>();
        RtcpReader.read(buf, 0, end, new RtcpHandler() {
            @Override
            public void onPacket(int type, int format, int ssrc, int media) {
                seen.add(type + "/" + format + " media " + media);
            }

            @Override
            public void onFullIntraRequest(int sender, int media, int sequence) {
                seen.add("FIR " + Integer.toHexString(sender) + " " + Integer.toHexString(media) + " #" + sequence);
            }

            @Override
            public void onPictureLossIndication(int sender, int media) {
                seen.add("PLI");
            }
        });
        assertEquals(List.of("206/4 media 0", "FIR 1111 2222 #7"), seen);
        buf[3] = 3;                                          // an FCI of 4 bytes: not a FIR entry
        assertThrows(MalformedPacketException.class, () -> RtcpReader.read(buf, 0, 16, new RtcpHandler() { }));
    }

    @Test
    void shouldTellRtcpFromRtp() {
        byte[] rtp = new byte[12];
        RtpPacketWriter.writeFixedHeader(rtp, 0, false, false, 26, 1, 2, 3);
        assertFalse(RtcpReader.isRtcp(rtp, 0, rtp.length));
        byte[] buf = new byte[12];
        RtcpWriter.pli(buf, 0, 1, 2);
        assertTrue(RtcpReader.isRtcp(buf, 0, 12));
    }

    @Test
    void shouldCountLossAndFractionAcrossTheSequenceWrap() {
        ReceptionStatistics stats = new ReceptionStatistics(7);
        TreeSet<Integer> missing = new TreeSet<>(List.of(65530, 65535, 0, 10, 11, 12, 20, 21, 30, 40));
        int sent = 0;
        for (int i = 0; i < 100; i++) {
            int seq = (65500 + i) & 0xFFFF;
            if (!missing.contains(seq)) {
                stats.onPacket(seq, i * 3000, i * 3000L, 1000);
                sent++;
            }
        }
        assertEquals(90, sent);
        assertEquals(65536 + 63, stats.extendedHighest(), "one wrap counted");
        assertEquals(10, stats.cumulativeLost());
        assertEquals(0, stats.jitter(), "constant transit time: no jitter");

        byte[] out = new byte[24];
        stats.writeReportBlock(out, 0, System.nanoTime());
        Recorder r = new Recorder();
        byte[] rr = new byte[32];
        int end = RtcpWriter.receiverReport(rr, 0, 9, 1);
        System.arraycopy(out, 0, rr, end, 24);
        RtcpReader.read(rr, 0, end + 24, r);
        assertEquals("RB 9->7 25 10 65599 0 0 0", r.items.get(0), "10 of 100 lost = 25/256");
    }

    @Property(tries = 200)
    void jitterFollowsTheTransitTimeSpread(@ForAll @IntRange(min = 0, max = 5000) int spread) {
        ReceptionStatistics stats = new ReceptionStatistics(1);
        for (int i = 0; i < 2000; i++) {
            long arrival = i * 3000L + (i % 2 == 0 ? 0 : spread);
            stats.onPacket(i, i * 3000, arrival, 100);
        }
        // Alternating transit differences of |spread| converge to the spread itself (RFC 3550 A.8).
        assertEquals(spread, stats.jitter(), Math.max(1, spread / 100.0));
    }

    @Test
    void shouldKeepTheLastPacketsForRetransmissionAndForgetOverwrittenOnes() {
        SendHistory history = new SendHistory(4, 1200);
        byte[] packet = new byte[1200];
        for (int seq = 65534; seq != 4; seq = (seq + 1) & 0xFFFF) {
            packet[0] = (byte) seq;
            history.record(seq, packet, 0, 100 + (seq & 0xF));
        }
        byte[] out = new byte[1200];
        assertEquals(100 + 3, history.copy(3, out));
        assertEquals((byte) 3, out[0]);
        assertEquals(0, history.copy(65534, out), "overwritten");
        assertEquals(0, history.copy(500, out), "never sent");
    }
}
