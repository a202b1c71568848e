package dev.vc.bench.conference;

import dev.vc.api.session.LatencyHistogram;
import dev.vc.api.session.LatencyStats;
import dev.vc.api.session.ParticipantStats;
import dev.vc.api.session.StreamStats;
import dev.vc.bench.MachineCounters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one participant, or the whole room ({@code who = all}), did over a measured window: one row of
 * {@link ConferenceBench}'s tables. A figure that does not apply to the row is -1 (the relay's CPU and the
 * machine's figures are the room's).
 *
 * @param who                    the participant's name, or {@code all}
 * @param seconds                length of the window
 * @param sentFps                frames encoded and sent per second (room: mean per participant)
 * @param streamsExpected        remote streams there should be: N-1 per participant
 * @param streamsReceived        remote streams with at least one frame rendered in the window
 * @param receivedFpsMean        frames rendered per second per remote stream, mean over the expected streams (a
 *                               missing stream counts as 0)
 * @param receivedFpsMin         the same, of the worst stream
 * @param latency                capture-to-render latency of every frame rendered in the window
 * @param kbpsSent               UDP payload sent, kbit/s (room: total)
 * @param kbpsReceived           UDP payload received, kbit/s (room: total)
 * @param drops                  frames and packets lost, by reason (room: total)
 * @param cpuPercent             CPU of the participant's own threads, or of the whole process for the room, % of
 *                               one core
 * @param relayCpuPercent        CPU of the relay's threads, % of one core (room only)
 * @param gcMillis               time the process's garbage collectors spent collecting, ms (room only)
 * @param machineBusyPercent     how busy the whole machine was, % of all its cores (room only)
 * @param udpReceiveBufferErrors datagrams the kernel dropped on full UDP receive buffers, whole machine (room only)
 */
record ConferenceFigures(String who, double seconds, double sentFps, int streamsExpected, int streamsReceived,
                         double receivedFpsMean, double receivedFpsMin, LatencyStats latency, double kbpsSent,
                         double kbpsReceived, FrameDrops drops, double cpuPercent, double relayCpuPercent,
                         long gcMillis, double machineBusyPercent, long udpReceiveBufferErrors) {
    /** The {@code who} of the room's row. */
    static final String ALL = "all";

    /** @return true if every expected remote stream rendered frames in the window */
    boolean complete() {
        return streamsReceived == streamsExpected;
    }

    /**
     * @param index   the participant's place in the snapshots
     * @param before  the counters when the window opened
     * @param after   the counters when it closed
     * @param latency the participant's capture-to-render samples of the window
     * @return the participant's row
     */
    static ConferenceFigures participant(int index, ConferenceSnapshot before, ConferenceSnapshot after,
                                         LatencyHistogram latency) {
        ParticipantStats a = before.participants().get(index);
        ParticipantStats b = after.participants().get(index);
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        int expected = after.participants().size() - 1;
        List<Double> fps = streamFps(a, b, seconds);
        while (fps.size() < expected) {
            fps.add(0.0);
        }
        long relayDrops = after.relayDropsByName().getOrDefault(b.name(), 0L)
                - before.relayDropsByName().getOrDefault(a.name(), 0L);
        long cpu = Math.max(0, after.participantCpuNanos().get(index) - before.participantCpuNanos().get(index));
        return new ConferenceFigures(b.name(), seconds, (b.framesEncoded() - a.framesEncoded()) / seconds, expected,
                (int) fps.stream().filter(f -> f > 0).count(),
                fps.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                fps.stream().mapToDouble(Double::doubleValue).min().orElse(0), latency.stats(),
                kbps(b.transport().bytesSent() - a.transport().bytesSent(), seconds),
                kbps(b.transport().bytesReceived() - a.transport().bytesReceived(), seconds),
                FrameDrops.between(a, b, relayDrops), percentOfCore(cpu, after.nanos() - before.nanos()), -1, -1, -1, -1);
    }

    /**
     * @param each    every participant's row
     * @param before  the counters when the window opened
     * @param after   the counters when it closed
     * @param latency everyone's capture-to-render samples of the window together
     * @return the room's row
     */
    static ConferenceFigures room(List<ConferenceFigures> each, ConferenceSnapshot before, ConferenceSnapshot after,
                                  LatencyHistogram latency) {
        long nanos = after.nanos() - before.nanos();
        FrameDrops drops = each.stream().map(ConferenceFigures::drops).reduce(FrameDrops.NONE, FrameDrops::plus)
                .withRelayPackets(after.relayDrops() - before.relayDrops());
        long rcvbuf = before.udpReceiveBufferErrors() < 0 || after.udpReceiveBufferErrors() < 0 ? -1
                : after.udpReceiveBufferErrors() - before.udpReceiveBufferErrors();
        return new ConferenceFigures(ALL, nanos / 1e9, each.stream().mapToDouble(ConferenceFigures::sentFps).average().orElse(0),
                each.stream().mapToInt(ConferenceFigures::streamsExpected).sum(),
                each.stream().mapToInt(ConferenceFigures::streamsReceived).sum(),
                each.stream().mapToDouble(ConferenceFigures::receivedFpsMean).average().orElse(0),
                each.stream().mapToDouble(ConferenceFigures::receivedFpsMin).min().orElse(0), latency.stats(),
                each.stream().mapToDouble(ConferenceFigures::kbpsSent).sum(),
                each.stream().mapToDouble(ConferenceFigures::kbpsReceived).sum(), drops,
                percentOfCore(after.processCpuNanos() - before.processCpuNanos(), nanos),
                percentOfCore(Math.max(0, after.relayCpuNanos() - before.relayCpuNanos()), nanos),
                after.gcMillis() - before.gcMillis(),
                MachineCounters.busyPercent(before.machineCpuTicks(), after.machineCpuTicks()), rcvbuf);
    }

    /** @return frames rendered per second of each remote stream present at the end of the window */
    private static List<Double> streamFps(ParticipantStats before, ParticipantStats after, double seconds) {
        Map<Integer, Long> start = new HashMap<>();
        before.streams().forEach(s -> start.put(s.stream().ssrc(), s.framesRendered()));
        List<Double> fps = new ArrayList<>();
        for (StreamStats s : after.streams()) {
            fps.add((s.framesRendered() - start.getOrDefault(s.stream().ssrc(), 0L)) / seconds);
        }
        return fps;
    }

    private static double kbps(long bytes, double seconds) {
        return bytes * 8 / 1000.0 / seconds;
    }

    private static double percentOfCore(long cpuNanos, long wallNanos) {
        return 100.0 * cpuNanos / wallNanos;
    }
}
