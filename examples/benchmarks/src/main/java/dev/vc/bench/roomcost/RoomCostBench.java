package dev.vc.bench.roomcost;

import dev.vc.capture.CaptureSettings;
import dev.vc.api.CoreSettings;
import dev.vc.api.Config;
import dev.vc.api.session.LatencyStats;
import dev.vc.api.session.Participant;
import dev.vc.api.session.ParticipantStats;
import dev.vc.api.session.SendLayerStats;
import dev.vc.api.session.StreamStats;
import dev.vc.examples.client.cli.Mains;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a participant's machine pays for a room of N: one real client (a {@link Participant} with the synthetic
 * camera, the real encoder, transport, receive pipeline, decoders and renderer) in a room with N-1 replayed
 * senders, on a relay in this process, for each N asked for. Prints a table and writes {@code room-cost.csv},
 * {@code room-cost.png} and {@code room-cost-fps.png} ({@link RoomCostReport}); see {@code docs/benchmarks.md}.
 *
 * <pre>
 * java --add-modules ALL-MODULE-PATH -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.roomcost.RoomCostBench \
 *      --codec h264,jpeg --sizes 2,4,6,8,10,12,16
 * DISPLAY=:99 java --add-modules ALL-MODULE-PATH -p examples/benchmarks/target/modules \
 *      -m dev.vc.bench/dev.vc.bench.roomcost.RoomCostBench --renderer swing --sizes 10
 * </pre>
 *
 * <p>Per codec, the senders' video is recorded once at start-up ({@link Recorder}: the synthetic camera at
 * 640x480 and 30 fps, seeds 2, 3, ..., through the real encoder at its default settings) and replayed
 * ({@link ReplayedSenders}: real joins, 30 fps, a PLI answered with the keyframe, capture time = send time).
 * Then for each N: a fresh relay, N-1 replayed senders, and the client (seed 1), configured as the
 * {@code Client} application configures itself (self view on, H.264 decoded straight to BGR24). After the
 * warm-up, the window measures the client's threads' CPU time per {@link ClientStage} ({@link CpuShares}: the
 * replayers', the relay's and the benchmark's own threads are left out and shown apart, as is the JVM's GC and
 * JIT time, which no thread name can attribute), frames rendered per remote stream, capture-to-render latency
 * of all remote frames, decode errors, frames skipped because decoding fell behind, and frames lost in transit.
 *
 * <p>Everything runs on one machine: with many senders the relay (forwarding N x (N-1) streams) and the
 * replayers take CPU that the client would have to itself on a participant's machine. The table shows both,
 * and how busy the machine was: a client starved by its harness shows as fps below 30 with high
 * {@code machine} and {@code harness} columns.
 */
public final class RoomCostBench {
    /** The client's display name, which its thread names carry. */
    static final String CLIENT_NAME = "client";
    /** Frames per second of every stream. */
    static final int FPS = 30;
    private static final int CLIENT_SEED = 1;
    private static final String ROOM = "room-cost";
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int MTU = 1200;
    /** Layers a participant sends by default ({@code vc.simulcast.layers}), as the replayers do with --view. */
    private static final int SIMULCAST_LAYERS = 2;
    private static final long VIEW_RETRY_MILLIS = 50;
    /** The relay's per-sender cap: well above a 640x480 JPEG stream's 4-5 Mbit/s. */
    private static final long RELAY_MAX_BITRATE = 20_000_000L;
    private static final Duration FIRST_FRAMES_TIMEOUT = Duration.ofSeconds(5);
    private static final double MIN_THREAD_PERCENT = 0.05;

