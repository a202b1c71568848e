package dev.vc.relay.cluster.redis;

import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for a test, on a free loopback port, without persistence ({@code --save ''
 * --appendonly no}), started and stopped (abruptly, as a crash) by the test. A test calls {@link #start()} first; where
 * redis-server is not installed that skips the test with a clear message ({@code .ci/run} installs it).
 */
final class RedisServer implements AutoCloseable {
    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** @return a running server on a free port; skips the test when redis-server is not installed */
    static RedisServer start() throws IOException, InterruptedException {
        Assumptions.assumeTrue(binary() != null,
                "redis-server is not installed (Debian: apt-get install redis-server); the cluster tests need it");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RedisServer server = new RedisServer(port);
        server.restart();
        return server;
    }

    private static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Starts the server (again) on the same port, empty, and waits (bounded) until it answers. */
    void restart() throws IOException, InterruptedException {
        process = new ProcessBuilder(binary().toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Jedis jedis = jedis()) {
                jedis.ping();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("redis-server did not come up on port " + port, e);
                }
                Thread.sleep(20);
            }
        }
    }

    /** Kills the server (SIGKILL, as a crash) and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** @return the URL relays are configured with */
    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return a fresh connection for the test to look at the keys; close it */
    Jedis jedis() {
        return new Jedis("127.0.0.1", port, 1_000);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
