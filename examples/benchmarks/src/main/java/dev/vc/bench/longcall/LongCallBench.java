package dev.vc.bench.longcall;

import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.api.session.Participant;
import dev.vc.bench.BenchConfig;
import dev.vc.bench.MachineLoad;
import dev.vc.bench.ProcessMemory;
import dev.vc.examples.client.cli.Flags;
import dev.vc.examples.client.cli.Mains;
import dev.vc.examples.demo.LoopbackConference;

import java.util.List;
import java.util.Locale;

/**
 * A long call: a relay and {@code --participants} participants in this process over loopback (the defaults: TLS
 * control channel, DTLS-SRTP media), the synthetic camera at 640x480 and 30 fps, for {@code --seconds}. Every
 * {@code --every} seconds it prints, per participant, the frames it rendered per second per remote stream and the
 * RTP packets it has sent so far; at the end, the windows in which some participant rendered less than one frame a
 * second of each remote stream (after the first window, which includes the join), and the process's resident set
 * per window and its heap after a full collection at the end of the second window and of the last (a leak grows
 * with the call; the first window includes the JIT's and the codecs' start). A higher {@code --bitrate}
 * (with {@code h264}) sends more packets a second, so that 16-bit numbers wrap sooner.
 *
 * <pre>
 * java --add-modules ALL-MODULE-PATH -p examples/benchmarks/target/modules \
 *     -m dev.vc.bench/dev.vc.bench.longcall.LongCallBench --codec jpeg --seconds 200
 * </pre>
 *
 * <p>Exit status 0 when no window after the first was short of frames, 2 when one was, 1 on bad options.
 */
public final class LongCallBench {
    private static final String USAGE = "usage: LongCallBench [--codec jpeg|h264] [--seconds 200] [--every 10] "
            + "[--participants 2] [--bitrate BITS_PER_SECOND]";

    private LongCallBench() {
    }

    /** @param args see {@link #USAGE} */
    public static void main(String[] args) {
        Mains.exit("vc long call bench", () -> {
            Flags flags = Flags.parse(args, USAGE, List.of(),
                    List.of("--codec", "--seconds", "--every", "--participants", "--bitrate"));
            String codec = BenchConfig.codecFlag(flags, "jpeg");
            int seconds = flags.integer("--seconds", 200);
            int every = flags.integer("--every", 10);
            int participants = flags.integer("--participants", 2);
            int bitrate = flags.integer("--bitrate", 600_000);
            Flags.check("--seconds", seconds, 1, 86_400);
            Flags.check("--every", every, 1, 3_600);
            Flags.check("--participants", participants, 2, 16);
            Flags.check("--bitrate", bitrate, 10_000, 100_000_000);
            Config config = BenchConfig.synthetic(codec, 640, 480, 30).with(CoreSettings.BITRATE, bitrate);
            return run(config, participants, seconds, every);
        });
    }

    private static int run(Config config, int n, int seconds, int every) throws InterruptedException {
        System.out.printf(Locale.ROOT, "vc long call: %d participants, %s, %d s in windows of %d s; load average %s%n",
                n, config.get(CoreSettings.CODEC), seconds, every, MachineLoad.average());
        int shortWindows = 0;
        try (LoopbackConference conference = LoopbackConference.open(config, n)) {
            conference.start();
            List<Participant> people = conference.participants();
            long[] rendered = new long[n];
            long start = System.nanoTime();
            for (int window = 1; window * every <= seconds; window++) {
                long due = start + window * every * 1_000_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%5d s]", window * every));
                boolean shortOfFrames = false;
                for (int i = 0; i < n; i++) {
                    Participant p = people.get(i);
                    long now = p.stats().framesRendered();
                    double perStream = (now - rendered[i]) / (double) every / (n - 1);
                    rendered[i] = now;
                    shortOfFrames |= perStream < 1.0;
                    line.append(String.format(Locale.ROOT, "  %s %5.1f fps/stream, %,d packets sent", p.name(),
                            perStream, p.stats().transport().packetsSent()));
                }
                line.append(String.format(Locale.ROOT, "  rss %d MB", ProcessMemory.residentBytes() >> 20));
                if (shortOfFrames && window > 1) {
                    shortWindows++;
                    line.append("  << short of frames");
                }
                System.out.println(line);
                if (window == 2 || (window + 1) * every > seconds) {
                    System.out.printf(Locale.ROOT, "heap after a full collection at %d s: %d MB%n", window * every,
                            ProcessMemory.heapAfterGcBytes() >> 20);
                }
            }
        }
        System.out.printf(Locale.ROOT, "windows short of frames after the first: %d; load average %s%n", shortWindows,
                MachineLoad.average());
        return shortWindows == 0 ? 0 : 2;
    }
}
