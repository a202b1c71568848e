package dev.vc.bench.attacks;

import dev.vc.capture.CaptureSettings;
import dev.vc.bench.BenchConfig;
import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.api.session.Participant;
import dev.vc.api.session.ParticipantStats;
import dev.vc.api.session.StreamStats;
import dev.vc.bench.ProcessMemory;
import dev.vc.bench.RelayThreads;
import dev.vc.relay.DropReason;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import dev.vc.relay.RelayStats;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue #17's attacks against a real room: for each attack, a relay on 127.0.0.1, three honest participants
 * (synthetic 640x480 camera at 30 fps, headless renderer) and one hostile member ({@link Attacker}) in a process
 * of its own, so that the heap and RSS measured are the relay's and the victims', not the attacker's. After a
 * warm-up, a baseline window without the attack, then a window under it; one row per attack compares the two:
 * what the victims render (fps per stream, gaps over 200 ms, longest gap), how fast they send, and the relay's
 * threads, heap and the process's RSS, plus what the relay dropped, by reason.
 *
 * <pre>
 * java -p examples/benchmarks/target/modules --add-modules ALL-MODULE-PATH -m dev.vc.bench/dev.vc.bench.attacks.AttackBench \
 *      [--attacks none,nack,pli,rtcp-flood,hello-flood,idle-connections] [--seconds 10] [--codec h264]
 * </pre>
 */
public final class AttackBench {
    private AttackBench() {
    }

    /** @param args see the class documentation */
    public static void main(String[] args) throws Exception {
        List<String> attacks = List.of("none", "nack", "pli", "rtcp-flood", "hello-flood", "idle-connections");
        int seconds = 10;
        String codec = "h264";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--attacks" -> attacks = List.of(args[i + 1].split(","));
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--codec" -> codec = args[i + 1];
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        System.out.println("| attack | fps per stream, before -> under | gaps > 200 ms under | longest gap (ms) "
                + "| send rate under / before | relay threads | heap MB before -> after | RSS MB before -> after "
                + "| attack datagrams | relay drops under the attack |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String attack : attacks) {
            System.out.println(run(attack, seconds, codec));
        }
    }

    private static String run(String attack, int seconds, String codec) throws Exception {
        Config config = BenchConfig.synthetic(codec, 640, 480, 30);
        // Plain RTP on purpose: these attacks probe the hello and forwarding rules an SRTP relay keeps as well; the
        // attacker speaks plain RTP and its SRTP variant is not written yet.
        RelaySettings settings = RelaySettings.builder().mediaInsecure(true).host("127.0.0.1").controlPort(0)
                .mediaPort(0).build();
        try (RelayServer relay = RelayServer.start(settings)) {
            InetSocketAddress control = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            List<Participant> victims = new ArrayList<>();
            AttackerProcess attacker = null;
            try {
                for (int i = 0; i < 3; i++) {
                    victims.add(Participant.builder().config(config).name("victim" + (i + 1)).room("attacks")
                            .set(CaptureSettings.SEED, i + 1).relay(control).set(CoreSettings.MEDIA_SECURITY.key(), "insecure")
                            .set(CoreSettings.RELAY_FINGERPRINT.key(), relay.certificateFingerprint()).build());
                }
                victims.forEach(Participant::start);
                attacker = AttackerProcess.start(control, relay.certificateFingerprint(), "attacks", attack);
                Thread.sleep(4_000);                                        // joins, first keyframes, JIT
                Window baseline = Window.measure(victims, relay, seconds);
                attacker.go();
                Window under = Window.measure(victims, relay, seconds);
                long attackSent = attacker.stop();
                return String.format(Locale.ROOT, "| %s | %.1f -> %.1f | %d | %.0f | %.2f | %d -> %d | %.0f -> %.0f | %.0f -> %.0f | %d | %s |",
                        attack, baseline.fps, under.fps, under.gapsOver200, under.longestGap,
                        under.sendBitsPerSecond / baseline.sendBitsPerSecond, baseline.relayThreadsAfter,
                        under.relayThreadsAfter, baseline.heapMbBefore, under.heapMbAfter, baseline.rssMbBefore,
                        under.rssMbAfter, attackSent, under.drops);
            } finally {
                if (attacker != null) {
                    attacker.close();
                }
                victims.forEach(Participant::close);
            }
        }
    }

    /** The victims' and the relay's figures over one window. */
    private record Window(double fps, long gapsOver200, double longestGap, double sendBitsPerSecond,
                          int relayThreadsAfter, double heapMbBefore, double heapMbAfter, double rssMbBefore,
                          double rssMbAfter, String drops) {
        static Window measure(List<Participant> victims, RelayServer relay, int seconds) throws Exception {
            double heapBefore = heapMb();
            double rssBefore = rssMb();
            RelayStats relayBefore = relay.stats();
            List<ParticipantStats> before = victims.stream().map(Participant::stats).toList();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            List<ParticipantStats> after = victims.stream().map(Participant::stats).toList();
            double elapsed = (System.nanoTime() - start) / 1e9;
            RelayStats relayAfter = relay.stats();
            long rendered = 0;
            long streams = 0;
            long gaps = 0;
            double longest = 0;
            long bytesSent = 0;
            for (int i = 0; i < victims.size(); i++) {
                ParticipantStats a = after.get(i);
                ParticipantStats b = before.get(i);
                bytesSent += a.transport().bytesSent() - b.transport().bytesSent();
                for (StreamStats s : a.streams()) {
                    if (s.stream().ssrc() == 0 || victims.stream().noneMatch(v -> v.stats().ssrc() == s.stream().ssrc())) {
                        continue;                                           // only the other victims' streams
                    }
                    StreamStats earlier = b.streams().stream().filter(e -> e.stream().ssrc() == s.stream().ssrc())
                            .findFirst().orElse(null);
                    rendered += s.framesRendered() - (earlier == null ? 0 : earlier.framesRendered());
                    gaps += s.freezes().gapsOver200Ms() - (earlier == null ? 0 : earlier.freezes().gapsOver200Ms());
                    longest = Math.max(longest, s.freezes().longestGapMillis());
                    streams++;
                }
            }
            Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
            for (DropReason r : DropReason.values()) {
                long d = relayAfter.dropped(r) - relayBefore.dropped(r);
                if (d > 0) {
                    drops.put(r, d);
                }
            }
            StringBuilder outcome = new StringBuilder(drops.isEmpty() ? "" : drops.toString().toLowerCase(Locale.ROOT));
            long resent = relayAfter.retransmissions() - relayBefore.retransmissions();
            if (resent > 0) {
                outcome.append(outcome.length() > 0 ? ", " : "").append("resent from cache ").append(resent);
            }
            relayAfter.connectionsClosed().forEach((reason, n) -> {
                long d = n - relayBefore.connectionsClosed().getOrDefault(reason, 0L);
                if (d > 0) {
                    outcome.append(outcome.length() > 0 ? ", " : "").append("connections closed ").append(reason)
                            .append('=').append(d);
                }
            });
            return new Window(streams == 0 ? 0 : rendered / elapsed / streams, gaps, longest, bytesSent * 8 / elapsed,
                    relayThreads(), heapBefore, heapMb(), rssBefore, rssMb(),
                    outcome.length() == 0 ? "none" : outcome.toString());
        }
    }

    private static int relayThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(RelayThreads.PREFIX)).count();
    }

    private static double heapMb() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return (rt.totalMemory() - rt.freeMemory()) / 1e6;
    }

    private static double rssMb() {
        return Math.max(0, ProcessMemory.residentBytes()) / (1024.0 * 1024.0);
    }
}
