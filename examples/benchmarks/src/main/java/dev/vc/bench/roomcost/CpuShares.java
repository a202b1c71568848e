package dev.vc.bench.roomcost;

import dev.vc.bench.roomcost.CpuSnapshot.ThreadTime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the CPU time between two {@link CpuSnapshot}s went, as percent of one core: the client's threads per
 * {@link ClientStage}, every other Java thread of the process (the benchmark's harness: replayed senders, relay,
 * main), the JVM's own work that no Java thread owns (GC, JIT compiler, and any native thread a library starts),
 * and how busy the whole machine was.
 *
 * <p>Each Java thread counts once, in the client's stage its name gives or else in {@link #harness()}: a thread
 * started during the window counts from zero; a thread that ended during the window loses its last stretch,
 * which {@link #threadsEnded()} reports. {@link #jvm()} is the process's CPU time minus all Java threads', so it
 * also catches whatever a thread-name rule missed outside Java (a codec's worker threads, say). On a shared
 * machine, {@link #clientWait()} tells whether the client had the CPUs it asked for.
 *
 * @param seconds      the window's length
 * @param stages       percent of one core per client stage
 * @param harness      percent of one core of every Java thread that is not the client's
 * @param jvm          percent of one core of the process not spent in Java threads (GC, JIT, native threads)
 * @param machineBusy  percent of the whole machine that was busy (every core, every process), or -1 if unknown
 * @param clientAlloc  bytes per second the client's threads allocated on the heap (what its share of the GC
 *                     work follows from)
 * @param clientWait   time the client's threads spent runnable but waiting for a CPU, all together, in percent of
 *                     the window (30: 0.3 s per second), or -1 if the kernel does not tell: high when the machine,
 *                     not the client, is the limit
 * @param threadsEnded Java threads alive at the start and gone at the end
 * @param threads      every Java thread's percent of one core with its stage (null: not the client's), busiest
 *                     first
 */
record CpuShares(double seconds, Map<ClientStage, Double> stages, double harness, double jvm, double machineBusy,
                 double clientAlloc, double clientWait, int threadsEnded, List<ThreadShare> threads) {
    /**
     * One thread's share.
     *
     * @param name    the thread's name
     * @param stage   the client stage it works for, or null
     * @param percent percent of one core
     */
    record ThreadShare(String name, ClientStage stage, double percent) {
    }

    /**
     * @param before     the snapshot at the window's start
     * @param after      the one at its end
     * @param clientName the client's display name
     * @param clientPort the local port of the client's transport
     * @return the shares over the window
     */
    static CpuShares between(CpuSnapshot before, CpuSnapshot after, String clientName, int clientPort) {
        double wallNanos = after.nanos() - before.nanos();
        Map<ClientStage, Double> stages = new EnumMap<>(ClientStage.class);
        for (ClientStage stage : ClientStage.values()) {
            stages.put(stage, 0.0);
        }
        List<ThreadShare> threads = new ArrayList<>();
        Set<String> clientComms = new HashSet<>();
        double harness = 0;
        long javaNanos = 0;
        long clientBytes = 0;
        for (Map.Entry<Long, ThreadTime> entry : after.threads().entrySet()) {
            ThreadTime end = entry.getValue();
            ThreadTime start = before.threads().get(entry.getKey());
            long used = end.cpuNanos() - (start == null ? 0 : start.cpuNanos());
            javaNanos += used;
            double percent = 100.0 * used / wallNanos;
            ClientStage stage = ClientStage.of(end.name(), clientName, clientPort);
            if (stage == null) {
                harness += percent;
            } else {
                stages.merge(stage, percent, Double::sum);
                clientComms.add(CpuSnapshot.comm(end.name()));
                clientBytes += Math.max(0, end.allocated() - (start == null ? 0 : start.allocated()));
            }
            threads.add(new ThreadShare(end.name(), stage, percent));
        }
        threads.sort(Comparator.comparingDouble(ThreadShare::percent).reversed());
        int ended = (int) before.threads().keySet().stream().filter(id -> !after.threads().containsKey(id)).count();
        double jvm = 100.0 * (after.processCpu() - before.processCpu() - javaNanos) / wallNanos;
        long busy = after.machineBusy() - before.machineBusy();
        long total = after.machineTotal() - before.machineTotal();
        boolean known = before.machineTotal() >= 0 && after.machineTotal() >= 0 && total > 0;
        double machine = known ? 100.0 * busy / total : -1;
        return new CpuShares(wallNanos / 1e9, stages, harness, jvm, machine, clientBytes / (wallNanos / 1e9),
                waitPercent(before, after, clientComms, wallNanos), ended, List.copyOf(threads));
    }

    private static double waitPercent(CpuSnapshot before, CpuSnapshot after, Set<String> comms, double wallNanos) {
        if (after.runQueueWaits().isEmpty()) {
            return -1;
        }
        long waited = 0;
        for (String comm : comms) {
            waited += after.runQueueWaits().getOrDefault(comm, 0L) - before.runQueueWaits().getOrDefault(comm, 0L);
        }
        return 100.0 * waited / wallNanos;
    }

    /** @return percent of one core used by all the client's threads together */
    double client() {
        return stages.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * @param stage a client stage
     * @return its percent of one core
     */
    double stage(ClientStage stage) {
        return stages.get(stage);
    }
}