    /** Held so the level set in {@link #main} is not collected with the logger. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("dev.vc");

    private final RoomCostOptions options;
    private final PrintStream out;

    /**
     * @param options what to run
     * @param out     where to print progress and the table
     */
    public RoomCostBench(RoomCostOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Entry point: runs every codec and room size, prints the table and writes the files; exits 1 on bad
     * options or a failure.
     *
     * @param args see {@link RoomCostOptions#usage()}
     */
    public static void main(String[] args) {
        QUIET.setLevel(java.util.logging.Level.WARNING);  // joins and stream starts are noise here
        Mains.exit("vc room cost", () -> {
            new RoomCostBench(RoomCostOptions.parse(args), System.out).run();
            return 0;
        });
    }

    /**
     * Runs every codec and room size in turn and writes the report.
     *
     * @return one result per codec and room size, in the order run
     * @throws IOException          if a socket cannot be opened or a report file written
     * @throws InterruptedException if interrupted
     */
    public List<RoomCostResult> run() throws IOException, InterruptedException {
        List<RoomCostResult> results = new ArrayList<>();
        for (String codec : options.codecs()) {
            Config config = senderConfig(codec);
            int streams = options.largestSize() - 1;
            long start = System.nanoTime();
            List<List<Recording>> recordings = record(config, streams);
            for (int k = 0; k < recordings.get(0).size(); k++) {
                int layer = k;
                List<Recording> all = recordings.stream().map(r -> r.get(layer)).toList();
                long bytes = all.stream().mapToLong(Recording::bytes).sum();
                out.printf(Locale.ROOT, "vc room cost: %s: recorded %d stream(s) of %dx%d x %d frames, "
                                + "%.0f kbit/s each on average, %d KB in memory, %d camera slot(s) skipped%n", codec,
                        streams, all.get(0).width(), all.get(0).height(), all.get(0).frames(),
                        bytes * 8.0 / streams / options.recordSeconds() / 1000, bytes / 1024,
                        all.stream().mapToInt(Recording::skippedSlots).sum());
            }
            out.printf(Locale.ROOT, "vc room cost: %s: recording took %.1f s%n", codec,
                    (System.nanoTime() - start) / 1e9);
            for (int size : options.sizes()) {
                RoomCostResult result = runRoom(codec, config, recordings.subList(0, size - 1));
                out.printf(Locale.ROOT, "vc room cost: %s N=%d: client %.1f %% of a core (decode %.1f), "
                                + "%.1f fps per stream (min %.1f), latency p50 %.1f ms p99 %.1f ms, "
                                + "allocating %.1f MB/s; machine %.0f %% busy, client's threads waited %.0f %% of the "
                                + "time for a CPU; received %s; sent %s%n",
                        codec, size, result.cpu().client(), result.cpu().stage(ClientStage.DECODE), result.fpsMean(),
                        result.fpsMin(), result.latencyP50(), result.latencyP99(), result.cpu().clientAlloc() / 1e6,
                        result.cpu().machineBusy(), result.cpu().clientWait(), result.receivedSizes(),
                        result.sentLayers());
                if (options.threads()) {
                    printThreads(result.cpu());
                }
                results.add(result);
            }
        }
        out.println();
        out.print(RoomCostReport.table(results));
        RoomCostReport.write(results, options.out());
        out.println("vc room cost: wrote " + options.out().resolve(RoomCostReport.CSV) + ", "
                + RoomCostReport.CPU_CHART + " and " + RoomCostReport.FPS_CHART);
        return results;
    }

    /** The configuration every participant sends with: the synthetic camera, 640x480 at 30 fps, the codec. */
    private static Config senderConfig(String codec) {
        return Config.load().with(CoreSettings.CODEC, codec).with(CoreSettings.SOURCE, "synthetic")
                .with(CoreSettings.WIDTH, WIDTH).with(CoreSettings.HEIGHT, HEIGHT)
                .with(CoreSettings.FPS, FPS).with(CoreSettings.MTU, MTU);
    }

    /**
     * Records every replayed sender's layers: with {@code --view} the two simulcast layers a participant sends by
     * default, else the one layer {@code --received-layer} names.
     *
     * @return per sender its recordings, largest first
     */
    private List<List<Recording>> record(Config config, int streams) throws InterruptedException {
        int frames = options.recordSeconds() * FPS;
        List<List<Recording>> perLayer = new ArrayList<>();
        if (options.view() == null) {
            perLayer.add(Recorder.record(layer(config, options.receivedLayer()), streams, CLIENT_SEED + 1, frames));
        } else {
            for (int k = 0; k < SIMULCAST_LAYERS; k++) {
                perLayer.add(Recorder.record(layer(config, k), streams, CLIENT_SEED + 1, frames));
            }
        }
        List<List<Recording>> perSender = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            int sender = i;
            perSender.add(perLayer.stream().map(layer -> layer.get(sender)).toList());
        }
        return perSender;
    }

    /**
     * A simulcast layer of the senders' configuration: its size and bitrate (each layer halves the picture and
     * quarters the bitrate).
     */
    private static Config layer(Config senders, int layer) {
        return senders.with(CoreSettings.WIDTH, WIDTH >> layer).with(CoreSettings.HEIGHT, HEIGHT >> layer)
                .with(CoreSettings.BITRATE, senders.get(CoreSettings.BITRATE) >> (2 * layer));
    }

    /**
     * The client's: the senders' plus what the {@code Client} application sets (self view on, and with its
     * window the decoders' output the grid paints as it is), and the renderer. The headless renderer shows
     * nothing, so its decoders hand out I420 as decoded, as the application's headless mode does.
     */
    private Config clientConfig(Config senders) {
        return senders.with(CaptureSettings.SEED, CLIENT_SEED).with(CoreSettings.SELF_VIEW, true)
                .with(CoreSettings.DECODER_OUTPUT, options.renderer().equals("swing") ? "bgrx32" : "i420")
                .with(CoreSettings.RENDERER, options.renderer())
                .with(CoreSettings.MEDIA_SECURITY, "insecure");  // the replayed senders send recorded plain RTP
    }

    private RoomCostResult runRoom(String codec, Config config, List<List<Recording>> recordings)
            throws IOException, InterruptedException {
        int size = recordings.size() + 1;
        RelaySettings settings = RelaySettings.builder().mediaInsecure(true).host("127.0.0.1").controlPort(0).mediaPort(0)
                .maxParticipantsPerRoom(size).joinAttemptsPerMinute(10_000).maxBitrate(RELAY_MAX_BITRATE).build();
        try (RelayServer relay = RelayServer.start(settings)) {
            InetSocketAddress control = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    relay.controlAddress().getPort());
            try (ReplayedSenders replay = ReplayedSenders.join(control, relay.clientTrust(), ROOM, recordings, FPS,
                    MTU)) {
                replay.start();
                // The relay then knows them as senders and asks each for a keyframe when the client binds.
                replay.awaitFirstFrames(FIRST_FRAMES_TIMEOUT);
                try (Participant client = Participant.builder().config(clientConfig(config)).name(CLIENT_NAME)
                        .room(ROOM).relay(control)
                        .set(CoreSettings.RELAY_FINGERPRINT.key(), relay.certificateFingerprint()).build()) {
                    client.start();
                    if (options.view() != null) {
                        reportViews(client, replay, size);
                    }
                    Thread.sleep(options.warmup() * 1000L);
                    RoomCostResult result = measure(codec, size, client, replay);
                    out.printf(Locale.ROOT, "vc room cost: %s N=%d: replayers sent %d frames (%d late in the window), "
                                    + "answered %d PLIs, got %d NACKed packets; %d send failures, %d malformed RTCP%n",
                            codec, size, replay.framesSent(), result.lateRestarts(), replay.plisAnswered(),
                            replay.nacksReceived(), replay.sendFailures(), replay.malformed());
                    return result;
                }
            }
        }
    }

