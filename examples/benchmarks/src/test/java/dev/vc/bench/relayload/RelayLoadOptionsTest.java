package dev.vc.bench.relayload;

import dev.vc.api.ConfigException;
import dev.vc.bench.MediaMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RelayLoad's command line and summary arithmetic; no sockets. */
class RelayLoadOptionsTest {
    @Test
    void shouldDefaultToOneRoomOfTenAt600KbitEach() {
        RelayLoadOptions o = RelayLoadOptions.parse();
        assertEquals(1, o.rooms());
        assertEquals(10, o.participants());
        assertEquals(62.5, o.pps());
        assertEquals(1200, o.packetBytes());
        assertEquals(600_000, o.bitsPerSecondEach(), 1e-9);
        assertEquals(625, o.nominalOfferedPps(), 1e-9);
        assertNull(o.control());
        assertFalse(o.ceiling());
        assertFalse(o.sharedMediaSocket());
        assertFalse(o.busyPoll());
    }

    @Test
    void shouldParseEveryFlag() {
        RelayLoadOptions o = RelayLoadOptions.parse("--rooms", "8", "--participants", "5", "--pps", "100",
                "--packet-bytes", "1000", "--seconds", "20", "--warmup", "1", "--senders", "2", "--receivers", "3",
                "--rcvbuf", "262144", "--ceiling", "--alloc", "--shared-media-socket", "--busy-poll");
        assertEquals(8, o.rooms());
        assertEquals(5, o.participants());
        assertEquals(100, o.pps());
        assertEquals(1000, o.packetBytes());
        assertEquals(20, o.seconds());
        assertEquals(1, o.warmup());
        assertEquals(2, o.senders());
        assertEquals(3, o.receivers());
        assertEquals(262_144, o.receiveBuffer());
        assertTrue(o.ceiling());
        assertTrue(o.alloc());
        assertTrue(o.busyPoll());
        assertEquals(5000, RelayLoadOptions.parse("--control", "127.0.0.1:5000").control().getPort());
        assertEquals(0, o.ceilingReceiveBuffer(), "the ceiling's socket has the system default, as the relay's");
        assertEquals(4 << 20,
                RelayLoadOptions.parse("--ceiling", "--ceiling-rcvbuf", "4194304").ceilingReceiveBuffer());
        assertTrue(o.sharedMediaSocket());
    }

