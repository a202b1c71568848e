package dev.vc.bench.relayload;

import dev.vc.api.Config;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.RelayTrust;
import dev.vc.bench.MachineCounters;
import dev.vc.bench.MediaMode;
import dev.vc.bench.ProcessMemory;
import dev.vc.examples.client.cli.Mains;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A relay load generator: R rooms of P participants, each a real participant as far as the relay can tell
 * (joins over the control channel, proves its UDP socket with a signed STUN hello), each sending replayed
 * 1200-byte RTP packets with its own SSRC at a fixed rate, while receiver threads drain every participant's
 * socket and check that nothing comes back to its sender or crosses rooms. Prints offered, forwarded and
 * received packets per second, loss, CPU of the relay's threads, allocation per forwarded packet
 * ({@code --alloc}) and heap per participant. See {@code docs/benchmarks.md} for figures.
 *
 * <p>With {@code --media plain,srtp-gcm,srtp-cm} (or {@code --compare-srtp}) it runs the same load once per media
 * mode, back to back, each against a relay of its own: with SRTP every participant runs its own DTLS-SRTP
 * handshake with the relay and protects every packet it sends with its own index, and one receiver checks that
 * what the relay sends authenticates. It then prints {@link MediaComparison}: per mode the forwarded rate, the
 * relay media thread's CPU and allocation per forwarded packet, and the capacity ratio SRTP/plain. With
 * {@code --interleave} every mode is set up at once ({@link LoadSession}) and they send in turn, a second each, so
 * that they are measured under the same machine load; it also prints each slice and the spread of the per-round
 * ratio.
 *
 * <pre>
 * java -XX:AutoBoxCacheMax=65536 -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.relayload.RelayLoad --rooms 4 --seconds 10 --alloc
 * java -XX:AutoBoxCacheMax=65536 -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.relayload.RelayLoad --rooms 4 --ceiling
 * java -XX:AutoBoxCacheMax=65536 -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.relayload.RelayLoad --control relay.lan:5000
 * java -XX:AutoBoxCacheMax=65536 -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.relayload.RelayLoad --rooms 8 --alloc --compare-srtp --rounds 2
 * </pre>
 *
 * <p>Threads do not grow with the load: {@code --senders} threads pace all participants' packets (no encoding:
 * the packets are built once), {@code --receivers} threads each drain their share of the sockets with one
 * selector. Only the control clients have a thread each (that is {@link ControlClient}'s design). Everything is
 * on loopback unless {@code --control} names another relay, which must then allow
 * {@code rooms x participants} joins a minute from this address ({@code --join-attempts-per-minute}).
 */
public final class RelayLoad {
    /** Held so the level set in {@link #main} is not collected with the logger. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("dev.vc");

    private final RelayLoadOptions options;
    private final PrintStream out;
    /** What an {@code --interleave} slice leaves unmeasured at its start: what the mode before left in flight. */
    private static final long SETTLE_MILLIS = 200;

    /**
     * @param options what to run
     * @param out     where to print progress and the summary
     */
    public RelayLoad(RelayLoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Entry point: runs each media mode in turn, printing its summary and a {@code RESULT} line, then, for more than
     * one mode, the comparison and its {@code COMPARE} lines; exits 1 on bad options or a failure to set up.
     *
     * @param args see {@link RelayLoadOptions#usage()}
     */
    public static void main(String[] args) {
        // One log line per join and bind is noise at hundreds of participants; warnings still show.
        QUIET.setLevel(java.util.logging.Level.WARNING);
        Mains.exit("vc relay load", () -> {
            List<RelayLoadSummary> runs = new RelayLoad(RelayLoadOptions.parse(args), System.out).run();
            if (runs.stream().map(RelayLoadSummary::media).distinct().count() > 1) {
                MediaComparison comparison = new MediaComparison(runs);
                System.out.print(comparison.report());
                comparison.resultLines().forEach(System.out::println);
            }
            return 0;
        });
    }

    /**
     * Runs every media mode of {@code --media}, {@code --rounds} times over, printing each one's report and
     * {@code RESULT} line as it ends. Every second round runs the modes in reverse order (plain, srtp, srtp, plain,
     * ...), so a drift in the machine's load over the run weighs on every mode alike, not on whichever runs last.
     *
     * @return the windows' figures, in the order run
     * @throws IOException          if a socket cannot be opened or the relay cannot be reached
     * @throws InterruptedException if interrupted
     */
    public List<RelayLoadSummary> run() throws IOException, InterruptedException {
        if (options.interleave()) {
            return runInterleaved();
        }
        List<RelayLoadSummary> runs = new ArrayList<>();
        for (int round = 0; round < options.rounds(); round++) {
            List<MediaMode> modes = new ArrayList<>(options.media());
            if (round % 2 == 1) {
                Collections.reverse(modes);
            }
            for (MediaMode mode : modes) {
                RelayLoadSummary summary = run(mode);
                out.print(summary.report());
                out.println(summary.resultLine());
                runs.add(summary);
            }
        }
        return runs;
    }

    /**
     * Sets up the target for one media mode and the participants, sends for warm-up plus the window, and measures
     * the window.
     */
    private RelayLoadSummary run(MediaMode mode) throws IOException, InterruptedException {
        try (LoadSession session = LoadSession.open(mode, startTarget(mode), options, List.of(), out)) {
            Thread.sleep(options.warmup() * 1000L);
            LoadSnapshot before = session.snapshot();
            long start = before.nanos;
            LoadSnapshot last = before;
            for (int second = 1; second <= options.seconds(); second++) {
                sleepUntil(start + second * 1_000_000_000L);
                LoadSnapshot now = session.snapshot();
                double dt = (now.nanos - last.nanos) / 1e9;
                out.printf("[%3d s] offered %8.0f/s  forwarded %9s/s  received %9.0f/s%n", second,
                        (now.sent - last.sent) / dt,
                        now.forwarded < 0 ? "n/a" : String.format("%.0f", (now.forwarded - last.forwarded) / dt),
                        (now.received - last.received) / dt);
                last = now;
            }
            long heapAfterRun = session.heapBase > 0 ? ProcessMemory.heapAfterGcBytes() : 0;
            RelayLoadSummary summary = summary(session, LoadSnapshot.sum(List.of(before), List.of(last)), heapAfterRun);
            session.target.printDrops(out);
            return summary;
        }
    }

    /**
     * {@code --interleave}: sets up every media mode's target and participants at once, then lets one mode send at a
     * time, switching every second (each pair of slices in the other order than the one before: plain, srtp, srtp,
     * plain, ...), and pools each mode's slices. Each slice's first 200 ms are not measured, so what the mode before
     * left in flight does not count. The modes are measured under the same machine load, a second apart rather than a
     * whole window.
     *
     * @return one summary per mode, in {@code --media} order
     */
    private List<RelayLoadSummary> runInterleaved() throws IOException, InterruptedException {
        List<LoadSession> sessions = new ArrayList<>();
        try {
            for (MediaMode mode : options.media()) {
                LoadSession session = LoadSession.open(mode, startTarget(mode), options, sessions, out);
                session.pause();
                sessions.add(session);
            }
            int n = sessions.size();
            for (int second = 0; second < options.warmup() * n; second++) {
                LoadSession active = sessions.get(second % n);
                active.resume();
                Thread.sleep(1000);
                active.pause();
            }
            List<List<LoadSnapshot>> befores = new ArrayList<>();
            List<List<LoadSnapshot>> afters = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                befores.add(new ArrayList<>());
                afters.add(new ArrayList<>());
            }
            double[][] sliceNanos = new double[n][options.seconds()];
            for (int slice = 0; slice < options.seconds() * n; slice++) {
                int turn = slice % n;
                int index = (slice / n) % 2 == 0 ? turn : n - 1 - turn;
                LoadSession active = sessions.get(index);
                active.resume();
                Thread.sleep(SETTLE_MILLIS);
                LoadSnapshot before = active.snapshot();
                Thread.sleep(1000);
                LoadSnapshot after = active.snapshot();
                active.pause();
                befores.get(index).add(before);
                afters.get(index).add(after);
                long forwarded = after.forwarded - before.forwarded;
                double nanos = forwarded > 0 && before.forwardingCpu >= 0
                        ? (after.forwardingCpu - before.forwardingCpu) / (double) forwarded : -1;
                sliceNanos[index][slice / n] = nanos;
                out.printf(Locale.ROOT, "[slice %3d] %-8s forwarded %7d  forwarding thread %6.0f ns/forwarded pkt%n",
                        slice, active.mode, forwarded, nanos);
            }
            List<RelayLoadSummary> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                LoadSession session = sessions.get(i);
                RelayLoadSummary summary = summary(session, LoadSnapshot.sum(befores.get(i), afters.get(i)), 0);
                out.print(summary.report());
                out.println(summary.resultLine());
                session.target.printDrops(out);
                runs.add(summary);
            }
            for (int i = 1; i < n; i++) {
                printSliceRatios(sessions.get(0).mode, sessions.get(i).mode, sliceNanos[0], sliceNanos[i]);
            }
            return runs;
        } finally {
            for (int i = sessions.size() - 1; i >= 0; i--) {
                sessions.get(i).close();
            }
        }
    }

    /**
     * Prints the spread of the CPU ratio per round of slices (each mode's slice in a round is at most a few seconds
     * from the other's): {@code reference ns / mode ns} per round, its median and quartiles.
     */
    private void printSliceRatios(MediaMode reference, MediaMode mode, double[] referenceNanos, double[] modeNanos) {
        double[] ratios = new double[referenceNanos.length];
        int k = 0;
        for (int round = 0; round < referenceNanos.length; round++) {
            if (referenceNanos[round] > 0 && modeNanos[round] > 0) {
                ratios[k++] = referenceNanos[round] / modeNanos[round];
            }
        }
        if (k == 0) {
            return;
        }
        double[] sorted = java.util.Arrays.copyOf(ratios, k);
        java.util.Arrays.sort(sorted);
        out.printf(Locale.ROOT, "%s/%s by forwarding thread CPU, per round of slices (%d): median %.1f %%, "
                        + "quartiles %.1f-%.1f %%, range %.1f-%.1f %%%n", reference, mode, k, 100 * sorted[k / 2],
                100 * sorted[k / 4], 100 * sorted[(3 * k) / 4], 100 * sorted[0], 100 * sorted[k - 1]);
        out.printf(Locale.ROOT, "SLICES reference=%s media=%s rounds=%d median_ratio_cpu=%.3f q1=%.3f q3=%.3f%n",
                reference, mode, k, sorted[k / 2], sorted[k / 4], sorted[(3 * k) / 4]);
    }

    /** One mode's figures from the sum of its windows' differences ({@link LoadSnapshot#sum}). */
    private RelayLoadSummary summary(LoadSession session, LoadSnapshot d, long heapAfterRun) {
        int n = options.totalParticipants();
        boolean heap = session.heapBase > 0;
        return new RelayLoadSummary(session.target.name(), session.mode, options.rooms(), options.participants(),
                d.nanos, d.sent, d.skipped, d.accepted, d.forwarded, d.received, d.misrouted, d.forwardingCpu,
                d.relayCpu, d.loadCpu, d.processCpu, Runtime.getRuntime().availableProcessors(),
                options.alloc() ? d.forwardingAllocated : -1,
                heap ? (session.heapJoined - session.heapBase) / n : -1,
                heap && heapAfterRun > 0 ? (heapAfterRun - session.heapBase) / n : -1,
                d.kernelRcvbufErrors, MachineCounters.busyPercent(new long[2], d.machineCpuTicks),
                session.mode.secure() ? d.authenticated : -1, session.mode.secure() ? d.authFailed : -1);
    }

    private LoadTarget startTarget(MediaMode mode) throws IOException {
        if (options.ceiling()) {
            return new CeilingTarget(new UdpEchoCeiling(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    1500, options.ceilingReceiveBuffer()));
        }
        if (options.control() != null) {
            // An external relay is verified as the vc.relay.fingerprint, vc.relay.ca or vc.relay.insecure keys say.
            return new RelayTarget(null, options.control(), RelayTrust.from(Config.load()), mode);
        }
        long cap = Math.max(8_000_000L, (long) (options.bitsPerSecondEach() * 4));
        // Every participant's control connection comes from 127.0.0.1: lift the per-address bound (64 by default).
        int connections = Math.max(RelaySettings.MAX_CONNECTIONS.defaultValue(), options.totalParticipants() + 16);
        RelayServer relay = RelayServer.start(mode.configure(RelaySettings.builder()).host("127.0.0.1").controlPort(0)
                .mediaPort(0).maxParticipantsPerRoom(Math.max(2, options.participants()))
                .maxRooms(Math.max(1, options.rooms())).joinAttemptsPerMinute(100_000).maxBitrate(cap)
                .maxConnections(connections).maxConnectionsPerAddress(connections)
                .socketPerParticipant(!options.sharedMediaSocket()).build());
        return new RelayTarget(relay, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                relay.controlAddress().getPort()), relay.clientTrust(), mode);
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long wait = deadline - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
