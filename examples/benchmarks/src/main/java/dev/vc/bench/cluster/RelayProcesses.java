package dev.vc.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a cluster on one machine: a {@code redis-server} without persistence and relays
 * ({@code RelayMain}, from this JVM's module path) on loopback, each killable with SIGKILL and restartable on its
 * ports; Redis can be stopped (SIGSTOP: connections stay open, nothing answers) and continued (SIGCONT), or killed
 * and started again on its port (empty: the relays register again).
 */
final class RelayProcesses implements AutoCloseable {
    private final Path state;
    private final String modulePath;
    private final int leaseMillis;
    private final int redisPort;
    private final int[] controlPorts;
    private final int[] mediaPorts;
    private final Process[] relays;
    private Process redis;
    private String fingerprint;

    RelayProcesses(int relayCount, int leaseMillis, String modulePath) throws IOException, InterruptedException {
        this.state = Files.createTempDirectory("vc-cluster-bench");
        this.modulePath = modulePath;
        this.leaseMillis = leaseMillis;
        this.redisPort = freePort();
        this.controlPorts = new int[relayCount];
        this.mediaPorts = new int[relayCount];
        this.relays = new Process[relayCount];
        redis = startRedis(redisPort);
        for (int i = 0; i < relayCount; i++) {
            controlPorts[i] = freePort();
            mediaPorts[i] = freePort();
            start(i);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** Starts relay {@code i} on its ports and waits (30 s at most) until it says it is up. */
    void start(int i) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:AutoBoxCacheMax=65536",
                "-Dvc.cluster.redis=redis://127.0.0.1:" + redisPort, "-Dvc.cluster.lease.ms=" + leaseMillis,
                "-p", modulePath, "-m", "dev.vc.relay/dev.vc.relay.cli.RelayMain", "--host", "127.0.0.1",
                "--control-port", Integer.toString(controlPorts[i]), "--media-port", Integer.toString(mediaPorts[i]),
                "--state-dir", state.toString(), "--join-attempts-per-minute", "100000",
                "--max-connections-per-address", "1000"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String fingerprint = null;
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            if (line.startsWith("vc-relay: control: TLS, certificate sha-256 ")) {
                fingerprint = line.split(" ")[5];
                break;
            }
        }
        if (fingerprint == null) {
            process.destroyForcibly();
            throw new IOException("relay " + i + " did not start");
        }
        this.fingerprint = fingerprint;
        Thread drain = new Thread(() -> out.lines().forEach(line -> { }), "relay-" + i + "-output");
        drain.setDaemon(true);
        drain.start();
        relays[i] = process;
    }

    /** @return the certificate every relay presents (one state directory: one self-signed certificate) */
    String fingerprint() {
        return fingerprint;
    }

    /** @return relay {@code i}'s control address */
    InetSocketAddress control(int i) {
        return new InetSocketAddress("127.0.0.1", controlPorts[i]);
    }

    /** @return the relays' control addresses, in order */
    List<InetSocketAddress> controls() {
        List<InetSocketAddress> all = new ArrayList<>();
        for (int i = 0; i < relays.length; i++) {
            all.add(control(i));
        }
        return all;
    }

    /** @return the index of the relay at {@code control}, or -1 */
    int indexOf(InetSocketAddress control) {
        for (int i = 0; i < relays.length; i++) {
            if (controlPorts[i] == control.getPort()) {
                return i;
            }
        }
        return -1;
    }

    /** Kills relay {@code i} with SIGKILL: no goodbye to its clients, no withdrawal from the registry. */
    void kill(int i) throws InterruptedException {
        relays[i].destroyForcibly();
        relays[i].waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Takes Redis away: {@code kill} false stops it (SIGSTOP), true kills it (SIGKILL).
     *
     * @throws IOException if the signal could not be sent
     */
    void redisDown(boolean kill) throws IOException, InterruptedException {
        if (kill) {
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
        } else {
            signal("-STOP");
        }
    }

    /**
     * Brings Redis back as {@link #redisDown} took it: continued (SIGCONT), or started again on its port, empty.
     *
     * @throws IOException if the signal could not be sent or the process not started
     */
    void redisUp(boolean killed) throws IOException, InterruptedException {
        if (killed) {
            redis = startRedis(redisPort);
        } else {
            signal("-CONT");
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(redis.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " " + redis.pid() + " failed");
        }
    }

    private static Process startRedis(int port) throws IOException {
        return new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process relay : relays) {
            if (relay != null) {
                relay.destroyForcibly();
                relay.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (redis.isAlive()) {
            redis.destroyForcibly();   // a stopped process is killed too
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
