package dev.vc.bench.conference;

import dev.vc.bench.BenchConfig;
import dev.vc.api.Config;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.session.LatencyHistogram;
import dev.vc.api.session.Participant;
import dev.vc.examples.client.cli.Mains;
import dev.vc.examples.demo.LoopbackConference;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The end-to-end conference benchmark: for every codec and room size asked for, in turn, a fresh relay on
 * 127.0.0.1 and N participants in this process ({@link LoopbackConference}), each sending the synthetic camera
 * at 640x480 and 30 fps (its own seed) and rendering everyone else headless. After the warm-up, which no
 * figure includes, it measures one window and reports per participant and for the room: delivered fps per
 * remote stream, capture-to-render latency p50/p95/p99/max, kbit/s sent and received, frames dropped by
 * reason, and CPU (the participant's threads; the whole process and the relay for the room). It prints a
 * table per run and a summary, and writes {@code conference.csv}, {@code latency-percentiles.csv},
 * {@code latency.png} and {@code cpu.png} ({@link ConferenceReport}). See {@code docs/benchmarks.md}.
 *
 * <pre>
 * java --add-modules ALL-MODULE-PATH -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.conference.ConferenceBench \
 *      --codecs h264,jpeg --participants 2,3,5 --seconds 20 --warmup 3 --out target/bench/conference
 * </pre>
 *
 * <p>Exit status 0 when every participant rendered all N-1 other streams in every run, 2 when one did not,
 * 1 on bad options or a failure to set up. {@code --add-modules ALL-MODULE-PATH} loads FFmpeg's natives,
 * which {@code h264} needs.
 */
public final class ConferenceBench {
    /** Picture size every participant sends. */
    static final int WIDTH = 640;
    /** Picture size every participant sends. */
    static final int HEIGHT = 480;
    /** Frame rate every participant sends. */
    static final int FPS = 30;

    /** Held so the level set in {@link #main} is not collected with the logger. */
    private static final Logger QUIET = Logger.getLogger("dev.vc");

    private final ConferenceBenchOptions options;
    private final PrintStream out;
    private final ConferenceTables tables;

    /**
     * @param options what to run
     * @param out     where to print the tables
     */
    public ConferenceBench(ConferenceBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.tables = new ConferenceTables(out);
    }

    /**
     * Entry point: runs the sweep, prints, writes the files and exits (see the class comment for the status).
     *
     * @param args see {@link ConferenceBenchOptions#usage()}
     */
    public static void main(String[] args) {
        Mains.exit("vc conference bench", () -> {
            List<ConferenceRun> runs = new ConferenceBench(ConferenceBenchOptions.parse(args), System.out).run();
            return runs.stream().allMatch(ConferenceRun::complete) ? 0 : 2;
        });
    }

    /**
     * Runs every codec with every room size, in order, then writes the files into the output directory.
     *
     * @return the runs, in the order made
     * @throws dev.vc.api.UnknownProviderException if a codec is unknown or cannot run here (checked before the
     *                                             first run)
     * @throws IOException          if the report cannot be written
     * @throws InterruptedException if interrupted
     */
    public List<ConferenceRun> run() throws IOException, InterruptedException {
        options.codecs().forEach(codec -> ProviderRegistry.encoders().byName(codec));
        out.printf("vc conference bench: %s x %s participants, %sx%s at %s fps, %d s window after %d s warm-up each "
                + "(%d runs)%n", options.codecs(), options.participants(), WIDTH, HEIGHT, FPS, options.seconds(),
                options.warmup(), options.runs());
        List<ConferenceRun> runs = new ArrayList<>();
        for (String codec : options.codecs()) {
            for (int n : options.participants()) {
                ConferenceRun run = runOnce(codec, n);
                tables.printRun(run);
                runs.add(run);
            }
        }
        tables.printSummary(runs);
        for (Path file : new ConferenceReport(runs).write(options.out())) {
            out.println("wrote " + file);
        }
        return runs;
    }

    private ConferenceRun runOnce(String codec, int participants) throws InterruptedException {
        Config config = BenchConfig.synthetic(codec, WIDTH, HEIGHT, FPS);
        try (LoopbackConference conference = LoopbackConference.open(config, participants)) {
            conference.start();
            Thread.sleep(options.warmup() * 1000L);
            ConferenceProbe probe = new ConferenceProbe(conference);
            List<Participant> room = conference.participants();
            room.forEach(Participant::drainIntervalLatency);  // forget the warm-up's samples
            ConferenceSnapshot before = probe.snapshot();
            long wait = before.nanos() + options.seconds() * 1_000_000_000L - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            List<LatencyHistogram> latency = new ArrayList<>();
            for (Participant p : room) {
                LatencyHistogram window = new LatencyHistogram();
                p.drainIntervalLatency(window);
                latency.add(window);
            }
            ConferenceSnapshot after = probe.snapshot();

            List<ConferenceFigures> each = new ArrayList<>();
            LatencyHistogram everyone = new LatencyHistogram();
            for (int i = 0; i < room.size(); i++) {
                each.add(ConferenceFigures.participant(i, before, after, latency.get(i)));
                everyone.add(latency.get(i));
            }
            return new ConferenceRun(codec, participants, List.copyOf(each),
                    ConferenceFigures.room(each, before, after, everyone), everyone);
        }
    }
}
