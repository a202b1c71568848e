package dev.vc.bench.cluster;

import dev.vc.api.Config;
import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.RelayTrust;
import dev.vc.api.session.ConnectionState;
import dev.vc.api.session.Participant;
import dev.vc.bench.ChildJvm;
import dev.vc.bench.MachineLoad;
import dev.vc.examples.client.cli.Flags;
import dev.vc.examples.client.cli.Mains;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A cluster of three relays and Redis on this machine (each relay a process of its own), measured two ways:
 *
 * <ul>
 *   <li><b>failover</b>: {@code --rooms} rooms of {@code --per-room} participants (synthetic camera, JPEG 160x120,
 *       SRTP) join through the first relay and are placed over the cluster; the relay serving the most participants
 *       is killed with SIGKILL, and for each of its participants the time from the kill until it is joined again
 *       (on another relay), sees every room-mate and is seen by every one of them. p50 and p100 over those
 *       participants, per round; the relay is restarted between rounds ({@code --rounds}).</li>
 *   <li><b>placement</b>: {@code --placement-rooms} rooms of {@code --placement-size} control-only members (no
 *       media) join through the first relay; where each member ended, per relay, against an equal share.</li>
 *   <li><b>span</b> ({@code --span-size} above 0, {@link SpanBench}): one room of that many participants over
 *       {@code --span-relays} relays limited to {@code --span-limit} per room, joined by trunks: the fps each
 *       participant renders of each other one, and the trunk datagrams per stream.</li>
 *   <li><b>redis outage</b> ({@code --redis-outage-seconds} above 0, {@link RedisOutageBench}): a meeting of
 *       {@code --redis-outage-size} participants while Redis is stopped ({@code --redis-outage stop}, SIGSTOP) or
 *       killed and started again ({@code kill}) for that long: fps per pair before and during, and joins during
 *       and after.</li>
 * </ul>
 *
 * The baseline in the same run: the lease ({@code --lease-ms}), the time a dead relay's rooms stay its own. The
 * participants reconnect after {@code --backoff-ms}, doubling up to {@code --max-backoff-ms} (a cluster's clients
 * want a short maximum: an attempt made while the dead relay's lease still runs is redirected to it and fails).
 *
 * <pre>
 * java -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.cluster.ClusterBench --rounds 3
 * java -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.cluster.ClusterBench --rounds 0 \
 *      --placement-rooms 0 --span-size 24 --span-limit 10 --span-members rtp
 * java -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.cluster.ClusterBench --rounds 0 \
 *      --placement-rooms 0 --redis-outage-seconds 10 --redis-outage stop
 * </pre>
 */
public final class ClusterBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long ROUND_LIMIT_NANOS = 30_000_000_000L;

    private ClusterBench() {
    }

    /**
     * @param args {@code [--rounds 3] [--rooms 3] [--per-room 4] [--lease-ms 1500] [--backoff-ms 500] [--max-backoff-ms 1000]
     *             [--placement-rooms 30] [--placement-size 5] [--span-size 0] [--span-relays 3] [--span-limit 10]
     *             [--span-width 160] [--span-height 120] [--span-fps 30] [--span-seconds 20]
     *             [--span-members clients|rtp] [--redis-outage-seconds 0] [--redis-outage-size 4]
     *             [--redis-outage stop|kill]}
     */
    public static void main(String[] args) {
        Mains.exit("vc cluster bench", () -> {
            Flags flags = Flags.parse(args, "usage: ClusterBench [--rounds 3] [--rooms 3] [--per-room 4] "
                    + "[--lease-ms 1500] [--backoff-ms 500] [--max-backoff-ms 1000] [--placement-rooms 30] "
                    + "[--placement-size 5] [--span-size 0] [--span-relays 3] [--span-limit 10] [--span-width 160] "
                    + "[--span-height 120] [--span-fps 30] [--span-seconds 20] [--span-members clients|rtp] "
                    + "[--redis-outage-seconds 0] [--redis-outage-size 4] [--redis-outage stop|kill]", List.of(),
                    List.of("--rounds",
                    "--rooms", "--per-room", "--lease-ms", "--backoff-ms", "--max-backoff-ms", "--placement-rooms",
                    "--placement-size", "--span-size", "--span-relays", "--span-limit", "--span-width",
                    "--span-height", "--span-fps", "--span-seconds", "--span-members", "--redis-outage-seconds",
                    "--redis-outage-size", "--redis-outage"));
            int rounds = flags.integer("--rounds", 3);
            int rooms = flags.integer("--rooms", 3);
            int perRoom = flags.integer("--per-room", 4);
            int lease = flags.integer("--lease-ms", 1_500);
            int backoff = flags.integer("--backoff-ms", 500);
            int maxBackoff = flags.integer("--max-backoff-ms", 1_000);
            int placementRooms = flags.integer("--placement-rooms", 30);
            int placementSize = flags.integer("--placement-size", 5);
            Flags.check("--rounds", rounds, 0, 100);
            Flags.check("--rooms", rooms, 1, 20);
            Flags.check("--per-room", perRoom, 2, 10);
            Flags.check("--lease-ms", lease, 300, 60_000);
            Flags.check("--backoff-ms", backoff, 10, 60_000);
            Flags.check("--max-backoff-ms", maxBackoff, backoff, 600_000);
            Flags.check("--placement-rooms", placementRooms, 0, 1_000);
            Flags.check("--placement-size", placementSize, 1, 10);
            SpanBench.Shape span = new SpanBench.Shape(flags.integer("--span-size", 0), flags.integer("--span-relays", 3),
                    flags.integer("--span-limit", 10), flags.integer("--span-width", 160),
                    flags.integer("--span-height", 120), flags.integer("--span-fps", 30),
                    flags.integer("--span-seconds", 20), flags.string("--span-members", "clients").equals("rtp"));
            Flags.check("--span-size", span.participants(), 0, 100);
            Flags.check("--span-relays", span.relays(), 2, 10);
            Flags.check("--span-limit", span.limit(), 1, 100);
            Flags.check("--span-width", span.width(), 16, 1920);
            Flags.check("--span-height", span.height(), 16, 1080);
            Flags.check("--span-fps", span.fps(), 1, 60);
            Flags.check("--span-seconds", span.seconds(), 1, 600);
            if (span.participants() > span.relays() * span.limit()) {
                throw new dev.vc.api.ConfigException("--span-size " + span.participants() + " exceeds --span-relays x "
                        + "--span-limit");
            }
            String outageKind = flags.string("--redis-outage", "stop");
            RedisOutageBench.Shape outage = new RedisOutageBench.Shape(flags.integer("--redis-outage-size", 4),
                    flags.integer("--redis-outage-seconds", 0), outageKind.equals("kill"));
            Flags.check("--redis-outage-size", outage.size(), 2, 10);
            Flags.check("--redis-outage-seconds", outage.seconds(), 0, 600);
            if (!outageKind.equals("stop") && !outageKind.equals("kill")) {
                throw new dev.vc.api.ConfigException("--redis-outage is stop or kill, not " + outageKind);
            }
            if (span.participants() > 0) {
                SpanBench.run(span);
            }
            if (rounds == 0 && placementRooms == 0 && outage.seconds() == 0) {
                return 0;
            }
            System.out.printf(Locale.ROOT, "cluster bench: 3 relays (processes) and redis-server on loopback, lease %d ms, "
                    + "client reconnect backoff %d ms doubling to %d ms; load average before: %s%n", lease, backoff,
                    maxBackoff, MachineLoad.average());
            try (RelayProcesses cluster = new RelayProcesses(3, lease, ChildJvm.currentModulePath())) {
                Thread.sleep(2L * lease);   // every relay registered
                if (placementRooms > 0) {
                    placement(cluster, placementRooms, placementSize);
                }
                if (rounds > 0) {
                    failover(cluster, rounds, rooms, perRoom, backoff, maxBackoff);
                }
                if (outage.seconds() > 0) {
                    RedisOutageBench.run(cluster, outage);
                }
            }
            System.out.printf("load average after: %s%n", MachineLoad.average());
            return 0;
        });
    }

    /** Control-only members of many rooms join through relay 0; counts where each ended. */
    private static void placement(RelayProcesses cluster, int rooms, int size) {
        RelayTrust trust = RelayTrust.pinned(cluster.fingerprint());
        String media = "sha-256 " + String.join(":", java.util.Collections.nCopies(32, "AB"));
        int[] perRelay = new int[3];
        List<ControlClient> members = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int r = 0; r < rooms; r++) {
                for (int m = 0; m < size; m++) {
                    ControlMessage.Join join = new ControlMessage.Join("placed" + r, "m" + m, "",
                            Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG), List.of(ControlMessage.Layer.UNSTATED),
                            media);
                    ControlClient member = ControlClient.join(cluster.control(0), trust, join,
                            new ControlClient.Listener() { }, TIMEOUT);
                    members.add(member);
                    perRelay[cluster.indexOf(member.relay())]++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double share = (double) rooms * size / 3;
            double worst = Arrays.stream(perRelay).mapToDouble(n -> Math.abs(n - share) / share).max().orElse(0);
            System.out.printf(Locale.ROOT, "placement: %d rooms of %d joined through relay 0 in %.1f s: relays hold "
                            + "%s participants; equal share %.1f; worst deviation %.0f %% (target: within 20 %%)%n",
                    rooms, size, seconds, Arrays.toString(perRelay), share, worst * 100);
        } finally {
            members.forEach(ControlClient::close);
        }
    }

    /** Rooms of participants; kills the relay serving most of them, and times each one's return. */
    private static void failover(RelayProcesses cluster, int rounds, int rooms, int perRoom, int backoff,
                                 int maxBackoff) throws java.io.IOException, InterruptedException {
        Config config = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "synthetic", "vc.width", "160",
                "vc.height", "120", "vc.fps", "15", "vc.simulcast.layers", "1", "vc.renderer", "headless",
                "vc.reconnect.backoff.ms", Integer.toString(backoff), "vc.reconnect.max.backoff.ms",
                Integer.toString(maxBackoff), "vc.relay.fingerprint", cluster.fingerprint()));
        List<List<Participant>> roomsOf = new ArrayList<>();
        try {
            for (int r = 0; r < rooms; r++) {
                List<Participant> room = new ArrayList<>();
                roomsOf.add(room);
                for (int m = 0; m < perRoom; m++) {
                    Participant p = Participant.builder().config(config).room("room" + r).name("r" + r + "m" + m)
                            .relays(cluster.controls()).build();
                    room.add(p);
                    p.start();
                }
            }
            for (int round = 1; round <= rounds; round++) {
                await(roomsOf, null, ROUND_LIMIT_NANOS);
                Map<Integer, Integer> load = new HashMap<>();
                roomsOf.forEach(room -> room.forEach(p -> load.merge(cluster.indexOf(p.relay()), 1, Integer::sum)));
                int victim = load.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                List<Participant> affected = new ArrayList<>();
                roomsOf.forEach(room -> room.stream().filter(p -> cluster.indexOf(p.relay()) == victim)
                        .forEach(affected::add));
                long kill = System.nanoTime();
                cluster.kill(victim);
                long[] back = await(roomsOf, cluster.control(victim), ROUND_LIMIT_NANOS);
                long[] times = affected.stream().mapToLong(p -> back[index(roomsOf, p)] - kill).sorted().toArray();
                System.out.printf(Locale.ROOT, "failover round %d: relay %d killed (SIGKILL) with %d of %d participants; "
                                + "back in their rooms, seen by all: p50 %.2f s, p100 %.2f s (target p100 <= 3 s); load "
                                + "average %s%n", round, victim, affected.size(), rooms * perRoom,
                        times[times.length / 2] / 1e9, times[times.length - 1] / 1e9, MachineLoad.average());
                cluster.start(victim);
            }
        } finally {
            roomsOf.forEach(room -> room.forEach(Participant::close));
        }
    }

    private static int index(List<List<Participant>> rooms, Participant p) {
        int i = 0;
        for (List<Participant> room : rooms) {
            for (Participant q : room) {
                if (q == p) {
                    return i;
                }
                i++;
            }
        }
        throw new IllegalArgumentException("not a participant of the bench");
    }

    /**
     * Polls (every 5 ms, at most {@code limitNanos}) until every participant is connected, not to the relay at
     * {@code dead} (null: any), and in its room's rosters both ways.
     *
     * @return per participant (in room order), when it was first seen complete
     */
    private static long[] await(List<List<Participant>> rooms, InetSocketAddress dead, long limitNanos)
            throws InterruptedException {
        int total = rooms.stream().mapToInt(List::size).sum();
        long[] back = new long[total];
        long deadline = System.nanoTime() + limitNanos;
        int done = 0;
        while (done < total) {
            if (System.nanoTime() > deadline) {
                StringBuilder missing = new StringBuilder();
                int i = 0;
                for (List<Participant> room : rooms) {
                    for (Participant p : room) {
                        if (back[i++] == 0) {
                            missing.append("\n  ").append(p.name()).append(": ").append(p.connectionState())
                                    .append(" on ").append(p.relay()).append(", sees ").append(names(p))
                                    .append(p.disconnectReason() == null ? "" : ", gave up: " + p.disconnectReason());
                        }
                    }
                }
                throw new IllegalStateException("not every participant came back within " + limitNanos / 1_000_000_000L
                        + " s:" + missing);
            }
            int i = 0;
            for (List<Participant> room : rooms) {
                for (Participant p : room) {
                    if (back[i] == 0 && complete(p, room, dead)) {
                        back[i] = System.nanoTime();
                        done++;
                    }
                    i++;
                }
            }
            Thread.sleep(5);
        }
        return back;
    }

    /** @return true when {@code p} is joined (not to the dead relay), sees its room-mates and each sees it */
    private static boolean complete(Participant p, List<Participant> room, InetSocketAddress dead) {
        if (p.connectionState() != ConnectionState.CONNECTED || (dead != null && p.relay().getPort() == dead.getPort())) {
            return false;
        }
        for (Participant other : room) {
            if (other != p && (!names(p).contains(other.name()) || !names(other).contains(p.name()))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(Participant p) {
        return p.roster().stream().map(ControlMessage.Participant::displayName).toList();
    }
}
