package dev.vc.relay;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's and the JVM's own figures, under the names Prometheus's client libraries use ({@code process_*},
 * {@code jvm_*}), and the relay's build ({@code vc_relay_build_info}): CPU time, resident memory (Linux), open and
 * allowed file descriptors (Unix), start time, heap and non-heap in use, live threads, and each garbage
 * collector's collections and time. Read from the JDK's management beans at each scrape; a figure the platform
 * does not offer is left out.
 */
final class ProcessMetrics {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMetrics() {
    }

    static void render(StringBuilder out) {
        var runtime = ManagementFactory.getRuntimeMXBean();
        String version = ProcessMetrics.class.getModule().getDescriptor() == null ? "unknown"
                : ProcessMetrics.class.getModule().getDescriptor().rawVersion().orElse("unknown");
        PrometheusFormat.header(out, "vc_relay_build_info", "gauge", "The relay's version and the Java it runs on.");
        out.append("vc_relay_build_info{version=\"").append(PrometheusFormat.escape(version)).append("\",java=\"")
                .append(PrometheusFormat.escape(Runtime.version().toString())).append("\"} 1\n");
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            value(out, "process_cpu_seconds_total", "counter", "CPU time the process used, user and system.",
                    os.getProcessCpuTime() / 1e9);
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            value(out, "process_open_fds", "gauge", "Open file descriptors.", unix.getOpenFileDescriptorCount());
            value(out, "process_max_fds", "gauge", "Most file descriptors the process may open.",
                    unix.getMaxFileDescriptorCount());
        }
        long rss = residentBytes();
        if (rss >= 0) {
            value(out, "process_resident_memory_bytes", "gauge", "Resident memory.", rss);
        }
        value(out, "process_start_time_seconds", "gauge", "When the process started, seconds since the epoch.",
                runtime.getStartTime() / 1e3);
        var memory = ManagementFactory.getMemoryMXBean();
        PrometheusFormat.header(out, "jvm_memory_used_bytes", "gauge", "Memory the JVM uses, by area.");
        area(out, "heap", memory.getHeapMemoryUsage());
        area(out, "nonheap", memory.getNonHeapMemoryUsage());
        value(out, "jvm_threads_current", "gauge", "Live threads.", ManagementFactory.getThreadMXBean().getThreadCount());
        PrometheusFormat.header(out, "jvm_gc_collection_seconds", "summary", "Time spent in each garbage collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = PrometheusFormat.escape(gc.getName());
            out.append("jvm_gc_collection_seconds_count{gc=\"").append(name).append("\"} ")
                    .append(Math.max(0, gc.getCollectionCount())).append('\n');
            out.append("jvm_gc_collection_seconds_sum{gc=\"").append(name).append("\"} ")
                    .append(Math.max(0, gc.getCollectionTime()) / 1e3).append('\n');
        }
    }

    private static void area(StringBuilder out, String area, MemoryUsage usage) {
        out.append("jvm_memory_used_bytes{area=\"").append(area).append("\"} ").append(usage.getUsed()).append('\n');
    }

    private static void value(StringBuilder out, String name, String type, String help, double value) {
        PrometheusFormat.header(out, name, type, help);
        out.append(name).append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
        out.append('\n');
    }

    /** @return VmRSS from {@code /proc/self/status}, bytes, or -1 where there is none */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
