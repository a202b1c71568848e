package dev.vc.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's memory, as the measuring tools report it: the resident set ({@code VmRSS} of
 * {@code /proc/self/status}) counts native memory too (FFmpeg's frames, OpenSSL's contexts); the heap after a full
 * collection counts what Java keeps live.
 */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** @return the resident set in bytes, or -1 where {@code /proc/self/status} cannot be read */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * @return the heap in use after two full collections, in bytes: what is live
     * @throws InterruptedException if interrupted while the collections settle
     */
    public static long heapAfterGcBytes() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
