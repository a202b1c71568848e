package dev.vc.bench.netlab;

import dev.vc.capture.CaptureSettings;
import dev.vc.bench.BenchConfig;
import dev.vc.bench.faults.impair.ImpairingProxy;
import dev.vc.bench.faults.impair.Impairment;
import dev.vc.bench.faults.impair.ImpairmentCounts;
import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.api.RtpStreamStats;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.session.LatencyStats;
import dev.vc.api.session.Participant;
import dev.vc.api.session.ParticipantStats;
import dev.vc.examples.client.cli.Flags;
import dev.vc.examples.client.cli.Mains;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import dev.vc.relay.RelayStats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The program a {@link NetLabRun} starts inside a namespace: optionally the relay, and one or more participants
 * (synthetic camera, rendering into a {@link StreamTally}), which join, start sending, print {@code joined}, and
 * from the {@code go} line on standard input print their {@link LabLine}s once a second, on the run's clock. It
 * ends after {@code --limit-seconds}, when standard input ends (its run is gone) or on {@code stop}.
 *
 * <p>With {@code --path SPEC} (an {@link Impairment} such as {@code delay:50}), each participant's media goes
 * through a link of an {@link ImpairingProxy} in this process, on this namespace's loopback, impaired both ways
 * from the start; the control channel goes direct.
 *
 * <pre>
 * ip netns exec vcnl-4242-core java --add-modules ALL-MODULE-PATH -p examples/benchmarks/target/modules \
 *     -m dev.vc.bench/dev.vc.bench.netlab.LabMember --host-relay --relay 127.0.0.1 --names p1,p2,p3,p4
 * </pre>
 */
public final class LabMember {
    /** The relay's control port inside the core namespace (the namespace has its own ports). */
    static final int CONTROL_PORT = 5000;
    /** The relay's media port inside the core namespace. */
    static final int MEDIA_PORT = 5001;

    /** Held so the level set in {@link #main} is not collected with the logger. */
    private static final Logger QUIET = Logger.getLogger("dev.vc");

    private final Flags flags;
    private final PrintStream out;
    private final List<Participant> members = new ArrayList<>();
    private final List<StreamTally> tallies = new ArrayList<>();
    private final Map<String, ParticipantStats> lastStats = new HashMap<>();
    private final Map<String, long[]> lastRelay = new HashMap<>();
    private final List<ImpairingProxy.Link> paths = new ArrayList<>();
    private final Map<String, ImpairmentCounts> lastPath = new HashMap<>();
    private RelayServer relay;
    private ImpairingProxy proxy;
    private volatile boolean stopped;

    private LabMember(Flags flags, PrintStream out) {
        this.flags = flags;
        this.out = out;
    }

    /**
     * @param args {@code [--host-relay] --relay HOST [--relay-fingerprint AB:CD:...] --names p1,p2 [--codec C] [--width W] [--height H]
     *             [--fps F] [--bitrate-kbps B] [--room R] [--path SPEC] [--limit-seconds S]}
     */
    public static void main(String[] args) {
        QUIET.setLevel(Level.WARNING);
        Mains.exit("vc netlab member", () -> {
            Flags flags = Flags.parse(args, usage(), List.of("--host-relay"), List.of("--relay", "--relay-fingerprint", "--names", "--codec",
                    "--width", "--height", "--fps", "--bitrate-kbps", "--room", "--path", "--limit-seconds"));
            return new LabMember(flags, System.out).run();
        });
    }

    private static String usage() {
        return """
                usage: LabMember [--host-relay] --relay HOST [--relay-fingerprint FP] --names p1,p2 [--codec h264]
                                 [--width 640] [--height 480] [--fps 30] [--bitrate-kbps 600] [--room netlab]
                                 [--path none] [--limit-seconds 300]
                  started by NetLabBench inside a lab namespace; prints machine-readable lines (see LabLine)""";
    }

