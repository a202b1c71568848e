package dev.vc.examples;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage.Join;
import dev.vc.relay.DropReason;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import dev.vc.relay.RelayStats;
import dev.vc.transport.udp.jpeg.JpegPayloadHeader;
import dev.vc.transport.udp.rtp.RtpPacketWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A relay load generator: R rooms of P participants, each a real participant as far as the relay can tell
 * (joins over the control channel, proves its UDP socket with a signed STUN hello), each sending replayed
 * 1200-byte RTP packets with its own SSRC at a fixed rate, while receiver threads drain every participant's
 * socket and check that nothing comes back to its sender or crosses rooms. Prints offered, forwarded and
 * received packets per second, loss, CPU of the relay's threads, allocation per forwarded packet
 * ({@code --alloc}) and heap per participant. See {@code docs/benchmarks.md} for figures.
 *
 * <pre>
 * java -XX:AutoBoxCacheMax=65536 -p examples/target/modules -m dev.vc.examples/dev.vc.examples.RelayLoad --rooms 4 --seconds 10 --alloc
 * java -XX:AutoBoxCacheMax=65536 -p examples/target/modules -m dev.vc.examples/dev.vc.examples.RelayLoad --rooms 4 --ceiling
 * java -XX:AutoBoxCacheMax=65536 -p examples/target/modules -m dev.vc.examples/dev.vc.examples.RelayLoad --control relay.lan:5000
 * </pre>
 *
 * <p>Threads do not grow with the load: {@code --senders} threads pace all participants' packets (no encoding:
 * the packets are built once), {@code --receivers} threads each drain their share of the sockets with one
 * selector. Only the control clients have a thread each (that is {@link ControlClient}'s design). Everything is
 * on loopback unless {@code --control} names another relay, which must then allow
 * {@code rooms x participants} joins a minute from this address ({@code --join-attempts-per-minute}).
 */
public final class RelayLoad {
    /** Prefix of the relay's own threads, whose CPU time is the relay's. */
    static final String RELAY_THREADS = "vc-relay-";
    /** The relay thread that forwards media. */
    static final String RELAY_MEDIA_THREAD = "vc-relay-media";
    private static final String SEND_THREAD = "vc-load-send-";
    private static final String RECEIVE_THREAD = "vc-load-recv-";
    private static final int PAYLOAD_TYPE = VideoCodec.JPEG.defaultPayloadType();
    /** A sender more than this late on a participant skips the packets it owes rather than bursting them. */
    private static final long MAX_LAG_NANOS = 100_000_000L;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    /** Held so the level set in {@link #main} is not collected with the logger. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("dev.vc");

    private final RelayLoadOptions options;
    private final PrintStream out;
    /** The target's threads in this process, found at the first snapshot (they live as long as the target). */
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
     * Entry point: runs once, prints the summary and a {@code RESULT} line; exits 1 on bad options or a failure
     * to set up.
     *
     * @param args see {@link RelayLoadOptions#usage()}
     */
    public static void main(String[] args) {
        // One log line per join and bind is noise at hundreds of participants; warnings still show.
        QUIET.setLevel(java.util.logging.Level.WARNING);
        Mains.exit("vc relay load", () -> {
            RelayLoadSummary summary = new RelayLoad(RelayLoadOptions.parse(args), System.out).run();
            System.out.print(summary.report());
            System.out.println(summary.resultLine());
            return 0;
        });
    }

    /**
     * Sets up the target and the participants, sends for warm-up plus the window, and measures the window.
     *
     * @return the window's figures
     * @throws IOException          if a socket cannot be opened or the relay cannot be reached
     * @throws InterruptedException if interrupted
     */
    public RelayLoadSummary run() throws IOException, InterruptedException {
        List<AutoCloseable> open = new ArrayList<>();
        Target target = startTarget();
        try {
            List<LoadParticipant> everyone = openSockets(open);
            boolean measureHeap = target.inProcessRelay();
            long heapBase = measureHeap ? usedHeapAfterGc() : 0;
            long setupStart = System.nanoTime();
            target.connect(everyone, open);
            out.printf("vc relay load: %s at %s, %d room(s) x %d joined and bound in %d ms; %.1f pkt/s each "
                            + "(%.0f kbit/s), %d-byte packets, %d sender / %d receiver thread(s)%n",
                    target.name(), target.mediaAddress(), options.rooms(), options.participants(),
                    (System.nanoTime() - setupStart) / 1_000_000, options.pps(), options.bitsPerSecondEach() / 1000,
                    options.packetBytes(), options.senders(), options.receivers());
            long heapJoined = measureHeap ? usedHeapAfterGc() : 0;

            AtomicFlag stop = new AtomicFlag();
            Receiver[] receivers = startReceivers(everyone, stop);
            Sender[] senders = startSenders(everyone, stop);
            try {
                Thread.sleep(options.warmup() * 1000L);
                Snapshot before = snapshot(target, senders, receivers);
                long start = before.nanos;
                Snapshot last = before;
                for (int second = 1; second <= options.seconds(); second++) {
                    sleepUntil(start + second * 1_000_000_000L);
                    Snapshot now = snapshot(target, senders, receivers);
                    double dt = (now.nanos - last.nanos) / 1e9;
                    out.printf("[%3d s] offered %8.0f/s  forwarded %9s/s  received %9.0f/s%n", second,
                            (now.sent - last.sent) / dt,
                            now.forwarded < 0 ? "n/a" : String.format("%.0f", (now.forwarded - last.forwarded) / dt),
                            (now.received - last.received) / dt);
                    last = now;
                }
                long heapAfterRun = measureHeap ? usedHeapAfterGc() : 0;
                int n = options.totalParticipants();
                RelayLoadSummary summary = new RelayLoadSummary(target.name(), options.rooms(),
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
                        MachineCounters.busyPercent(before.machineCpuTicks, last.machineCpuTicks));
                target.printDrops(out);
                return summary;
            } finally {
                stop.set();
                for (Sender s : senders) {
                    s.thread.join(2_000);
                }
                Thread.sleep(200);  // let what is in flight arrive before the receivers stop
                for (Receiver r : receivers) {
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

    // ---- targets ----

    private Target startTarget() throws IOException {
        if (options.ceiling()) {
            return new CeilingTarget(new UdpEchoCeiling(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    1500, options.ceilingReceiveBuffer()));
        }
        if (options.control() != null) {
            return new RelayTarget(null, options.control());
        }
        long cap = Math.max(8_000_000L, (long) (options.bitsPerSecondEach() * 4));
        RelayServer relay = RelayServer.start(RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .maxParticipantsPerRoom(Math.max(2, options.participants())).maxRooms(Math.max(1, options.rooms()))
                .joinAttemptsPerMinute(100_000).maxBitrate(cap).socketPerParticipant(!options.sharedMediaSocket()).build());
        return new RelayTarget(relay, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                relay.controlAddress().getPort()));
    }

    /** Where the load goes: the relay (in this process or not) or the ceiling forwarder. */
    private interface Target extends AutoCloseable {
        String name();

        boolean inProcessRelay();

        InetSocketAddress mediaAddress();

        /** Makes every participant known to the target and connects its socket to the target's media port. */
        void connect(List<LoadParticipant> everyone, List<AutoCloseable> open) throws IOException;

        /** @return datagrams accepted so far, or -1 */
        long accepted();

        /** @return datagrams forwarded so far, or -1 */
        long forwarded();

        /** @return name prefix of the target's threads in this process, or null */
        String threadPrefix();

        /** @return name of the forwarding thread in this process, or null */
        String forwardingThread();

        void printDrops(PrintStream out);

        @Override
        void close();
    }

    private final class RelayTarget implements Target {
        private final RelayServer relay;
        private final InetSocketAddress control;
        private InetSocketAddress media;

        RelayTarget(RelayServer relay, InetSocketAddress control) {
            this.relay = relay;
            this.control = control;
        }

        @Override
        public String name() {
            return relay == null ? "external relay" : "relay";
        }

        @Override
        public boolean inProcessRelay() {
            return relay != null;
        }

        @Override
        public InetSocketAddress mediaAddress() {
            return media;
        }

        @Override
        public void connect(List<LoadParticipant> everyone, List<AutoCloseable> open) throws IOException {
            for (LoadParticipant p : everyone) {
                ControlClient client = RelayJoin.join(control, new Join("load-" + p.room, p.name(), "",
                        Set.of(VideoCodec.JPEG), Set.of(VideoCodec.JPEG)), p.channel, JOIN_TIMEOUT);
                open.add(client);
                media = (InetSocketAddress) p.channel.getRemoteAddress();
                p.ssrc(client.session().ssrc());
            }
        }

        @Override
        public long accepted() {
            return relay == null ? -1 : relay.stats().packetsIn();
        }

        @Override
        public long forwarded() {
            return relay == null ? -1 : relay.stats().packetsOut();
        }

        @Override
        public String threadPrefix() {
            return relay == null ? null : RELAY_THREADS;
        }

        @Override
        public String forwardingThread() {
            return relay == null ? null : RELAY_MEDIA_THREAD;
        }

        @Override
        public void printDrops(PrintStream out) {
            if (relay == null) {
                return;
            }
            RelayStats stats = relay.stats();
            StringBuilder drops = new StringBuilder();
            for (DropReason reason : DropReason.values()) {
                long n = stats.dropped(reason);
                if (n > 0) {
                    drops.append(' ').append(reason.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(n);
                }
            }
            out.println("relay drops since start:" + (drops.length() == 0 ? " none" : drops));
        }

        @Override
        public void close() {
            if (relay != null) {
                relay.close();
            }
        }
    }

    private static final class CeilingTarget implements Target {
        private final UdpEchoCeiling ceiling;

        CeilingTarget(UdpEchoCeiling ceiling) {
            this.ceiling = ceiling;
        }

        @Override
        public String name() {
            return "ceiling";
        }

        @Override
        public boolean inProcessRelay() {
            return false;
        }

        @Override
        public InetSocketAddress mediaAddress() {
            return ceiling.address();
        }

        @Override
        public void connect(List<LoadParticipant> everyone, List<AutoCloseable> open) throws IOException {
            List<List<InetSocketAddress>> rooms = new ArrayList<>();
            Random random = new Random(42);
            for (LoadParticipant p : everyone) {
                while (rooms.size() <= p.room) {
                    rooms.add(new ArrayList<>());
                }
                rooms.get(p.room).add((InetSocketAddress) p.channel.getLocalAddress());
                p.channel.connect(ceiling.address());
                p.ssrc(random.nextInt());
            }
            ceiling.start(rooms);
        }

        @Override
        public long accepted() {
            return ceiling.packetsIn();
        }

        @Override
        public long forwarded() {
            return ceiling.packetsOut();
        }

        @Override
        public String threadPrefix() {
            return UdpEchoCeiling.THREAD_NAME;
        }

        @Override
        public String forwardingThread() {
            return UdpEchoCeiling.THREAD_NAME;
        }

        @Override
        public void printDrops(PrintStream out) {
            if (ceiling.unknown() > 0) {
                out.println("ceiling: " + ceiling.unknown() + " datagrams from unknown addresses");
            }
        }

        @Override
        public void close() {
            ceiling.close();
        }
    }

    // ---- participants ----

    private List<LoadParticipant> openSockets(List<AutoCloseable> open) throws IOException {
        List<LoadParticipant> everyone = new ArrayList<>();
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        for (int room = 0; room < options.rooms(); room++) {
            for (int i = 0; i < options.participants(); i++) {
                DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
                open.add(channel);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBuffer());
                channel.bind(loopback);
                channel.configureBlocking(false);
                everyone.add(new LoadParticipant(room, i, channel, options.packetBytes()));
            }
        }
        return everyone;
    }

    /** One simulated participant: its socket, its pre-built packet and its send schedule. */
    static final class LoadParticipant {
        final int room;
        final int index;
        final DatagramChannel channel;
        final ByteBuffer packet;
        int ssrc;
        int sequence;
        long nextDueNanos;

        LoadParticipant(int room, int index, DatagramChannel channel, int packetBytes) {
            this.room = room;
            this.index = index;
            this.channel = channel;
            this.packet = ByteBuffer.allocateDirect(packetBytes);
        }

        String name() {
            return "r" + room + "p" + index;
        }

        /** Builds the packet this participant replays: an RTP header with its SSRC, a JPEG header, filler. */
        void ssrc(int assigned) {
            this.ssrc = assigned;
            byte[] bytes = new byte[packet.capacity()];
            new Random(assigned).nextBytes(bytes);
            RtpPacketWriter rtp = new RtpPacketWriter(assigned, PAYLOAD_TYPE, 0, 0);
            int at = rtp.writeHeader(bytes, 0, false, 90_000, 0L);
            if (bytes.length >= at + JpegPayloadHeader.MAIN_HEADER_LENGTH) {
                JpegPayloadHeader.writeMainHeader(bytes, at, 0, 1, 255, 640, 480);
            }
            packet.clear();
            packet.put(bytes).clear();
        }
    }

    // ---- senders ----

    private Sender[] startSenders(List<LoadParticipant> everyone, AtomicFlag stop) {
        long interval = Math.round(1e9 / options.pps());
        long start = System.nanoTime() + 10_000_000L;
        int n = everyone.size();
        Sender[] senders = new Sender[Math.min(options.senders(), n)];
        List<List<LoadParticipant>> shares = share(everyone, senders.length);
        for (int i = 0; i < n; i++) {
            // Spread the participants' phases over one interval, so the offered load is smooth.
            everyone.get(i).nextDueNanos = start + interval * i / n;
        }
        for (int t = 0; t < senders.length; t++) {
            senders[t] = new Sender(shares.get(t).toArray(new LoadParticipant[0]), interval, stop, options.packetBytes());
            senders[t].thread = new Thread(senders[t], SEND_THREAD + t);
            senders[t].thread.setDaemon(true);
            senders[t].thread.start();
        }
        return senders;
    }

    private static List<List<LoadParticipant>> share(List<LoadParticipant> everyone, int parts) {
        List<List<LoadParticipant>> shares = new ArrayList<>();
        for (int t = 0; t < parts; t++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < everyone.size(); i++) {
            shares.get(i % parts).add(everyone.get(i));
        }
        return shares;
    }

    /** Paces a share of the participants: each sends one packet per interval, late ones catch up to 100 ms. */
    private static final class Sender implements Runnable {
        final LoadParticipant[] mine;
        final long interval;
        final AtomicFlag stop;
        final int packetBytes;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        Thread thread;

        Sender(LoadParticipant[] mine, long interval, AtomicFlag stop, int packetBytes) {
            this.mine = mine;
            this.interval = interval;
            this.stop = stop;
            this.packetBytes = packetBytes;
        }

        @Override
        public void run() {
            long sentCount = 0;
            long skippedCount = 0;
            long failedCount = 0;
            while (!stop.isSet()) {
                long now = System.nanoTime();
                long earliest = Long.MAX_VALUE;
                for (LoadParticipant p : mine) {
                    long late = now - p.nextDueNanos;
                    if (late > MAX_LAG_NANOS) {
                        long owed = late / interval;
                        skippedCount += owed;
                        p.nextDueNanos += owed * interval;
                    }
                    while (p.nextDueNanos <= now) {
                        p.packet.putShort(2, (short) p.sequence++);
                        p.packet.clear();
                        try {
                            if (p.channel.write(p.packet) == packetBytes) {
                                sentCount++;
                            } else {
                                failedCount++;
                            }
                        } catch (IOException e) {
                            failedCount++;
                        }
                        p.nextDueNanos += interval;
                    }
                    earliest = Math.min(earliest, p.nextDueNanos);
                }
                sent.setRelease(sentCount);
                skipped.setRelease(skippedCount);
                failed.setRelease(failedCount);
                long wait = earliest - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
    }

    // ---- receivers ----

    private Receiver[] startReceivers(List<LoadParticipant> everyone, AtomicFlag stop) throws IOException {
        int[] ssrcs = new int[everyone.size()];
        int[] rooms = new int[everyone.size()];
        LoadParticipant[] sorted = everyone.toArray(new LoadParticipant[0]);
        Arrays.sort(sorted, (a, b) -> Integer.compare(a.ssrc, b.ssrc));
        for (int i = 0; i < sorted.length; i++) {
            ssrcs[i] = sorted[i].ssrc;
            rooms[i] = sorted[i].room;
        }
        Receiver[] receivers = new Receiver[Math.min(options.receivers(), everyone.size())];
        List<List<LoadParticipant>> shares = share(everyone, receivers.length);
        for (int t = 0; t < receivers.length; t++) {
            Selector selector = Selector.open();
            for (LoadParticipant p : shares.get(t)) {
                p.channel.register(selector, SelectionKey.OP_READ, p);
            }
            receivers[t] = new Receiver(selector, ssrcs, rooms, stop);
            receivers[t].thread = new Thread(receivers[t], RECEIVE_THREAD + t);
            receivers[t].thread.setDaemon(true);
            receivers[t].thread.start();
        }
        return receivers;
    }

    /** Drains its share of the participant sockets, counting media and checking where each packet came from. */
    private static final class Receiver implements Runnable {
        final Selector selector;
        final int[] ssrcs;
        final int[] rooms;
        final AtomicFlag stop;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        final AtomicLong received = new AtomicLong();
        final AtomicLong misrouted = new AtomicLong();
        final AtomicLong other = new AtomicLong();
        /** Made once: a method reference passed on each select would be a new object each time. */
        private final java.util.function.Consumer<SelectionKey> drainer = this::drain;
        long receivedCount;
        long misroutedCount;
        long otherCount;
        Thread thread;

        Receiver(Selector selector, int[] ssrcs, int[] rooms, AtomicFlag stop) {
            this.selector = selector;
            this.ssrcs = ssrcs;
            this.rooms = rooms;
            this.stop = stop;
        }

        @Override
        public void run() {
            try {
                while (!stop.isSet()) {
                    selector.select(drainer, 100);
                    received.setRelease(receivedCount);
                    misrouted.setRelease(misroutedCount);
                    other.setRelease(otherCount);
                }
            } catch (IOException e) {
                if (!stop.isSet()) {
                    System.err.println("receiver stopped: " + e);
                }
            }
        }

        private void drain(SelectionKey key) {
            LoadParticipant p = (LoadParticipant) key.attachment();
            try {
                while (true) {
                    buffer.clear();
                    int n = p.channel.read(buffer);
                    if (n <= 0) {
                        return;
                    }
                    int type = buffer.get(1) & 0xFF;
                    if (n < 12 || (buffer.get(0) & 0xC0) != 0x80 || (type >= 192 && type <= 223)) {
                        otherCount++;  // RTCP (the relay's PLIs), hello answers
                        continue;
                    }
                    int ssrc = buffer.getInt(8);
                    int at = Arrays.binarySearch(ssrcs, ssrc);
                    if (at < 0 || ssrc == p.ssrc || rooms[at] != p.room) {
                        misroutedCount++;
                    } else {
                        receivedCount++;
                    }
                }
            } catch (IOException e) {
                otherCount++;
            }
        }
    }

    // ---- measurement ----

    private Snapshot snapshot(Target target, Sender[] senders, Receiver[] receivers) {
        Snapshot s = new Snapshot();
        for (Sender sender : senders) {
            s.sent += sender.sent.getAcquire();
            s.skipped += sender.skipped.getAcquire();
            s.loadCpu += Math.max(0, threads.getThreadCpuTime(sender.thread.getId()));
        }
        for (Receiver receiver : receivers) {
            s.received += receiver.received.getAcquire();
            s.misrouted += receiver.misrouted.getAcquire();
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

    /** Counters at one instant; the summary is the difference of two. */
    private static final class Snapshot {
        long nanos;
        long sent;
        long skipped;
        long received;
        long misrouted;
        long accepted;
        long forwarded;
        long relayCpu;
        long forwardingCpu;
        long forwardingAllocated;
        long loadCpu;
        long processCpu;
        long kernelRcvbufErrors;
        long[] machineCpuTicks;
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

    /** A stop flag shared by the load threads. */
    private static final class AtomicFlag {
        private volatile boolean set;

        void set() {
            set = true;
        }

        boolean isSet() {
            return set;
        }
    }
}
