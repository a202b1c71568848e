package dev.vc.bench.conference;

import dev.vc.api.session.ParticipantStats;
import dev.vc.bench.MachineCounters;
import dev.vc.examples.demo.LoopbackConference;

import java.util.List;
import java.util.Map;

/**
 * Every counter of a {@link LoopbackConference} at one instant, taken by {@link ConferenceProbe}; a
 * measured window is the difference of two ({@link ConferenceFigures}).
 *
 * @param nanos                  {@link System#nanoTime()} when taken
 * @param participants           each participant's cumulative counters, {@code p1} first
 * @param participantCpuNanos    CPU time of each participant's own threads, same order
 * @param relayCpuNanos          CPU time of the relay's threads ({@code vc-relay-*})
 * @param processCpuNanos        CPU time of the whole process
 * @param gcMillis               time the garbage collectors spent collecting, all together (G1: mostly pauses)
 * @param relayDropsByName       datagrams the relay dropped, by the display name of the participant concerned
 * @param relayDrops             datagrams the relay dropped, all reasons and participants, attributed or not
 * @param machineCpuTicks        {@link MachineCounters#cpuTicks()}
 * @param udpReceiveBufferErrors {@link MachineCounters#udpReceiveBufferErrors()}
 */
record ConferenceSnapshot(long nanos, List<ParticipantStats> participants, List<Long> participantCpuNanos,
                          long relayCpuNanos, long processCpuNanos, long gcMillis, Map<String, Long> relayDropsByName,
                          long relayDrops, long[] machineCpuTicks, long udpReceiveBufferErrors) {
}