    private int run() throws InterruptedException, IOException {
        int limit = flags.integer("--limit-seconds", 300);
        Flags.check("--limit-seconds", limit, 1, 3600);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit * 1000L);
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vc-netlab-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            if (flags.has("--host-relay")) {
                relay = RelayServer.start(RelaySettings.builder().host("0.0.0.0").controlPort(CONTROL_PORT)
                        .mediaPort(MEDIA_PORT).maxParticipantsPerRoom(16).build());
            }
            join();
            say(relay == null ? LabLine.of("joined", "members", members.size())
                    : LabLine.of("joined", "members", members.size(), "relay_fingerprint",
                            relay.certificateFingerprint()));
            long epoch = awaitGo();
            baseline();
            for (int t = 1; !stopped; t++) {
                long wait = epoch + t * 1000L - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                report(t);
            }
            return 0;
        } finally {
            members.forEach(Participant::close);
            if (proxy != null) {
                proxy.close();
            }
            if (relay != null) {
                relay.close();
            }
        }
    }

    private void join() throws IOException {
        Config config = BenchConfig.synthetic(flags.string("--codec", "h264"), flags.integer("--width", 640),
                flags.integer("--height", 480), flags.integer("--fps", 30))
                .with(CoreSettings.BITRATE, flags.integer("--bitrate-kbps", 600) * 1000);
        InetSocketAddress control = new InetSocketAddress(flags.string("--relay", "127.0.0.1"), CONTROL_PORT);
        // The relay's certificate is pinned: this process's relay's, or the one the run passed on from it.
        config = config.with(CoreSettings.RELAY_FINGERPRINT, relay != null ? relay.certificateFingerprint()
                : flags.string("--relay-fingerprint", ""));
        List<String> names = flags.strings("--names", List.of("p1"));
        openPaths(Impairment.parse(flags.string("--path", "none")), control.getHostString(), names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            StreamTally tally = new StreamTally();
            Participant.Builder builder = Participant.builder().config(config).name(name)
                    .room(flags.string("--room", "netlab"))
                    .set(CaptureSettings.SEED, Math.abs(name.hashCode()) % 1000 + 1).relay(control).renderer(tally);
            if (proxy != null) {
                builder.mediaRelay(paths.get(i).address());
            }
            Participant p = builder.build();
            members.add(p);
            tallies.add(tally);
            p.start();
            lastStats.put(name, p.stats());
        }
    }

    /**
     * Starts the impairing proxy with one link per participant, impairing at once, unless the path is clean.
     * Link i is seeded i + 1.
     */
    private void openPaths(Impairment path, String relayHost, int count) throws IOException {
        if (path.isNone()) {
            return;
        }
        proxy = new ImpairingProxy(new InetSocketAddress(relayHost, MEDIA_PORT));
        for (int i = 0; i < count; i++) {
            paths.add(proxy.addLink(path, path, i + 1));
        }
        proxy.start();
        proxy.impairing(true);
    }

    /** @return the epoch milliseconds of second 0, from the {@code go} line; stops on {@code stop} or EOF */
    private long awaitGo() {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long[] epoch = {-1};
        Object lock = new Object();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    LabLine command = LabLine.parse(line);
                    if (command.kind().equals("go")) {
                        synchronized (lock) {
                            epoch[0] = (long) command.number("epoch_ms");
                            lock.notifyAll();
                        }
                    } else if (command.kind().equals("stop")) {
                        break;
                    }
                }
            } catch (java.io.IOException e) {
                // treated as the end of input
            }
            stopped = true;
            synchronized (lock) {
                lock.notifyAll();
            }
        }, "vc-netlab-stdin");
        reader.setDaemon(true);
        reader.start();
        synchronized (lock) {
            while (epoch[0] < 0 && !stopped) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
            // the last second is printed only for a run still waiting on us
            return epoch[0] < 0 ? System.currentTimeMillis() : epoch[0];
        }
    }

    /** Forgets what happened before second 0: the first line covers second 0 to 1 only. */
    private void baseline() {
        for (int i = 0; i < members.size(); i++) {
            Participant p = members.get(i);
            lastStats.put(p.name(), p.stats());
            for (ControlMessage.Participant other : p.roster()) {
                tallies.get(i).drain(other.ssrc());
            }
            if (proxy != null) {
                lastPath.put(p.name(), pathCounts(i));
            }
        }
        if (relay != null) {
            for (RelayStats.MemberStats m : relay.stats().members()) {
                lastRelay.put(m.displayName(), new long[] {m.bytesOut(), m.bytesIn()});
            }
        }
    }

    private void report(int t) {
        for (int i = 0; i < members.size(); i++) {
            Participant p = members.get(i);
            ParticipantStats now = p.stats();
            ParticipantStats before = lastStats.put(p.name(), now);
            RtpStreamStats localNow = local(now);
            RtpStreamStats localBefore = local(before);
            say(LabLine.of("member", "t", t, "who", p.name(),
                    "fps_sent", (double) (now.framesEncoded() - before.framesEncoded()),
                    "kbps_sent", kbps(now.transport().bytesSent() - before.transport().bytesSent()),
                    "estimate_kbps", now.transport().uplinkEstimateBps() < 0 ? ""
                            : String.format(java.util.Locale.ROOT, "%.1f", now.transport().uplinkEstimateBps() / 1000.0),
                    "kbps_received", kbps(now.transport().bytesReceived() - before.transport().bytesReceived()),
                    "keyframes", now.keyframes() - before.keyframes(),
                    "retransmissions", localNow.retransmissions() - localBefore.retransmissions(),
                    "plis_received", localNow.keyframeRequests() - localBefore.keyframeRequests(),
                    "nacks_received", localNow.nacks() - localBefore.nacks(),
                    "rtt_ms", Double.isNaN(localNow.roundTripMillis()) ? ""
                            : String.format(java.util.Locale.ROOT, "%.1f", localNow.roundTripMillis())));
            if (proxy != null) {
                ImpairmentCounts path = pathCounts(i);
                ImpairmentCounts second = path.minus(lastPath.put(p.name(), path));
                say(LabLine.of("path", "t", t, "who", p.name(), "packets_in", second.packetsIn(),
                        "lost", second.dropped(), "overflowed", second.overflowed(), "packets_out", second.packetsOut(),
                        "send_failures", paths.get(i).sendFailures()));
            }
            for (ControlMessage.Participant other : p.roster()) {
                StreamTally.Interval interval = tallies.get(i).drain(other.ssrc());
                LatencyStats latency = interval.latency.stats();
                say(LabLine.of("stream", "t", t, "who", p.name(), "from", other.displayName(),
                        "fps", (double) interval.frames,
                        "gap_max_ms", interval.longestGapNanos / 1e6,
                        "kbps", kbps(remoteBytes(now, other.ssrc()) - remoteBytes(before, other.ssrc())),
                        "latency_p50_ms", latency.count() == 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f", latency.p50()),
                        "latency_p95_ms", latency.count() == 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f", latency.p95())));
            }
        }
        if (relay != null) {
            RelayStats stats = relay.stats();
            say(LabLine.of("relay-total", "t", t, "probe_clusters", stats.simulcast().probeClusters(),
                    "cap_requests", stats.simulcast().capRequests(), "layer_switches", stats.simulcast().layerSwitches(),
                    "layer_cuts", stats.simulcast().layerCuts(), "paced", stats.simulcast().pacedPackets(),
                    "paced_early", stats.simulcast().pacedEarly()));
            for (RelayStats.MemberStats m : stats.members()) {
                long[] before = lastRelay.getOrDefault(m.displayName(), new long[] {m.bytesOut(), m.bytesIn()});
                lastRelay.put(m.displayName(), new long[] {m.bytesOut(), m.bytesIn()});
                say(LabLine.of("relay", "t", t, "member", m.displayName(), "kbps_out", kbps(m.bytesOut() - before[0]),
                        "kbps_in", kbps(m.bytesIn() - before[1]), "downlink_estimate_kbps",
                        m.downlinkEstimateBps() < 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f",
                                m.downlinkEstimateBps() / 1000.0)));
            }
        }
        out.flush();
    }

    /** @return participant i's path, both directions together */
    private ImpairmentCounts pathCounts(int i) {
        return paths.get(i).up().plus(paths.get(i).down());
    }

    private static RtpStreamStats local(ParticipantStats stats) {
        for (RtpStreamStats s : stats.rtp()) {
            if (s.sending()) {
                return s;
            }
        }
        return new RtpStreamStats(stats.ssrc(), true, 0, 0, 0, 0, 0, Double.NaN, 0, 0, 0);
    }

    private static long remoteBytes(ParticipantStats stats, int ssrc) {
        for (RtpStreamStats s : stats.rtp()) {
            if (!s.sending() && s.ssrc() == ssrc) {
                return s.bytes();
            }
        }
        return 0;
    }

    private static double kbps(long bytes) {
        return bytes * 8 / 1000.0;
    }

    private void say(LabLine line) {
        out.println(line);
    }
}