    @Test
    void shouldRejectUnboundedOrContradictoryRuns() {
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--rooms", "0"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--rooms", "101"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--rooms", "100", "--participants", "50"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--seconds", "601"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--pps", "NaN"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--pps", "x"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--control", "nohost"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--ceiling", "--control", "h:1"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--rooms"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--bogus", "1"));
    }

    @Test
    void shouldDeriveRatesLossCpuAndBytesPerPacket() {
        // 2 s window, 1 room of 10: 1250 offered, 9 x 1250 = 11250 expected, 11025 received (2 % lost).
        RelayLoadSummary s = new RelayLoadSummary("relay", MediaMode.PLAIN, 1, 10, 2_000_000_000L, 1250, 0, 1250,
                11_100, 11_025, 0, 500_000_000L, 600_000_000L, 300_000_000L, 1_000_000_000L, 2, 111_000, 70_000,
                71_000, 0, 40, -1, -1);
        assertEquals(625, s.offeredPps(), 1e-9);
        assertEquals(5550, s.forwardedPps(), 1e-9);
        assertEquals(5512.5, s.receivedPps(), 1e-9);
        assertEquals(2.0, s.lossPercent(), 1e-9);
        assertEquals(25, s.forwardingCpuPercent(), 1e-9);
        assertEquals(30, s.relayCpuPercent(), 1e-9);
        assertEquals(25, s.processCpuPercentOfMachine(), 1e-9);
        assertEquals(10.0, s.bytesPerForwarded(), 1e-9);
        assertEquals(88.8, s.bytesPerAccepted(), 1e-9);
        assertEquals(15, s.othersCpuPercentOfMachine(), 1e-9, "40 % busy, 25 % of it this process");
        assertTrue(s.resultLine().startsWith("RESULT target=relay media=plain rooms=1 participants=10 offered_pps=625 "));
    }

    @Test
    void shouldReportUnknownFiguresAsNotAvailableAndNeverNegativeLoss() {
        RelayLoadSummary s = new RelayLoadSummary("external relay", MediaMode.SRTP_CM, 1, 10, 1_000_000_000L, 100,
                0, -1, -1, 905, 0, -1, -1, 0, 0, 2, -1, -1, -1, -1, -1, 800, 0);
        assertEquals(0, s.lossPercent(), 1e-9, "more than expected arrived: packets in flight at the edges");
        assertEquals(-1, s.forwardedPps());
        assertEquals(-1, s.bytesPerForwarded());
        assertTrue(s.resultLine().contains("forwarded_pps=n/a"));
        assertTrue(s.report().contains("forwarded          n/a pkt/s"));
        assertTrue(s.report().contains("800 packets from the relay authenticated"));
    }

    @Test
    void shouldRunPlainAloneByDefaultAndEveryModeAskedForInOrder() {
        assertEquals(List.of(MediaMode.PLAIN), RelayLoadOptions.parse().media());
        assertEquals(1, RelayLoadOptions.parse().rounds());
        assertEquals(List.of(MediaMode.SRTP_CM, MediaMode.PLAIN),
                RelayLoadOptions.parse("--media", "srtp-cm,plain").media());
        RelayLoadOptions compare = RelayLoadOptions.parse("--compare-srtp", "--rounds", "3");
        assertEquals(List.of(MediaMode.PLAIN, MediaMode.SRTP_GCM, MediaMode.SRTP_CM), compare.media());
        assertEquals(3, compare.rounds());
        assertEquals(List.of(MediaMode.SRTP_GCM), RelayLoadOptions.parse("--control", "h:1", "--media", "srtp-gcm")
                .media());
    }

    @Test
    void shouldInterleaveTwoOrMoreModesInOneRoundOnly() {
        assertFalse(RelayLoadOptions.parse("--media", "plain,srtp-gcm").interleave());
        assertTrue(RelayLoadOptions.parse("--media", "plain,srtp-gcm", "--interleave").interleave());
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--interleave"), "one mode");
        assertThrows(ConfigException.class,
                () -> RelayLoadOptions.parse("--media", "plain,srtp-gcm", "--interleave", "--rounds", "2"));
    }

    @Test
    void shouldAddUpWindowsAndKeepWhatWasNotMeasuredUnknown() {
        LoadSnapshot a0 = snapshot(0, 100, 1_000, -1);
        LoadSnapshot a1 = snapshot(1_000, 160, 1_900, -1);
        LoadSnapshot b0 = snapshot(5_000, 300, 4_000, -1);
        LoadSnapshot b1 = snapshot(5_500, 320, 4_500, -1);

        LoadSnapshot sum = LoadSnapshot.sum(List.of(a0, b0), List.of(a1, b1));

        assertEquals(1_500, sum.nanos);
        assertEquals(80, sum.forwarded);
        assertEquals(1_400, sum.forwardingCpu);
        assertEquals(-1, sum.forwardingAllocated, "not sampled in any window: unknown, not 0");
        assertEquals(1_500 / 10, sum.machineCpuTicks[1], "the machine's ticks: the windows' differences added");
    }

    private static LoadSnapshot snapshot(long nanos, long forwarded, long forwardingCpu, long allocated) {
        LoadSnapshot s = new LoadSnapshot();
        s.nanos = nanos;
        s.forwarded = forwarded;
        s.forwardingCpu = forwardingCpu;
        s.forwardingAllocated = allocated;
        s.machineCpuTicks = new long[] {nanos / 20, nanos / 10};
        return s;
    }

    @Test
    void shouldRejectMediaModesTheTargetCannotRun() {
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--media", "srtp"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--media", "plain,plain"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--compare-srtp", "--media", "plain"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--ceiling", "--media", "srtp-gcm"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--control", "h:1", "--compare-srtp"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--control", "h:1", "--rounds", "2"));
        assertThrows(ConfigException.class, () -> RelayLoadOptions.parse("--rounds", "0"));
    }

    @Test
    void shouldPoolRoundsByModeAndSetEachAgainstPlain() {
        // plain: 2 runs of 1 s, 10,000 forwarded each at 5 us of media thread CPU per packet, 0 B.
        // srtp-gcm: 1 run of 2 s, 20,000 forwarded at 6.25 us (plain/srtp = 80 %), 1,500 B per packet.
        List<RelayLoadSummary> runs = List.of(run(MediaMode.PLAIN, 1, 10_000, 50_000_000L, 0, -1),
                run(MediaMode.SRTP_GCM, 2, 20_000, 125_000_000L, 30_000_000L, 1_000),
                run(MediaMode.PLAIN, 1, 10_000, 50_000_000L, 0, -1));
        List<MediaComparison.Row> rows = new MediaComparison(runs).rows();
        assertEquals(MediaMode.PLAIN, rows.get(0).media());
        assertEquals(2, rows.get(0).runs());
        assertEquals(10_000, rows.get(0).forwardedPps(), 1e-9);
        assertEquals(5_000, rows.get(0).cpuNanosPerForwarded(), 1e-9);
        assertEquals(1.0, rows.get(0).cpuCapacityRatio(), 1e-9);
        MediaComparison.Row srtp = rows.get(1);
        assertEquals(6_250, srtp.cpuNanosPerForwarded(), 1e-9);
        assertEquals(1_500, srtp.bytesPerForwarded(), 1e-9);
        assertEquals(0.8, srtp.cpuCapacityRatio(), 1e-9);
        assertEquals(1.0, srtp.throughputRatio(), 1e-9);
        assertEquals(1_000, srtp.authenticated());
        String report = new MediaComparison(runs).report();
        assertTrue(report.contains("80.0 %"), report);
        assertTrue(new MediaComparison(runs).resultLines().get(1)
                .contains("media=srtp-gcm runs=1 forwarded_pps=10000 loss_pct=0.000 fwd_ns_per_pkt=6250 "
                        + "alloc_b_per_fwd=1500.00 capacity_ratio_cpu=0.800"));
    }

    @Test
    void shouldLeaveRatiosOutWithoutAPlainRun() {
        MediaComparison.Row row = new MediaComparison(List.of(run(MediaMode.SRTP_CM, 1, 9_000, 60_000_000L, 0, 5)))
                .rows().get(0);
        assertEquals(-1, row.cpuCapacityRatio());
        assertEquals(-1, row.throughputRatio());
    }

    /** A run of 1 room of 10 that lost nothing: forwarded = 9 x offered. */
    private static RelayLoadSummary run(MediaMode media, int seconds, long forwarded, long cpuNanos, long allocated,
                                        long authenticated) {
        return new RelayLoadSummary("relay", media, 1, 10, seconds * 1_000_000_000L, forwarded / 9, 0, forwarded / 9,
                forwarded, forwarded, 0, cpuNanos, cpuNanos, 0, 0, 2, allocated, -1, -1, 0, -1, authenticated,
                authenticated < 0 ? -1 : 0);
    }
}
