package dev.vc.bench.netlab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one short administrative command ({@code ip}, {@code tc}) to completion, bounded in time, and returns
 * what it printed. Every command of the lab goes through here, so each is logged the same way when it fails.
 *
 * <pre>
 * String json = Shell.run(List.of("tc", "-n", "vcnl-42-core", "-s", "-j", "qdisc", "show", "dev", "vn42d1"));
 * </pre>
 */
final class Shell {
    /** No lab command may take longer: they are all quick, a hang means something is wrong. */
    static final long TIMEOUT_SECONDS = 10;

    private Shell() {
    }

    /**
     * @param command the program and its arguments
     * @return its standard output
     * @throws IOException if it cannot start, exits non-zero (the message carries its standard error) or hangs
     */
    static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": exit " + process.exitValue() + ": "
                        + err.join().strip());
            }
            return out.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        }
    }

    /**
     * Like {@link #run}, for clean-up: a failure is returned, not thrown.
     *
     * @param command the program and its arguments
     * @return null on success, else why it failed
     */
    static String tryRun(List<String> command) {
        try {
            run(command);
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** Reads a stream to its end on a thread of its own (the common pool may have a single thread). */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        }, "vc-netlab-shell");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
