package dev.vc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Machine-wide counters from Linux's {@code /proc}, which benchmarks read at both ends of their window to
 * tell whether something else competed for the CPU or the kernel dropped datagrams. Where the files do not
 * exist (not Linux) every figure is -1.
 *
 * <pre>
 * long[] before = MachineCounters.cpuTicks();
 * ... run ...
 * double busy = MachineCounters.busyPercent(before, MachineCounters.cpuTicks());
 * </pre>
 */
public final class MachineCounters {
    private MachineCounters() {
    }

    /**
     * @return busy and total CPU ticks of the whole machine since boot (first line of {@code /proc/stat}; idle
     *         and iowait count as not busy), or {-1, -1} where there is no such file
     */
    public static long[] cpuTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {  // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /**
     * @param before {@link #cpuTicks()} at the start
     * @param after  {@link #cpuTicks()} at the end
     * @return how busy the machine was in between, percent of all its cores, or -1 if unknown
     */
    public static double busyPercent(long[] before, long[] after) {
        long total = delta(before[1], after[1]);
        long busy = delta(before[0], after[0]);
        return total <= 0 || busy < 0 ? -1 : 100.0 * busy / total;
    }

    /**
     * @return datagrams the kernel dropped because a UDP socket's receive buffer was full, all sockets of the
     *         machine together ({@code RcvbufErrors} of {@code /proc/net/snmp}), or -1 where there is no such file
     */
    public static long udpReceiveBufferErrors() {
        try {
            List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                    .filter(line -> line.startsWith("Udp: ")).toList();
            if (udp.size() < 2) {
                return -1;
            }
            List<String> names = Arrays.asList(udp.get(0).trim().split("\\s+"));
            String[] values = udp.get(1).trim().split("\\s+");
            int at = names.indexOf("RcvbufErrors");
            return at < 0 || at >= values.length ? -1 : Long.parseLong(values[at]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long delta(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }
}
