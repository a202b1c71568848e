package dev.vc.relay;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.RelayTrust;
import dev.vc.api.control.ControlMessage.Join;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs out of file descriptors on purpose: a relay in a child JVM limited to 128 descriptors ({@code ulimit -n})
 * is flooded with idle control connections until {@code accept} fails. Its control thread must then pause
 * rather than spin, and accept again once the flood closes: an honest client joins afterwards.
 */
class DescriptorExhaustionTest {
    private static final Pattern CONTROL = Pattern.compile("control tcp [^:]*:(\\d+)");
    private static final Pattern FINGERPRINT = Pattern.compile("sha-256 ([0-9A-F:]{95})");

    @Test
    @Timeout(90)
    void shouldSurviveRunningOutOfDescriptorsWithoutSpinningAndAcceptAgainAfterwards() throws Exception {
        assumeTrue(new File("/proc/self/stat").exists() && new File("/bin/sh").exists(), "needs Linux /proc and sh");
        Set<String> path = new LinkedHashSet<>();
        for (String property : new String[] {"jdk.module.path", "surefire.test.class.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                path.addAll(List.of(value.split(File.pathSeparator)));
            }
        }
        Path state = Files.createTempDirectory("relay-state");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -n 128 && exec '" + java + "' -Xmx64m -cp '" + String.join(File.pathSeparator, path)
                + "' dev.vc.relay.cli.RelayMain --host 127.0.0.1 --control-port 0 --media-port 0 --media-security insecure"
                + " --join-timeout-ms 20000 --tls-handshake-timeout-ms 20000 --max-connections 100000"
                + " --max-connections-per-address 100000 --state-dir '" + state + "'";
        Path stderr = Files.createTempFile("relay-fd", ".log");
        Process relay = new ProcessBuilder("/bin/sh", "-c", command).redirectError(stderr.toFile()).start();
        List<SocketChannel> flood = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertNotNull(line, "the relay started: " + Files.readString(stderr));
            Matcher m = CONTROL.matcher(line);
            assertTrue(m.find(), line);
            InetSocketAddress control = new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
            String security = out.readLine();
            Matcher pin = FINGERPRINT.matcher(String.valueOf(security));
            assertTrue(pin.find(), "the relay prints its certificate's fingerprint: " + security);

            for (int i = 0; i < 200; i++) {                          // far more than 128 descriptors
                SocketChannel c = SocketChannel.open();
                c.configureBlocking(false);
                c.connect(control);                                  // no waiting: the backlog may be full
                flood.add(c);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(stderr).contains("cannot accept control connections")
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.readString(stderr).contains("cannot accept control connections"),
                    "accept failed for want of descriptors");
            long before = cpuTicks(relay.pid());
            Thread.sleep(2_000);
            long used = cpuTicks(relay.pid()) - before;
            assertTrue(used < 60, "out of descriptors, the relay used " + used + " ticks of CPU in 2 s (no spin)");

            for (SocketChannel c : flood) {
                c.close();
            }
            flood.clear();
            Thread.sleep(1_500);                                     // at most one pause (1 s) to come back
            try (ControlClient alice = ControlClient.join(control, RelayTrust.pinned(pin.group(1)), new Join("a", "alice", "", Set.of(VideoCodec.JPEG),
                    Set.of(VideoCodec.JPEG)), new ControlClient.Listener() { }, Duration.ofSeconds(10))) {
                assertTrue(alice.session().participantId() > 0, "an honest client joins once descriptors are free");
            }
        } finally {
            for (SocketChannel c : flood) {
                c.close();
            }
            relay.destroy();
            relay.waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(stderr);
            Files.deleteIfExists(state.resolve("control-tls.pem"));
            Files.deleteIfExists(state);
        }
    }

    /** @return user + system CPU time of a process, in clock ticks (usually 1/100 s) */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);  // utime, stime (fields 14, 15)
    }
}
