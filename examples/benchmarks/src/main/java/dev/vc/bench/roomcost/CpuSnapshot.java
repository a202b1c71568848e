package dev.vc.bench.roomcost;

import dev.vc.bench.MachineCounters;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time at one instant: of every live Java thread of this process (by id, with its name and the bytes it has
 * allocated), of the process as
 * a whole, and of the machine ({@code /proc/stat}); and on Linux how long each native thread has waited for a CPU
 * while runnable ({@code /proc/self/task/<tid>/schedstat}), by its kernel name ({@code comm}: HotSpot gives each
 * Java thread its name, cut to {@value #COMM_LENGTH} characters). Two snapshots make a {@link CpuShares}.
 *
 * <pre>{@code
 * CpuSnapshot before = CpuSnapshot.take();
 * ...
 * CpuShares shares = CpuShares.between(before, CpuSnapshot.take(), "client", port);
 * }</pre>
 *
 * @param nanos         {@link System#nanoTime()} when taken
 * @param threads       thread id to name and CPU nanoseconds, for the threads alive then
 * @param processCpu    CPU nanoseconds of the whole process (Java threads, GC, JIT compiler, native threads)
 * @param machineBusy   busy CPU ticks of the machine since boot, or -1 where unknown
 * @param machineTotal  all CPU ticks of the machine since boot, or -1 where unknown
 * @param runQueueWaits nanoseconds spent runnable but not running, per native thread name (threads of the same
 *                      name summed); empty where the kernel does not tell
 */
record CpuSnapshot(long nanos, Map<Long, ThreadTime> threads, long processCpu, long machineBusy,
                   long machineTotal, Map<String, Long> runQueueWaits) {
    /** Longest native thread name Linux keeps. */
    static final int COMM_LENGTH = 15;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * One thread's name, CPU time and allocation.
     *
     * @param name      the thread's name
     * @param cpuNanos  its CPU time so far, nanoseconds
     * @param allocated bytes it has allocated on the heap so far, or -1 if unknown
     */
    record ThreadTime(String name, long cpuNanos, long allocated) {
    }

    /** @return the snapshot now */
    static CpuSnapshot take() {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, ThreadTime> threads = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && cpu[i] >= 0) {  // null or -1: the thread ended meanwhile
                threads.put(ids[i], new ThreadTime(infos[i].getThreadName(), cpu[i], allocated[i]));
            }
        }
        long[] machine = MachineCounters.cpuTicks();
        return new CpuSnapshot(System.nanoTime(), threads, OS.getProcessCpuTime(), machine[0], machine[1],
                readRunQueueWaits());
    }

    /**
     * @param javaName a Java thread's name
     * @return the name the kernel knows it by
     */
    static String comm(String javaName) {
        return javaName.length() <= COMM_LENGTH ? javaName : javaName.substring(0, COMM_LENGTH);
    }

    private static Map<String, Long> readRunQueueWaits() {
        Map<String, Long> waits = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    // schedstat: time on a CPU, time waiting on a run queue (both ns), timeslices run
                    String[] fields = Files.readString(task.resolve("schedstat")).strip().split("\\s+");
                    waits.merge(name, Long.parseLong(fields[1]), Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read, or the kernel keeps no schedstat: leave it out
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return waits;
    }
}
