package dev.vc.examples.demo;

import dev.vc.api.CoreSettings;
import dev.vc.api.Config;
import dev.vc.api.session.LatencyStats;
import dev.vc.api.session.Participant;
import dev.vc.api.session.ParticipantStats;
import dev.vc.api.session.StreamStats;
import dev.vc.examples.client.cli.LoggingFlags;
import dev.vc.examples.client.cli.Mains;
import dev.vc.relay.RelayServer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole conference in one JVM: a relay on 127.0.0.1 and N participants with the synthetic camera, each
 * joining one room over the relay's control channel, sending to the relay and receiving everyone else. Prints per participant, once a second: frames sent
 * and received per second, kbit/s sent, frames lost on the way, and capture-to-render latency p50/p99. Stops by
 * itself. Only warnings are logged unless {@code --verbose} is given.
 *
 * <pre>
 * java -p examples/demo/target/modules -m dev.vc.examples.demo/dev.vc.examples.demo.Demo --seconds 10 --participants 3
 * </pre>
 */
public final class Demo {
    private final DemoOptions options;
    private final PrintStream out;

    /**
     * @param options what to run
     * @param out     where to print the figures
     */
    public Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Entry point; exits with status 1 and a message on bad options or a failure to start.
     *
     * @param args {@code [--seconds N] [--participants N] [--codec NAME]}
     */
    public static void main(String[] args) {
        Mains.exit("vc demo", () -> {
            List<ParticipantStats> last = new Demo(DemoOptions.parse(LoggingFlags.apply(args)), System.out).run();
            boolean everyoneSawEveryone = last.stream()
                    .allMatch(s -> s.streams().size() == last.size() - 1 && s.framesRendered() > 0);
            return everyoneSawEveryone ? 0 : 2;
        });
    }

    /**
     * Runs the conference for the configured duration, printing a table each second.
     *
     * @return each participant's final counters
     * @throws InterruptedException if interrupted while running
     */
    public List<ParticipantStats> run() throws InterruptedException {
        Config config = Config.load();
        if (options.codec() != null) {
            config = config.with(CoreSettings.CODEC, options.codec());
        }
        try (LoopbackConference conference = LoopbackConference.open(config, options.participants())) {
            RelayServer relay = conference.relay();
            out.printf("vc demo: relay on tcp %s / udp %s, %d participants, codec %s, %d s%n",
                    relay.controlAddress(), relay.mediaAddress(), options.participants(),
                    conference.participants().get(0).codec().name().toLowerCase(java.util.Locale.ROOT), options.seconds());
            out.printf("sent: frames encoded; recv/s: frames rendered from the others; lost: frames that arrived "
                    + "incomplete or undecodable, so far; lat: capture to render%n");
            conference.start();
            return report(conference.participants(), relay);
        }
    }

    private List<ParticipantStats> report(List<Participant> room, RelayServer relay) throws InterruptedException {
        List<ParticipantStats> previous = new ArrayList<>();
        room.forEach(p -> previous.add(p.stats()));
        long start = System.nanoTime();
        long lastTick = start;
        for (int second = 1; second <= options.seconds(); second++) {
            long due = start + second * 1_000_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long now = System.nanoTime();
            double elapsed = (now - lastTick) / 1e9;
            lastTick = now;
            out.printf("%n[%2d s] %-5s %8s %8s %9s %8s %8s %9s %9s%n", second, "who", "sent", "sent/s", "kbit/s",
                    "recv/s", "lost", "lat p50", "lat p99");
            for (int i = 0; i < room.size(); i++) {
                ParticipantStats current = room.get(i).stats();
                ParticipantStats before = previous.get(i);
                LatencyStats latency = room.get(i).drainIntervalLatency();
                long lost = current.framesRejected() + current.transport().framesIncomplete()
                        + current.streams().stream().mapToLong(StreamStats::framesSkipped).sum();
                out.printf("       %-5s %8d %8.1f %9.0f %8.1f %8d %7.1fms %7.1fms%n", current.name(),
                        current.framesEncoded(), (current.framesEncoded() - before.framesEncoded()) / elapsed,
                        (current.transport().bytesSent() - before.transport().bytesSent()) * 8 / 1000.0 / elapsed,
                        (current.framesRendered() - before.framesRendered()) / elapsed, lost, latency.p50(),
                        latency.p99());
                previous.set(i, current);
            }
        }
        var relayStats = relay.stats();
        out.printf("%nrelay: %s, %s, %d packets in, %d packets out, %d keyframe requests%n",
                count(relayStats.rooms(), "room"), count(relayStats.members().size(), "participant"),
                relayStats.packetsIn(), relayStats.packetsOut(), relayStats.keyframeRequests());
        for (ParticipantStats s : previous) {
            out.printf("%s: captured %d, %d not sent (the sender was busy), encoded %d, rendered %d from %s%n",
                    s.name(), s.framesCaptured(), s.framesDropped(), s.framesEncoded(), s.framesRendered(),
                    count(s.streams().size(), "stream"));
        }
        return previous;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
