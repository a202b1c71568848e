package dev.vc.bench.conference;

import dev.vc.api.session.Participant;
import dev.vc.api.session.ParticipantStats;
import dev.vc.bench.MachineCounters;
import dev.vc.bench.RelayThreads;
import dev.vc.examples.demo.LoopbackConference;
import dev.vc.relay.DropReason;
import dev.vc.relay.RelayStats;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes {@link ConferenceSnapshot}s of a running {@link LoopbackConference}, attributing CPU time to
 * participants and the relay by thread name.
 *
 * <p>A participant's threads are those vc names after it: {@code vc-capture-<name>}, {@code vc-send-<name>},
 * {@code vc-decode-<name>}, {@code vc-control-<name>} (vc-api), {@code vc-udp-rx-<port>} and
 * {@code vc-udp-timer-<port>} (the udp transport, by its local port); the relay's start with {@code vc-relay-}.
 * Threads are looked up once, when the probe is made, so make it after the conference started. What no
 * participant or relay thread accounts for (GC, the JIT, this harness) shows only in the process's CPU time.
 */
final class ConferenceProbe {
    private final LoopbackConference conference;
    private final List<List<Thread>> participantThreads = new ArrayList<>();
    private final List<Thread> relayThreads = new ArrayList<>();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** @param conference a started conference */
    ConferenceProbe(LoopbackConference conference) {
        this.conference = conference;
        Set<Thread> live = Thread.getAllStackTraces().keySet();
        for (Participant p : conference.participants()) {
            int port = p.localAddress().getPort();
            Set<String> names = Set.of("vc-capture-" + p.name(), "vc-send-" + p.name(), "vc-decode-" + p.name(),
                    "vc-control-" + p.name(), "vc-udp-rx-" + port, "vc-udp-timer-" + port);
            participantThreads.add(live.stream().filter(t -> names.contains(t.getName())).toList());
        }
        live.stream().filter(t -> t.getName().startsWith(RelayThreads.PREFIX)).forEach(relayThreads::add);
    }

    /** @return the counters now */
    ConferenceSnapshot snapshot() {
        List<ParticipantStats> stats = conference.participants().stream()
                .map(Participant::stats).toList();
        List<Long> cpu = participantThreads.stream().map(this::cpuNanos).toList();
        RelayStats relay = conference.relay().stats();
        Map<String, Long> dropsByName = new HashMap<>();
        for (RelayStats.MemberStats m : relay.members()) {
            dropsByName.merge(m.displayName(), m.drops().values().stream().mapToLong(Long::longValue).sum(), Long::sum);
        }
        long drops = 0;
        for (DropReason reason : DropReason.values()) {
            drops += relay.dropped(reason);
        }
        long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
        return new ConferenceSnapshot(System.nanoTime(), stats, cpu, cpuNanos(relayThreads), os.getProcessCpuTime(),
                gcMillis, Map.copyOf(dropsByName), drops, MachineCounters.cpuTicks(), MachineCounters.udpReceiveBufferErrors());
    }

    private long cpuNanos(List<Thread> group) {
        long sum = 0;
        for (Thread t : group) {
            sum += Math.max(0, threads.getThreadCpuTime(t.getId()));  // -1 once a thread has ended
        }
        return sum;
    }
}
