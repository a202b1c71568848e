package dev.vc.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real peers the interop tests talk to (ffmpeg, gst-launch-1.0), their output and errors going to files,
 * and finds what they need: whether a tool is installed, a free even UDP port pair (ffmpeg's RTP input binds both),
 * and when a process has bound its port.
 */
public final class ExternalTools {
    /**
     * What a finished process left.
     *
     * @param exitCode its exit status
     * @param stderr   what it wrote to standard error
     * @param stdout   the file its standard output went to
     */
    public record Run(int exitCode, String stderr, Path stdout) {
    }

    private ExternalTools() {
    }

    /** @return whether an executable of that name is on the {@code PATH} */
    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Starts {@code command}, reading nothing, writing to {@code dir/name.out} and {@code dir/name.err}. */
    public static Process start(Path dir, String name, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    /** Waits for a process {@link #start} started, killing it and failing after {@code seconds}. */
    public static Run finish(Path dir, String name, Process process, long seconds)
            throws IOException, InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not finish within " + seconds + " s: "
                    + Files.readString(dir.resolve(name + ".err")));
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve(name + ".err")), dir.resolve(name + ".out"));
    }

    /** {@link #start} then {@link #finish}. */
    public static Run run(Path dir, String name, long seconds, String... command)
            throws IOException, InterruptedException {
        return finish(dir, name, start(dir, name, List.of(command)), seconds);
    }

    /** @return an even UDP port whose successor is free too */
    public static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 2 * ThreadLocalRandom.current().nextInt(15_000, 30_000);
            try (DatagramChannel rtp = DatagramChannel.open(); DatagramChannel rtcp = DatagramChannel.open()) {
                rtp.bind(new InetSocketAddress(port));
                rtcp.bind(new InetSocketAddress(port + 1));
                return port;
            } catch (IOException inUse) {
                // another
            }
        }
        throw new IOException("no free UDP port pair");
    }

    /**
     * Waits until some process has bound UDP {@code port} (Linux: /proc/net/udp; elsewhere 2 s), at most
     * {@code millis}, or until {@code process} ends.
     */
    public static void awaitUdpListener(int port, Process process, long millis)
            throws IOException, InterruptedException {
        String suffix = String.format(Locale.ROOT, ":%04X ", port);
        Path table = Path.of("/proc/net/udp");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (!Files.isReadable(table)) {
                Thread.sleep(2_000);  // no way to look: give the process time to bind
                return;
            }
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 1 && (f[1] + " ").endsWith(suffix)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
    }
}
