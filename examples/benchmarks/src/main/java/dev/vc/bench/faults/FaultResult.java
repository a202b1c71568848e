package dev.vc.bench.faults;

import dev.vc.api.RtpStreamStats;
import dev.vc.api.session.FreezeStats;
import dev.vc.api.session.LatencyStats;
import dev.vc.api.session.ParticipantStats;
import dev.vc.api.session.StreamStats;
import dev.vc.bench.faults.impair.ImpairmentCounts;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One {@link FaultBench} scenario's figures over its measured window: every participant's counters at the start
 * and at the end of the window, turned into room-wide totals.
 *
 * @param scenario           the impairment spec
 * @param lossPercent        the loss the spec asks for on each impaired direction
 * @param up                 what the participant-to-relay directions did, all links together
 * @param down               what the relay-to-participant directions did
 * @param framesExpected     frames the others sent, summed over receivers: what a perfect network renders
 * @param framesRendered     remote frames rendered, all receivers
 * @param fpsPerStream       rendered frames per second of one remote stream, on average
 * @param longestGapMillis   the longest gap between rendered frames of any stream (cumulative: includes the
 *                           unimpaired warm-up, whose gaps are a frame interval or two)
 * @param gapsOver200Ms      gaps longer than 200 ms in the window, all streams
 * @param freezesOver500Ms   gaps longer than 500 ms in the window, all streams
 * @param recoveries         keyframe waits after a loss that ended in a rendered frame, in the window
 * @param maxRecoveryMillis  the longest recovery of any stream (cumulative, as the gap)
 * @param meanRecoveryMillis the mean recovery in the window
 * @param latencyP50Millis   capture-to-render latency, median of the receivers' medians
 * @param latencyP99Millis   capture-to-render latency, the worst receiver's 99th percentile
 * @param nacksSent          lost packets receivers asked for (NACK)
 * @param retransmissions    packets senders resent in answer
 * @param plisSent           keyframe requests (PLI) receivers sent
 * @param keyframes          keyframes senders encoded
 * @param framesIncomplete   frames the receivers' transports gave up (a packet never came)
 */
public record FaultResult(String scenario, double lossPercent, ImpairmentCounts up, ImpairmentCounts down,
                          long framesExpected, long framesRendered, double fpsPerStream, double longestGapMillis,
                          long gapsOver200Ms, long freezesOver500Ms, long recoveries, double maxRecoveryMillis,
                          double meanRecoveryMillis, double latencyP50Millis, double latencyP99Millis, long nacksSent,
                          long retransmissions, long plisSent, long keyframes, long framesIncomplete) {

    /** @return rendered frames as a percentage of the expected ones (0 when none were expected) */
    public double renderedPercent() {
        return framesExpected == 0 ? 0 : 100.0 * framesRendered / framesExpected;
    }

    /**
     * Derives the figures of a window.
     *
     * @param scenario    the impairment spec
     * @param lossPercent the loss it asks for per impaired direction
     * @param seconds     the window's length
     * @param before      every participant's counters at the start, in room order
     * @param after       the same participants' counters at the end
     * @param latency     each participant's capture-to-render latency over the window
     * @param up          the links' participant-to-relay counts over the window
     * @param down        the links' relay-to-participant counts over the window
     * @return the result
     */
    public static FaultResult between(String scenario, double lossPercent, double seconds,
                                      List<ParticipantStats> before, List<ParticipantStats> after,
                                      List<LatencyStats> latency, ImpairmentCounts up, ImpairmentCounts down) {
        int n = after.size();
        Map<Integer, Long> sentBySsrc = new HashMap<>();
        long totalSent = 0;
        for (int i = 0; i < n; i++) {
            long sent = after.get(i).framesEncoded() - before.get(i).framesEncoded();
            sentBySsrc.put(after.get(i).ssrc(), sent);
            totalSent += sent;
        }
        long expected = 0;
        long rendered = 0;
        double longestGap = 0;
        long stutters = 0;
        long freezes = 0;
        long recoveries = 0;
        double maxRecovery = 0;
        double recoveryMillis = 0;
        long nacks = 0;
        long retransmissions = 0;
        long plis = 0;
        long keyframes = 0;
        long incomplete = 0;
        for (int i = 0; i < n; i++) {
            ParticipantStats a = after.get(i);
            ParticipantStats b = before.get(i);
            expected += totalSent - sentBySsrc.get(a.ssrc());
            for (StreamStats s : a.streams()) {
                StreamStats earlier = stream(b, s.stream().ssrc());
                FreezeStats f = s.freezes();
                FreezeStats g = earlier == null ? FreezeStats.EMPTY : earlier.freezes();
                rendered += s.framesRendered() - (earlier == null ? 0 : earlier.framesRendered());
                longestGap = Math.max(longestGap, f.longestGapMillis());
                stutters += f.gapsOver200Ms() - g.gapsOver200Ms();
                freezes += f.freezesOver500Ms() - g.freezesOver500Ms();
                recoveries += f.recoveries() - g.recoveries();
                maxRecovery = Math.max(maxRecovery, f.maxRecoveryMillis());
                recoveryMillis += f.totalRecoveryMillis() - g.totalRecoveryMillis();
            }
            nacks += sum(a.rtp(), false, RtpStreamStats::nacks) - sum(b.rtp(), false, RtpStreamStats::nacks);
            plis += sum(a.rtp(), false, RtpStreamStats::keyframeRequests)
                    - sum(b.rtp(), false, RtpStreamStats::keyframeRequests);
            retransmissions += sum(a.rtp(), true, RtpStreamStats::retransmissions)
                    - sum(b.rtp(), true, RtpStreamStats::retransmissions);
            keyframes += a.keyframes() - b.keyframes();
            incomplete += a.transport().framesIncomplete() - b.transport().framesIncomplete();
        }
        double fps = n < 2 || seconds <= 0 ? 0 : rendered / (seconds * n * (n - 1));
        return new FaultResult(scenario, lossPercent, up, down, expected, rendered, fps, longestGap, stutters,
                freezes, recoveries, maxRecovery, recoveries == 0 ? 0 : recoveryMillis / recoveries,
                median(latency.stream().mapToDouble(LatencyStats::p50).toArray()),
                latency.stream().mapToDouble(LatencyStats::p99).max().orElse(0), nacks, retransmissions, plis,
                keyframes, incomplete);
    }

    private static StreamStats stream(ParticipantStats stats, int ssrc) {
        for (StreamStats s : stats.streams()) {
            if (s.stream().ssrc() == ssrc) {
                return s;
            }
        }
        return null;
    }

    private static long sum(List<RtpStreamStats> list, boolean sending,
                            ToLongFunction<RtpStreamStats> field) {
        return list.stream().filter(s -> s.sending() == sending).mapToLong(field).sum();
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
