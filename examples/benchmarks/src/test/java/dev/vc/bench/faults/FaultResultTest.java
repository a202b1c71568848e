package dev.vc.bench.faults;

import dev.vc.api.RemoteStream;
import dev.vc.api.RtpStreamStats;
import dev.vc.api.TransportStats;
import dev.vc.api.VideoCodec;
import dev.vc.api.session.FreezeStats;
import dev.vc.api.session.LatencyStats;
import dev.vc.api.session.ParticipantStats;
import dev.vc.api.session.StreamStats;
import dev.vc.bench.faults.impair.ImpairmentCounts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window arithmetic of a fault scenario, from hand-made snapshots; no sockets. */
class FaultResultTest {
    /** A participant's counters: its own stream's, and what it rendered of the other one's. */
    private static ParticipantStats stats(int ssrc, int other, long encoded, long keyframes, long rendered,
                                          FreezeStats freezes, long nacks, long plis, long retransmissions,
                                          long incomplete) {
        StreamStats stream = new StreamStats(RemoteStream.of(other, VideoCodec.H264), rendered, 0, rendered, 0, 0, 0,
                LatencyStats.EMPTY, freezes, 320, 240);
        List<RtpStreamStats> rtp = List.of(
                new RtpStreamStats(ssrc, true, 0, 0, 0, 0, 0, Double.NaN, 0, retransmissions, 0),
                new RtpStreamStats(other, false, 0, 0, 0, 0, 0, Double.NaN, nacks, 0, plis));
        return new ParticipantStats("p" + ssrc, ssrc, encoded, 0, encoded, 0, keyframes, 0, rendered, 0, List.of(stream),
                new TransportStats(0, 0, 0, 0, 0, 0, 0, incomplete), rtp);
    }

    @Test
    void shouldCompareWhatWasRenderedWithWhatTheOthersSentInTheWindow() {
        List<ParticipantStats> before = List.of(
                stats(1, 2, 100, 1, 90, new FreezeStats(60, 0, 0, 0, 0, 0), 0, 0, 0, 0),
                stats(2, 1, 110, 1, 95, FreezeStats.EMPTY, 0, 0, 0, 0));
        List<ParticipantStats> after = List.of(
                stats(1, 2, 400, 4, 375, new FreezeStats(240, 1, 0, 2, 150, 200), 12, 3, 10, 2),
                stats(2, 1, 410, 2, 385, new FreezeStats(620, 2, 1, 1, 600, 600), 8, 1, 12, 1));
        List<LatencyStats> latency = List.of(new LatencyStats(300, 10, 20, 30, 40),
                new LatencyStats(300, 14, 25, 50, 90));
        ImpairmentCounts up = new ImpairmentCounts(1000, 50, 0, 0, 0, 950);
        ImpairmentCounts down = new ImpairmentCounts(900, 45, 0, 0, 0, 855);

        FaultResult r = FaultResult.between("random:5", 5, 10, before, after, latency, up, down);

        assertEquals(600, r.framesExpected(), "300 frames each, each seen by the other");
        assertEquals(285 + 290, r.framesRendered());
        assertEquals(100.0 * 575 / 600, r.renderedPercent(), 1e-9);
        assertEquals(575 / 20.0, r.fpsPerStream(), 1e-9, "two streams for ten seconds");
        assertEquals(620, r.longestGapMillis(), 1e-9);
        assertEquals(3, r.gapsOver200Ms());
        assertEquals(1, r.freezesOver500Ms());
        assertEquals(3, r.recoveries());
        assertEquals(600, r.maxRecoveryMillis(), 1e-9);
        assertEquals(800 / 3.0, r.meanRecoveryMillis(), 1e-9);
        assertEquals(12, r.latencyP50Millis(), 1e-9, "median of the receivers' medians");
        assertEquals(50, r.latencyP99Millis(), 1e-9, "the worst receiver's p99");
        assertEquals(20, r.nacksSent());
        assertEquals(22, r.retransmissions());
        assertEquals(4, r.plisSent());
        assertEquals(4, r.keyframes());
        assertEquals(3, r.framesIncomplete());
        assertEquals(5.0, r.up().lossPercent(), 1e-9);
        assertEquals(5.0, r.down().lossPercent(), 1e-9);
    }
}