    /**
     * Every receiver reports the {@code --view} size of every other participant: each replayer over its control
     * connection, the client through {@link Participant#setViewSize} once its streams arrived (with the Swing
     * renderer its grid reports its tiles' sizes itself). The relay then chooses every receiver's layers.
     */
    private void reportViews(Participant client, ReplayedSenders replay, int size) throws InterruptedException {
        int[] view = options.view();
        int[] clientShownAt = options.clientShownAt() != null ? options.clientShownAt() : view;
        long deadline = System.nanoTime() + FIRST_FRAMES_TIMEOUT.toNanos();
        int expected = (size - 1) * (size - 1);  // each replayer sizes the client and the size - 2 others
        int sent;
        while ((sent = replay.reportViews(view[0], view[1], CLIENT_NAME, clientShownAt)) < expected
                && System.nanoTime() < deadline) {
            Thread.sleep(VIEW_RETRY_MILLIS);  // a roster without the client yet: it has not heard of the join
        }
        List<StreamStats> streams = client.stats().streams();
        while (streams.size() < size - 1 && System.nanoTime() < deadline) {
            Thread.sleep(VIEW_RETRY_MILLIS);
            streams = client.stats().streams();
        }
        if (!options.renderer().equals("swing")) {
            for (StreamStats stream : streams) {
                client.setViewSize(stream.stream(), view[0], view[1]);
            }
        }
        out.printf(Locale.ROOT, "vc room cost: N=%d: replayers reported %d of %d view sizes (the client at %dx%d "
                        + "for one replayer, all others at %dx%d); the client %s %d stream(s) at %dx%d%n", size, sent, expected,
                clientShownAt[0], clientShownAt[1], view[0], view[1],
                options.renderer().equals("swing") ? "shows (its grid reports the sizes)" : "reported",
                streams.size(), view[0], view[1]);
    }

