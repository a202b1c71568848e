package dev.vc.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A virtual X display for GUI tests, as a JUnit extension: {@code @ExtendWith(Xvfb.class)} starts one
 * {@code Xvfb} per test class (handed to tests as a parameter of type {@link Xvfb}) on a display number
 * Xvfb picks itself ({@code -displayfd}, so parallel builds never collide), and stops it after the class. Without an
 * {@code Xvfb} binary on the PATH the tests are skipped, not failed.
 *
 * <p>The test JVM itself stays headless; a test runs its on-screen part in a child JVM with
 * {@link #display()} as {@code DISPLAY}.
 *
 * <p>One copy for every module with on-screen tests: each adds {@code vc-ui-swing/src/testFixtures/java} to
 * its test sources (build-helper), so the class is compiled into, and patched into, each test module.
 */
public final class Xvfb implements BeforeEachCallback, ParameterResolver, AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 15;

    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** The extension instance JUnit creates; a test receives a running {@code Xvfb} as a parameter. */
    public Xvfb() {
        this.process = null;
        this.display = null;
    }

    /** @return the display name, e.g. {@code :3} */
    public String display() {
        return display;
    }

    /** @return the Xvfb binary on the PATH, if any */
    public static Optional<Path> binary() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "Xvfb");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts Xvfb with a 24-bit screen of the given size and a black root window (see {@link WindowOnScreen}).
     *
     * @param log where Xvfb's own messages go
     * @return the running server
     * @throws IOException if it cannot be started or does not report a display in time
     */
    public static Xvfb start(int width, int height, Path log) throws IOException {
        Path binary = binary().orElseThrow(() -> new IOException("no Xvfb on the PATH"));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of(binary.toString(), "-displayfd", "1",
                "-screen", "0", width + "x" + height + "x24", "-br", "-nolisten", "tcp"))
                .redirectError(log.toFile());
        Process process = builder.start();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String number = line.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (number == null || !number.trim().matches("\\d+")) {
                throw new IOException("Xvfb did not report a display (exit " + exitCode(process) + "), see " + log);
            }
            return new Xvfb(process, ":" + number.trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new IOException("interrupted while starting Xvfb", e);
        } catch (ExecutionException | TimeoutException | IOException e) {
            stop(process);
            throw e instanceof IOException ? (IOException) e : new IOException("Xvfb did not start, see " + log, e);
        }
    }

    private static String exitCode(Process process) {
        return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        if (process != null) {
            stop(process);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Xvfb.class;
    }

    /** Skips the test when there is no Xvfb; else starts the server, once for the test class. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(binary().isPresent(), "no Xvfb binary on the PATH: GUI test skipped");
        // Stored in the class's context: started once per test class, closed (AutoCloseable) when it is done.
        store(context).getOrComputeIfAbsent("xvfb", key -> {
            try {
                return start(1600, 900, Path.of("target", "xvfb.log"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start Xvfb: " + e.getMessage(), e);
            }
        }, Xvfb.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return store(context).get("xvfb", Xvfb.class);
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(ExtensionContext.Namespace.create(Xvfb.class));
    }
}
