package dev.vc.relay.cluster.redis;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;
import dev.vc.api.session.StreamStats;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Relays of a test cluster and participants that join them: relays on loopback with ephemeral ports, plain RTP, one
 * state directory (so one self-signed certificate, pinned by every participant), a short lease; participants with
 * the synthetic camera at 160x120 in JPEG, headless, reconnecting quickly.
 */
final class ClusterMembers {
    /** The participants' configuration. */
    static final Config MEDIA = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "synthetic", "vc.width", "160",
            "vc.height", "120", "vc.fps", "15", "vc.simulcast.layers", "1", "vc.media.security", "insecure",
            "vc.renderer", "headless", "vc.reconnect.backoff.ms", "200", "vc.reconnect.max.backoff.ms", "400"));
    static final int LEASE_MS = 1_000;

    private ClusterMembers() {
    }

    /** @return a relay of the cluster on {@code redis}, its certificate kept in {@code state} */
    static RelayServer relay(RedisServer redis, Path state, int joinWaitMillis) {
        return RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .mediaInsecure(true).stateDirectory(state.toString()).keepaliveMillis(500)
                .cluster(Config.empty().with("vc.cluster.redis", redis.url())
                        .with("vc.cluster.lease.ms", Integer.toString(LEASE_MS))
                        .with("vc.cluster.join.wait.ms", Integer.toString(joinWaitMillis)))
                .build());
    }

    /** The trunk secret of the clusters whose rooms span relays. */
    static final String TRUNK_SECRET = "the trunk secret of the test cluster";

    /**
     * @param perRoom most participants of a room on the relay
     * @param span    {@code when-full} or {@code always} ({@code vc.cluster.room.span})
     * @return a relay of the cluster on {@code redis} whose rooms span relays over trunks
     */
    static RelayServer spanningRelay(RedisServer redis, Path state, int perRoom, String span) {
        return RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .mediaInsecure(true).stateDirectory(state.toString()).keepaliveMillis(500)
                .maxParticipantsPerRoom(perRoom).trunkSecret(TRUNK_SECRET)
                .cluster(Config.empty().with("vc.cluster.redis", redis.url())
                        .with("vc.cluster.lease.ms", Integer.toString(LEASE_MS))
                        .with("vc.cluster.room.span", span))
                .build());
    }

    /** @return a participant of {@code room} joining through the first of {@code relays} it reaches */
    static Participant.Builder participant(String name, String room, String fingerprint, InetSocketAddress... relays) {
        return Participant.builder().config(MEDIA).name(name).room(room).relays(List.of(relays))
                .set("vc.relay.fingerprint", fingerprint);
    }

    /** @return frames {@code p} rendered of {@code from}'s stream */
    static long framesFrom(Participant p, String from) {
        return p.stats().streams().stream().filter(s -> s.stream().label().equals(from))
                .mapToLong(StreamStats::framesRendered).sum();
    }

    /** @return true when {@code p}'s roster names every one of {@code others} */
    static boolean sees(Participant p, String... others) {
        List<String> names = p.roster().stream().map(m -> m.displayName()).toList();
        return names.containsAll(List.of(others));
    }

    /** @return a port free now on loopback */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /**
     * A relay of the cluster in a process of its own (this JVM's module path, {@code RelayMain}), to be killed with
     * SIGKILL as a crash would.
     */
    static final class RelayProcess implements AutoCloseable {
        final Process process;
        final InetSocketAddress control;
        private final StringBuffer said = new StringBuffer();

        RelayProcess(RedisServer redis, Path state) throws IOException, InterruptedException {
            int controlPort = freePort();
            this.control = new InetSocketAddress("127.0.0.1", controlPort);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            process = new ProcessBuilder(java.toString(), "-Dvc.cluster.redis=" + redis.url(),
                    "-Dvc.cluster.lease.ms=" + LEASE_MS, "-p", System.getProperty("jdk.module.path"),
                    // surefire puts the jars no module requires (SLF4J, which Jedis uses) on the class path
                    "-cp", System.getProperty("java.class.path"),
                    "-m", "dev.vc.relay/dev.vc.relay.cli.RelayMain", "--host", "127.0.0.1", "--control-port",
                    Integer.toString(controlPort), "--media-port", Integer.toString(freePort()), "--media-security",
                    "insecure", "--keepalive-ms", "500", "--state-dir", state.toString(), "--verbose")
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                said.append(line).append('\n');
                if (line.startsWith("vc-relay: control tcp")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            if (!said.toString().contains("vc-relay: control tcp")) {
                process.destroyForcibly();
                throw new IOException("the relay process did not start: " + said);
            }
            Thread drain = new Thread(() -> {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        said.append(line).append('\n');   // keeps its pipe from filling, and tells a failure why
                    }
                } catch (IOException ignored) {
                    // it died
                }
            }, "relay-process-output");
            drain.setDaemon(true);
            drain.start();
        }

        /** @return what the process printed (warnings and errors), for a failure's message */
        String said() {
            return said.toString();
        }

        /** Kills it with SIGKILL: no goodbye to clients, no withdrawal from the registry. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }
    }
}
