package dev.vc.bench.relayload;

import dev.vc.api.Config;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.RelayTrust;
import dev.vc.bench.MachineCounters;
import dev.vc.bench.MediaMode;
import dev.vc.examples.client.cli.Mains;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
 * relay media thread's CPU and allocation per forwarded packet, and the capacity ratio SRTP/plain.
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
    /** The current target's threads in this process, found at its first snapshot (they live as long as it). */
    private Thread[] targetThreads;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

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
        List<AutoCloseable> open = new ArrayList<>();
        LoadTarget target = startTarget(mode);
        targetThreads = null;
        try {
            List<LoadParticipant> everyone = LoadParticipant.openAll(options, open);
            boolean measureHeap = target.inProcessRelay();
            long heapBase = measureHeap ? usedHeapAfterGc() : 0;
            long setupStart = System.nanoTime();
            target.connect(everyone, open);
            out.printf("vc relay load: %s at %s, %s media, %d room(s) x %d joined and bound in %d ms; %.1f pkt/s "
                            + "each (%.0f kbit/s), %d-byte packets, %d sender / %d receiver thread(s)%n",
                    target.name(), target.mediaAddress(), mode, options.rooms(), options.participants(),
                    (System.nanoTime() - setupStart) / 1_000_000, options.pps(), options.bitsPerSecondEach() / 1000,
                    options.packetBytes(), options.senders(), options.receivers());
            long heapJoined = measureHeap ? usedHeapAfterGc() : 0;

            StopFlag stop = new StopFlag();
            LoadReceiver[] receivers = LoadReceiver.startAll(everyone, options, stop);
            LoadSender[] senders = LoadSender.startAll(everyone, options, stop);
            try {
                Thread.sleep(options.warmup() * 1000L);
                LoadSnapshot before = snapshot(target, senders, receivers);
                long start = before.nanos;
                LoadSnapshot last = before;
                for (int second = 1; second <= options.seconds(); second++) {
                    sleepUntil(start + second * 1_000_000_000L);
                    LoadSnapshot now = snapshot(target, senders, receivers);
                    double dt = (now.nanos - last.nanos) / 1e9;
                    out.printf("[%3d s] offered %8.0f/s  forwarded %9s/s  received %9.0f/s%n", second,
                            (now.sent - last.sent) / dt,
                            now.forwarded < 0 ? "n/a" : String.format("%.0f", (now.forwarded - last.forwarded) / dt),
                            (now.received - last.received) / dt);
                    last = now;
                }
                long heapAfterRun = measureHeap ? usedHeapAfterGc() : 0;
                int n = options.totalParticipants();
                RelayLoadSummary summary = new RelayLoadSummary(target.name(), mode, options.rooms(),
                        options.participants(), last.nanos - before.nanos, last.sent - before.sent,
                        last.skipped - before.skipped, delta(before.accepted, last.accepted),
                        delta(before.forwarded, last.forwarded), last.received - before.received,
                        last.misrouted - before.misrouted, delta(before.forwardingCpu, last.forwardingCpu),
                        delta(before.relayCpu, last.relayCpu), last.loadCpu - before.loadCpu,
                        last.processCpu - before.processCpu, Runtime.getRuntime().availableProcessors(),
                        options.alloc() ? delta(before.forwardingAllocated, last.forwardingAllocated) : -1,
                        measureHeap ? (heapJoined - heapBase) / n : -1,
                        measureHeap ? (heapAfterRun - heapBase) / n : -1,
                        delta(before.kernelRcvbufErrors, last.kernelRcvbufErrors),
                        MachineCounters.busyPercent(before.machineCpuTicks, last.machineCpuTicks),
                        mode.secure() ? last.authenticated - before.authenticated : -1,
                        mode.secure() ? last.authFailed - before.authFailed : -1);
                target.printDrops(out);
                return summary;
            } finally {
                stop.set();
                for (LoadSender s : senders) {
                    s.thread.join(2_000);
                }
                Thread.sleep(200);  // let what is in flight arrive before the receivers stop
                for (LoadReceiver r : receivers) {
                    r.selector.wakeup();
                    r.thread.join(2_000);
                    r.selector.close();
                }
            }
        } finally {
            // Participants leave first, then the relay stops.
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception e) {
                    out.println("error closing " + open.get(i) + ": " + e);
                }
            }
            target.close();
        }
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

    private LoadSnapshot snapshot(LoadTarget target, LoadSender[] senders, LoadReceiver[] receivers) {
        LoadSnapshot s = new LoadSnapshot();
        for (LoadSender sender : senders) {
            s.sent += sender.sent.getAcquire();
            s.skipped += sender.skipped.getAcquire();
            s.loadCpu += Math.max(0, threads.getThreadCpuTime(sender.thread.getId()));
        }
        for (LoadReceiver receiver : receivers) {
            s.received += receiver.received.getAcquire();
            s.misrouted += receiver.misrouted.getAcquire();
            s.authenticated += receiver.authenticated.getAcquire();
            s.authFailed += receiver.authFailed.getAcquire();
            s.loadCpu += Math.max(0, threads.getThreadCpuTime(receiver.thread.getId()));
        }
        s.accepted = target.accepted();
        s.forwarded = target.forwarded();
        s.relayCpu = -1;
        s.forwardingCpu = -1;
        s.forwardingAllocated = -1;
        if (target.threadPrefix() != null) {
            if (targetThreads == null) {
                targetThreads = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith(target.threadPrefix())).toArray(Thread[]::new);
            }
            s.relayCpu = 0;
            for (Thread t : targetThreads) {
                s.relayCpu += Math.max(0, threads.getThreadCpuTime(t.getId()));
                if (t.getName().equals(target.forwardingThread())) {
                    s.forwardingCpu = threads.getThreadCpuTime(t.getId());
                    if (options.alloc()) {
                        s.forwardingAllocated = threads.getThreadAllocatedBytes(t.getId());
                    }
                }
            }
        }
        s.processCpu = os.getProcessCpuTime();
        s.kernelRcvbufErrors = MachineCounters.udpReceiveBufferErrors();
        s.machineCpuTicks = MachineCounters.cpuTicks();
        s.nanos = System.nanoTime();
        return s;
    }

    private static long delta(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    /** @return used heap after two full collections: what is live */
    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long wait = deadline - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