    private RoomCostResult measure(String codec, int size, Participant client, ReplayedSenders replay)
            throws InterruptedException {
        int port = client.localAddress().getPort();
        long lateBefore = replay.lateRestarts();
        client.drainIntervalLatency();  // forget the warm-up
        ParticipantStats before = client.stats();
        CpuSnapshot cpuBefore = CpuSnapshot.take();
        Thread.sleep(options.seconds() * 1000L);
        CpuSnapshot cpuAfter = CpuSnapshot.take();
        ParticipantStats after = client.stats();
        LatencyStats latency = client.drainIntervalLatency();
        CpuShares cpu = CpuShares.between(cpuBefore, cpuAfter, CLIENT_NAME, port);
        double seconds = cpu.seconds();

        Map<Integer, StreamStats> start = new HashMap<>();
        before.streams().forEach(s -> start.put(s.stream().ssrc(), s));
        int expected = size - 1;
        double fpsSum = 0;
        double fpsMin = after.streams().size() < expected ? 0 : Double.MAX_VALUE;  // a missing stream has 0 fps
        long decodeErrors = 0;
        long skipped = 0;
        for (StreamStats end : after.streams()) {
            StreamStats begin = start.get(end.stream().ssrc());
            double fps = (end.framesRendered() - (begin == null ? 0 : begin.framesRendered())) / seconds;
            fpsSum += fps;
            fpsMin = Math.min(fpsMin, fps);
            decodeErrors += end.decodeErrors() - (begin == null ? 0 : begin.decodeErrors());
            skipped += end.framesSkipped() - (begin == null ? 0 : begin.framesSkipped());
        }
        return new RoomCostResult(codec, size, after.streams().size(), cpu,
                (after.framesEncoded() - before.framesEncoded()) / seconds, fpsSum / expected,
                fpsMin, latency.p50(), latency.p99(), decodeErrors, skipped,
                after.transport().framesIncomplete() - before.transport().framesIncomplete(),
                replay.plisAnswered(), replay.lateRestarts() - lateBefore, receivedSizes(after),
                sentLayers(before, after, seconds));
    }

    /** @return the last picture size of every remote stream, with how many streams had it: {@code 320x240 x9} */
    static String receivedSizes(ParticipantStats stats) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (StreamStats s : stats.streams()) {
            sizes.merge(s.width() + "x" + s.height(), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        sizes.forEach((size, count) -> text.append(text.length() == 0 ? "" : " ").append(size).append(" x")
                .append(count));
        return text.toString();
    }

    /** @return frames per second encoded per layer between the two snapshots: {@code 640x480 30.0, 320x240 30.0} */
    static String sentLayers(ParticipantStats before, ParticipantStats after, double seconds) {
        StringBuilder text = new StringBuilder();
        for (SendLayerStats end : after.layers()) {
            long begin = before.layers().stream().filter(l -> l.layer() == end.layer())
                    .mapToLong(SendLayerStats::framesEncoded).findFirst().orElse(0);
            text.append(text.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%dx%d %.1f fps",
                    end.width(), end.height(), (end.framesEncoded() - begin) / seconds));
        }
        return text.toString();
    }

    private void printThreads(CpuShares cpu) {
        for (CpuShares.ThreadShare t : cpu.threads()) {
            if (t.percent() >= MIN_THREAD_PERCENT) {
                out.printf(Locale.ROOT, "    %6.2f %%  %-8s %s%n", t.percent(),
                        t.stage() == null ? "-" : t.stage().name().toLowerCase(Locale.ROOT), t.name());
            }
        }
        out.printf(Locale.ROOT, "    %6.2f %%  %-8s (GC, JIT and native threads; %d Java thread(s) ended in the "
                + "window)%n", cpu.jvm(), "jvm", cpu.threadsEnded());
    }
}
