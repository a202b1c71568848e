package dev.vc.bench.cluster;

import dev.vc.api.Config;
import dev.vc.api.session.Participant;
import dev.vc.api.session.StreamStats;
import dev.vc.bench.MachineLoad;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import dev.vc.relay.RelayStats;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One room larger than a relay's limit, spread by the cluster's placement over relays joined by trunks: a
 * {@code redis-server} and the relays in this JVM (TLS control with one certificate, SRTP, each with the room limit
 * and the trunk secret), and the participants (synthetic camera, JPEG, headless), each given every relay and joining
 * one after another through the first. Once all see everyone, counted over an interval: the frames each participant
 * rendered of each other one's stream, as frames per second (min, p5, p50 over every pair), and per relay the
 * datagrams its own participants sent against the datagrams it sent over trunks: a stream crossing each trunk once
 * makes the ratio (trunk datagrams) / (own participants' datagrams x other relays) about 1, whatever the number of
 * receivers behind each trunk.
 */
final class SpanBench {
    private static final String SECRET = "span bench trunk secret, loopback only";
    private static final long JOIN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(120);

    /**
     * The scenario's shape.
     *
     * @param participants the room's size
     * @param relays       relays in the cluster
     * @param limit        each relay's participants limit per room
     * @param width        picture width
     * @param height       picture height
     * @param fps          frames per second each participant sends
     * @param seconds      length of the measured interval
     * @param rtpMembers     members at the RTP level ({@link RtpMembers}) instead of real clients: for a room larger
     *                       than this machine can run clients of; the relays' media is then plain RTP
     */
    record Shape(int participants, int relays, int limit, int width, int height, int fps, int seconds,
                 boolean rtpMembers) {
    }

    private SpanBench() {
    }

    static void run(Shape shape) throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "span: a room of %d over %d relays limited to %d per room (in this JVM, Redis a "
                        + "process), %s at %d fps; load average before: %s%n",
                shape.participants(), shape.relays(), shape.limit(), shape.rtpMembers()
                        ? "RTP-level members (2 packets of 600 bytes a frame, no codec), plain RTP"
                        : "participants JPEG " + shape.width() + "x" + shape.height() + ", SRTP", shape.fps(),
                MachineLoad.average());
        Path state = Files.createTempDirectory("vc-span-bench");
        int redisPort = freePort();
        Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        List<RelayServer> relays = new ArrayList<>();
        List<Participant> room = new ArrayList<>();
        try {
            for (int i = 0; i < shape.relays(); i++) {
                relays.add(RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                        .mediaInsecure(shape.rtpMembers())
                        .stateDirectory(state.toString()).maxParticipantsPerRoom(shape.limit()).trunkSecret(SECRET)
                        .joinAttemptsPerMinute(100_000).maxConnectionsPerAddress(1_000)
                        .cluster(Config.empty().with("vc.cluster.redis", "redis://127.0.0.1:" + redisPort)).build()));
            }
            awaitRegistered(relays);
            List<InetSocketAddress> controls = relays.stream()
                    .map(r -> new InetSocketAddress("127.0.0.1", r.controlAddress().getPort())).toList();
            if (shape.rtpMembers()) {
                long joinStart = System.nanoTime();
                try (RtpMembers members = new RtpMembers(controls.get(0), relays.get(0).clientTrust(), "big",
                        shape.participants(), shape.fps(), 2)) {
                    awaitRosters(() -> members.rosterSizes().values().stream()
                            .filter(n -> n < shape.participants() - 1).count(), () -> members.rosterSizes().toString());
                    report(relays, joinStart, shape.participants());
                    Thread.sleep(2_000);
                    measure(shape, relays, members.names(), members::frames, members.relays());
                }
                return;
            }
            Config config = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "synthetic",
                    "vc.width", Integer.toString(shape.width()), "vc.height", Integer.toString(shape.height()),
                    "vc.fps", Integer.toString(shape.fps()), "vc.simulcast.layers", "1", "vc.renderer", "headless",
                    "vc.relay.fingerprint", relays.get(0).certificateFingerprint()));
            long joinStart = System.nanoTime();
            for (int i = 0; i < shape.participants(); i++) {
                Participant p = Participant.builder().config(config).room("big").name("p" + i).relays(controls)
                        .build();
                room.add(p);
                p.start();
            }
            awaitRosters(() -> room.stream().filter(p -> p.roster().size() < room.size() - 1).count(),
                    () -> room.stream().map(p -> p.name() + " sees " + p.roster().size()).toList().toString());
            report(relays, joinStart, room.size());
            Thread.sleep(3_000);   // keyframes after the last trunk opened
            Map<String, InetSocketAddress> relayOf = new HashMap<>();
            room.forEach(p -> relayOf.put(p.name(), p.relay()));
            measure(shape, relays, room.stream().map(Participant::name).toList(), () -> frames(room), relayOf);
        } finally {
            room.forEach(Participant::close);
            relays.forEach(RelayServer::close);
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.printf("span: load average after: %s%n", MachineLoad.average());
    }

    private static void report(List<RelayServer> relays, long joinStart, int size) {
        System.out.printf(Locale.ROOT, "span: %d joined one after another through relay 0 and see all %d others "
                        + "after %.1f s; own participants per relay %s, trunks open per relay %s%n",
                size, size - 1, (System.nanoTime() - joinStart) / 1e9,
                Arrays.toString(relays.stream().mapToLong(r -> count(r, RelayStats.Role.PARTICIPANT)).toArray()),
                Arrays.toString(relays.stream().mapToInt(r -> r.stats().trunks().open()).toArray()));
    }

    /** Frames per second of every pair, and per relay its trunks' datagrams against its own participants'. */
    private static void measure(Shape shape, List<RelayServer> relays, List<String> room,
                                java.util.function.Supplier<Map<String, Long>> frames,
                                Map<String, InetSocketAddress> relayOf) throws InterruptedException {
        Map<String, Long> framesBefore = frames.get();
        long[] ownBefore = new long[relays.size()];
        long[] trunkOutBefore = new long[relays.size()];
        for (int i = 0; i < relays.size(); i++) {
            ownBefore[i] = ownPackets(relays.get(i));
            trunkOutBefore[i] = relays.get(i).stats().trunks().packetsOut();
        }
        long start = System.nanoTime();
        Thread.sleep(shape.seconds() * 1_000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Long> framesAfter = frames.get();
        long[] own = new long[relays.size()];
        long[] trunkOut = new long[relays.size()];
        for (int i = 0; i < relays.size(); i++) {
            own[i] = ownPackets(relays.get(i)) - ownBefore[i];
            trunkOut[i] = relays.get(i).stats().trunks().packetsOut() - trunkOutBefore[i];
        }
        double[] fps = new double[room.size() * (room.size() - 1)];
        List<Double> sameRelay = new ArrayList<>();
        List<Double> overTrunk = new ArrayList<>();
        int n = 0;
        for (String p : room) {
            for (String from : room) {
                if (!from.equals(p)) {
                    String key = p + "<" + from;
                    fps[n] = (framesAfter.getOrDefault(key, 0L) - framesBefore.getOrDefault(key, 0L)) / elapsed;
                    (relayOf.get(p).equals(relayOf.get(from)) ? sameRelay : overTrunk).add(fps[n++]);
                }
            }
        }
        Arrays.sort(fps);
        sameRelay.sort(null);
        overTrunk.sort(null);
        System.out.printf(Locale.ROOT, "span: pairs on one relay (%d): min %.1f, p50 %.1f fps; pairs over a trunk (%d): "
                        + "min %.1f, p50 %.1f fps%n", sameRelay.size(), sameRelay.get(0),
                sameRelay.get(sameRelay.size() / 2), overTrunk.size(), overTrunk.get(0),
                overTrunk.get(overTrunk.size() / 2));
        long below = Arrays.stream(fps).filter(f -> f < 29).count();
        System.out.printf(Locale.ROOT, "span: over %.1f s, fps each participant %s of each other's stream (%d "
                        + "pairs): min %.1f, p5 %.1f, p50 %.1f, max %.1f; %d pairs below 29 (target: none)%n", elapsed,
                shape.rtpMembers() ? "received" : "rendered",
                fps.length, fps[0], fps[fps.length * 5 / 100], fps[fps.length / 2], fps[fps.length - 1], below);
        int others = relays.size() - 1;
        for (int i = 0; i < relays.size(); i++) {
            Map<String, Long> drops = new java.util.TreeMap<>();
            RelayStats stats = relays.get(i).stats();
            stats.totals().drops().forEach((reason, count) -> {
                if (count > 0) {
                    drops.put(reason.name().toLowerCase(Locale.ROOT), count);
                }
            });
            stats.unattributedDrops().forEach((reason, count) -> {
                if (count > 0) {
                    drops.merge(reason.name().toLowerCase(Locale.ROOT), count, Long::sum);
                }
            });
            System.out.printf(Locale.ROOT, "span: relay %d dropped, since it started: %s%n", i, drops);
            long participants = count(relays.get(i), RelayStats.Role.PARTICIPANT);
            long remoteReceivers = room.size() - participants;
            System.out.printf(Locale.ROOT, "span: relay %d (%d own participants): own participants sent %d datagrams, "
                            + "its %d trunk(s) carried %d out: %.2f per own datagram and trunk (1.00: each stream "
                            + "crosses each trunk once; per receiver it would be %.2f)%n", i, participants, own[i],
                    others, trunkOut[i], own[i] == 0 ? 0 : (double) trunkOut[i] / (own[i] * (double) others),
                    (double) remoteReceivers / others);
        }
    }

    /** @return datagrams the relay accepted from its own participants, as its stats say now */
    private static long ownPackets(RelayServer relay) {
        return relay.stats().members().stream().filter(m -> m.role() == RelayStats.Role.PARTICIPANT)
                .mapToLong(RelayStats.MemberStats::packetsIn).sum();
    }

    private static long count(RelayServer relay, RelayStats.Role role) {
        return relay.stats().members().stream().filter(m -> m.role() == role).count();
    }

    /** @return frames rendered per pair, keyed {@code receiver<sender} */
    private static Map<String, Long> frames(List<Participant> room) {
        Map<String, Long> frames = new HashMap<>();
        for (Participant p : room) {
            for (StreamStats s : p.stats().streams()) {
                frames.merge(p.name() + "<" + s.stream().label(), s.framesRendered(), Long::sum);
            }
        }
        return frames;
    }

    private static void awaitRegistered(List<RelayServer> relays) throws InterruptedException {
        long deadline = System.nanoTime() + JOIN_LIMIT_NANOS;
        while (relays.stream().anyMatch(r -> r.stats().cluster().relays() < relays.size())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the relays did not all register");
            }
            Thread.sleep(50);
        }
    }

    /** Polls (every 50 ms, 120 s at most) until no member is {@code incomplete} (its roster short of everyone). */
    private static void awaitRosters(java.util.function.LongSupplier incomplete,
                                     java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + JOIN_LIMIT_NANOS;
        while (incomplete.getAsLong() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(incomplete.getAsLong() + " members do not see everyone: " + state.get());
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
