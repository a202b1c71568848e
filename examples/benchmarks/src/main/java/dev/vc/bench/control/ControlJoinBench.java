package dev.vc.bench.control;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.bench.MachineLoad;
import dev.vc.examples.client.cli.Flags;
import dev.vc.examples.client.cli.Mains;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What TLS costs a join: two relays in this process, one with the TLS control channel (its self-signed
 * certificate pinned, as in-process tools do) and one in insecure plain TCP, joined alternately {@code --joins}
 * times each after {@code --warmup} joins each; every join is a new connection (connect, handshake, JOIN, the
 * answer) and leaves at once. Prints, per mode, the join time's median, 95th percentile and mean, and the relay
 * control thread's CPU per join (the handshake's signing and key exchange, the join, the leave).
 *
 * <pre>
 * java -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.control.ControlJoinBench --joins 100
 * </pre>
 */
public final class ControlJoinBench {
    private static final String CONTROL_THREAD = "vc-relay-control";
    private static final Set<VideoCodec> JPEG = Set.of(VideoCodec.JPEG);

    private ControlJoinBench() {
    }

    /**
     * @param args {@code [--joins 100] [--warmup 20]}
     */
    public static void main(String[] args) {
        Mains.exit("vc control join bench", () -> {
            Flags flags = Flags.parse(args, "usage: ControlJoinBench [--joins 100] [--warmup 20]", List.of(),
                    List.of("--joins", "--warmup"));
            int joins = flags.integer("--joins", 100);
            int warmup = flags.integer("--warmup", 20);
            Flags.check("--joins", joins, 1, 10_000);
            Flags.check("--warmup", warmup, 0, 10_000);
            run(joins, warmup);
            return 0;
        });
    }

    private static void run(int joins, int warmup) throws IOException {
        Path state = Files.createTempDirectory("vc-join-bench");
        try {
            Mode tls = new Mode("TLS 1.3 (pinned)", settings().stateDirectory(state.toString()));
            Mode plain = new Mode("plain TCP (insecure)", settings().controlInsecure(true));
            try (tls; plain) {
                String loadBefore = MachineLoad.average();
                for (int i = 0; i < warmup; i++) {
                    tls.join(false);
                    plain.join(false);
                }
                for (int i = 0; i < joins; i++) {
                    // Alternate which goes first, so neither always follows the other's leave.
                    Mode first = i % 2 == 0 ? tls : plain;
                    first.join(true);
                    (first == tls ? plain : tls).join(true);
                }
                System.out.printf(Locale.ROOT, "load average before %s, after %s%n", loadBefore, MachineLoad.average());
                System.out.println("| control channel | joins | join p50 (ms) | join p95 (ms) | join mean (ms) "
                        + "| relay control thread CPU per join (us) |");
                System.out.println("|---|---|---|---|---|---|");
                System.out.println(tls.row());
                System.out.println(plain.row());
                System.out.printf(Locale.ROOT, "TLS / plain: join mean %.2fx, control CPU per join %.2fx%n",
                        tls.meanMillis() / plain.meanMillis(), tls.cpuMicrosPerJoin() / plain.cpuMicrosPerJoin());
            }
        } finally {
            try (Stream<Path> files = Files.list(state)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(state);
        }
    }

    private static RelaySettings.Builder settings() {
        return RelaySettings.builder().mediaInsecure(true).host("127.0.0.1").controlPort(0).mediaPort(0)
                .joinAttemptsPerMinute(100_000);
    }

    /** One relay and the joins measured against it. */
    private static final class Mode implements AutoCloseable {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        private final String name;
        private final RelayServer relay;
        private final InetSocketAddress control;
        private final long controlThread;
        private final long[] nanos = new long[10_000];
        private int measured;
        private long cpuNanos;

        Mode(String name, RelaySettings.Builder settings) {
            Set<Long> before = controlThreads();
            this.name = name;
            this.relay = RelayServer.start(settings.build());
            this.control = new InetSocketAddress("127.0.0.1", relay.controlAddress().getPort());
            Set<Long> after = controlThreads();
            after.removeAll(before);
            this.controlThread = after.iterator().next();
        }

        private static Set<Long> controlThreads() {
            Set<Long> ids = new java.util.HashSet<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals(CONTROL_THREAD)) {
                    ids.add(t.getId());
                }
            }
            return ids;
        }

        /** Joins and leaves once; measured: the join's time and the control thread's CPU until the leave. */
        void join(boolean measure) {
            long cpuBefore = THREADS.getThreadCpuTime(controlThread);
            long start = System.nanoTime();
            ControlClient client = ControlClient.join(control, relay.clientTrust(),
                    new Join("bench", "p" + measured, "", JPEG, JPEG), new ControlClient.Listener() { },
                    Duration.ofSeconds(10));
            long joined = System.nanoTime() - start;
            client.close();
            awaitLeft();
            if (measure) {
                nanos[measured++] = joined;
                cpuNanos += THREADS.getThreadCpuTime(controlThread) - cpuBefore;
            }
        }

        /** Waits until the relay let the member go, so its CPU for the leave falls into this join. */
        private void awaitLeft() {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (relay.stats().connections() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }

        double meanMillis() {
            return Arrays.stream(nanos, 0, measured).average().orElse(Double.NaN) / 1e6;
        }

        double cpuMicrosPerJoin() {
            return cpuNanos / 1e3 / measured;
        }

        String row() {
            long[] sorted = Arrays.copyOf(nanos, measured);
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.0f |", name, measured,
                    sorted[measured / 2] / 1e6, sorted[Math.min(measured - 1, (int) (measured * 0.95))] / 1e6,
                    meanMillis(), cpuMicrosPerJoin());
        }

        @Override
        public void close() {
            relay.close();
        }
    }
}
