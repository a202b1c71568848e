package dev.vc.bench.netlab;

import dev.vc.bench.ChildJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link LabMember} JVM running inside a namespace ({@code ip netns exec NS java ...}): started with this JVM's
 * {@code java} and a module path holding {@code dev.vc.bench} and its dependencies (by default this JVM's own,
 * e.g. {@code examples/benchmarks/target/modules}), its standard output handed line by line to a listener, its
 * standard error kept in a log file. {@code ip netns exec} replaces itself with the JVM, so ending the process
 * ends the JVM.
 *
 * <pre>
 * try (LabProcess core = LabProcess.start(ns, List.of("--host-relay", "--names", "p1,p2"), modulePath, log, lines::add)) {
 *     core.awaitLine("joined", 30);
 *     core.send("go epoch_ms=" + epoch);
 * }
 * </pre>
 */
final class LabProcess implements AutoCloseable {
    private final String label;
    private final Process process;
    private final Writer stdin;
    private final Path log;
    private final List<String> seen = new ArrayList<>();

    private LabProcess(String label, Process process, Path log) {
        this.label = label;
        this.process = process;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * @param namespace  where to run it
     * @param args       {@link LabMember}'s arguments
     * @param modulePath the module path, {@code File.pathSeparator}-separated
     * @param log        where its standard error goes
     * @param lines      gets every line it prints, on a reader thread
     * @return the running process
     * @throws IOException if it cannot be started
     */
    static LabProcess start(Namespace namespace, List<String> args, String modulePath, Path log,
                            Consumer<String> lines) throws IOException {
        List<String> command = ChildJvm.command(modulePath, LabMember.class, List.of("-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(namespace.exec(command)).redirectError(log.toFile()).start();
        LabProcess lab = new LabProcess(namespace.name(), process, log);
        Thread reader = new Thread(() -> lab.read(lines), "vc-netlab-out-" + namespace.name());
        reader.setDaemon(true);
        reader.start();
        return lab;
    }

    private void read(Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (seen) {
                    if (seen.size() < 16) {
                        seen.add(line);
                    }
                    seen.notifyAll();
                }
                lines.accept(line);
            }
        } catch (IOException e) {
            // the process ended
        }
        synchronized (seen) {
            seen.notifyAll();
        }
    }

    /**
     * Waits until the process printed a line of that kind among its first lines.
     *
     * @param kind    e.g. {@code joined}
     * @param seconds how long at most
     * @throws IOException if it ended or took too long (the message has the end of its log)
     * @throws InterruptedException if interrupted
     */
    void awaitLine(String kind, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (seen) {
            while (seen.stream().noneMatch(l -> LabLine.parse(l).kind().equals(kind))) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new IOException(label + ": no '" + kind + "' line " + (process.isAlive()
                            ? "in " + seconds + " s" : "(exited " + process.waitFor() + ")") + "; " + tail());
                }
                seen.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
            }
        }
    }

    /**
     * @param kind a line's kind, e.g. {@code joined}
     * @param key  one of its fields
     * @return that field of the first such line among its first lines, or {@code ""}
     */
    String field(String kind, String key) {
        synchronized (seen) {
            return seen.stream().map(LabLine::parse).filter(l -> l.kind().equals(kind)).findFirst()
                    .map(l -> l.text(key)).orElse("");
        }
    }

    /**
     * @param line a line for its standard input, e.g. {@code go epoch_ms=...}
     * @throws IOException if it is gone
     */
    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    private String tail() {
        try {
            List<String> all = Files.readAllLines(log);
            return "log " + log + ": " + String.join(" | ", all.subList(Math.max(0, all.size() - 5), all.size()));
        } catch (IOException e) {
            return "no log";
        }
    }

    /** Asks it to stop, then ends it: closing its input, then SIGTERM after 3 s, SIGKILL after 5 more. */
    @Override
    public void close() {
        try {
            send("stop");
            stdin.close();
        } catch (IOException gone) {
            // already ended
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
