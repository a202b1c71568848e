package dev.vc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average ({@code /proc/loadavg}), printed beside every benchmark's figures. */
public final class MachineLoad {
    private MachineLoad() {
    }

    /** @return the 1, 5 and 15 minute load averages, e.g. {@code 1.52 1.80 2.10}, or {@code n/a} */
    public static String average() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "n/a";
        }
    }
}
