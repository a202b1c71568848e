package dev.vc.relay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds the relay's jlink image with {@code src/image/build-image.sh} (the command docs/relay.md gives) from the
 * module path this test runs on, starts its launcher, and stops it with SIGTERM as systemd or a container runtime
 * would: the relay must end and free its control and media ports, not linger behind an ended launcher script.
 */
class RelayImageTest {
    private static final Pattern READY = Pattern.compile("control tcp /127\\.0\\.0\\.1:(\\d+), media udp /127\\.0\\.0\\.1:(\\d+)");
    private static final long BUILD_LIMIT_SECONDS = 300;
    private static final long LIMIT_SECONDS = 60;

    @Test
    void shouldEndTheRelayAndFreeItsPortsOnSigterm(@TempDir Path state) throws Exception {
        String modulePath = System.getProperty("jdk.module.path");
        Path javaHome = Path.of(System.getProperty("java.home"));
        assumeTrue(modulePath != null, "the relay's modules are not on a module path: no image to build");
        assumeTrue(Files.isDirectory(javaHome.resolve("jmods")), "this JDK has no jmods, jlink cannot build an image");
        Path image = Path.of("target", "relay-image-test");
        deleteTree(image);
        build(modulePath, javaHome, image);

        Process relay = new ProcessBuilder(image.resolve("bin/vc-relay").toString(), "--host", "127.0.0.1",
                "--control-port", "0", "--media-port", "0", "--state-dir", state.toString())
                .redirectErrorStream(true).start();
        List<ProcessHandle> children = List.of();
        try {
            Matcher ready = awaitLine(relay);
            int controlPort = Integer.parseInt(ready.group(1));
            int mediaPort = Integer.parseInt(ready.group(2));
            children = relay.descendants().toList();

            relay.destroy(); // SIGTERM
            assertTrue(relay.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS), "the launcher did not end on SIGTERM");
            assertEquals(143, relay.exitValue());
            for (ProcessHandle child : children) {
                child.onExit().completeOnTimeout(child, LIMIT_SECONDS, TimeUnit.SECONDS).join();
                assertFalse(child.isAlive(), "the launcher ended but left " + child.info().command().orElse("a child")
                        + " (pid " + child.pid() + ") running");
            }
            try (ServerSocket control = new ServerSocket()) {
                control.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), controlPort));
            }
            try (DatagramSocket media = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), mediaPort))) {
                assertTrue(media.isBound());
            }
        } finally {
            relay.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void build(String modulePath, Path javaHome, Path image) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "src/image/build-image.sh", modulePath, image.toString())
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        Process jlink = builder.start();
        // Read before waiting, so a chatty failure cannot fill the pipe and stall the build.
        String output = new String(jlink.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jlink.waitFor(BUILD_LIMIT_SECONDS, TimeUnit.SECONDS), "the image build did not end");
        assertEquals(0, jlink.exitValue(), "the image build failed: " + output);
    }

    /** The relay's line naming its bound ports; fails if the relay says nothing of the kind within the limit. */
    private static Matcher awaitLine(Process relay) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                lines.add("(output closed: " + e.getMessage() + ")");
            }
        }, "relay-image-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
        }
        return fail("the relay did not report its ports; its output:\n" + seen);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
