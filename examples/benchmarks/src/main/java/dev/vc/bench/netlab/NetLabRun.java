package dev.vc.bench.netlab;

import dev.vc.bench.MachineLoad;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One scenario in a fresh {@link Lab}: a core namespace with the relay and the core participants (one
 * {@link LabMember} JVM), an edge namespace with the edge participants (another), a veth link between them with
 * one direction shaped, and, if {@code --path} asks for one, an impairing proxy on the edge participants' media
 * path inside the edge namespace (see {@link LabMember}). The participants join and send for the warm-up, then everyone is told when second 0
 * is; for each second the members print their figures, and this run samples the shaper's counters every
 * {@link #SAMPLE_MILLIS} and applies the capacity schedule. Everything is removed at the end, also on failure.
 */
final class NetLabRun {
    /** How often the shaper's counters are read: the queueing delay is a sample of the backlog. */
    static final int SAMPLE_MILLIS = 100;
    /** How long a member JVM may take to start and join. */
    private static final int JOIN_SECONDS = 60;

    private final NetLabOptions options;
    private final String modulePath;

    /**
     * @param options    what to run
     * @param modulePath the module path the member JVMs run with
     */
    NetLabRun(NetLabOptions options, String modulePath) {
        this.options = options;
        this.modulePath = modulePath;
    }

    /**
     * @param scenario what to build
     * @return its figures
     * @throws IOException          if the lab cannot be built or a member fails to start
     * @throws InterruptedException if interrupted
     */
    NetLabResult run(Scenario scenario) throws IOException, InterruptedException {
        String loadBefore = MachineLoad.average();
        List<LabLine> lines = Collections.synchronizedList(new ArrayList<>());
        try (Lab lab = Lab.open()) {
            Namespace core = lab.namespace("core");
            Namespace edge = lab.namespace("edge1");
            VethLink link = lab.link(core, edge);
            CapacitySchedule schedule = scenario.capacity();
            Shaper shaper = Shaper.apply(scenario.downlink() ? link.downlink() : link.uplink(),
                    new TokenBucket(schedule.bitsPerSecondAt(0), options.burstBytes(), options.queueMillis()));
            List<LabProcess> members = new ArrayList<>();
            try {
                LabProcess relaySide = LabProcess.start(core, memberArgs(scenario, scenario.core(), "127.0.0.1", true),
                        modulePath, log(scenario, "core"), l -> keep(lines, l));
                members.add(relaySide);
                relaySide.awaitLine("joined", JOIN_SECONDS);
                List<String> edgeArgs = memberArgs(scenario, scenario.edge(), link.coreAddress(), false);
                edgeArgs.addAll(List.of("--relay-fingerprint", relaySide.field("joined", "relay_fingerprint"),
                        "--path", options.path().spec()));
                LabProcess edgeSide = LabProcess.start(edge, edgeArgs,
                        modulePath, log(scenario, "edge1"), l -> keep(lines, l));
                members.add(edgeSide);
                edgeSide.awaitLine("joined", JOIN_SECONDS);
                Thread.sleep(options.warmup() * 1000L);
                long epoch = System.currentTimeMillis() + 300;
                for (LabProcess m : members) {
                    m.send("go epoch_ms=" + epoch);
                }
                List<LinkTick> ticks = new ArrayList<>();
                List<LinkSecond> seconds = sample(shaper, schedule, epoch, ticks);
                waitForLastLines(lines, scenario, epoch);
                return new NetLabResult(scenario, options.seconds(), seconds, List.copyOf(ticks), List.copyOf(lines),
                        loadBefore, MachineLoad.average());
            } finally {
                for (LabProcess m : members) {
                    m.close();
                }
            }
        }
    }

    private void keep(List<LabLine> lines, String text) {
        LabLine line = LabLine.parse(text);
        double t = line.number("t");
        if (t >= 1 && t <= options.seconds()) {
            lines.add(line);
        }
    }

    private List<String> memberArgs(Scenario scenario, List<String> names, String relayHost, boolean hostRelay) {
        List<String> args = new ArrayList<>();
        if (hostRelay) {
            args.add("--host-relay");
        }
        args.addAll(List.of("--relay", relayHost, "--names", String.join(",", names), "--codec", options.codec(),
                "--bitrate-kbps", Integer.toString(scenario.bitrateKbps()),
                "--limit-seconds", Integer.toString(JOIN_SECONDS * 2 + options.warmup() + options.seconds() + 30)));
        return args;
    }

    private Path log(Scenario scenario, String side) {
        return options.out().resolve("logs").resolve(scenario.name() + "-" + side + ".log");
    }

    /**
     * Samples the shaper until the last second ended, applying the schedule; one row per second. Rates are over
     * the time that really passed between the two readings that bound the second (a reading can be late on a
     * busy machine), each reading timed halfway through its {@code tc} call. Each interval between two readings
     * goes to {@code ticks}.
     */
    private List<LinkSecond> sample(Shaper shaper, CapacitySchedule schedule, long epoch, List<LinkTick> ticks)
            throws IOException, InterruptedException {
        List<LinkSecond> rows = new ArrayList<>();
        QdiscCounters secondStart = null;
        long secondStartNanos = 0;
        QdiscCounters previous = null;
        long previousNanos = 0;
        double queueSum = 0;
        double queueMax = 0;
        int samples = 0;
        for (long tick = 0; tick <= options.seconds() * 1000L; tick += SAMPLE_MILLIS) {
            long wait = epoch + tick - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            long before = System.nanoTime();
            QdiscCounters now = shaper.counters();
            long readAt = before + (System.nanoTime() - before) / 2;
            if (previous != null) {
                ticks.add(LinkTick.between(previous, now, tick, (readAt - previousNanos) / 1e6, shaper.bucket()));
            }
            previous = now;
            previousNanos = readAt;
            if (secondStart == null) {
                secondStart = now;
                secondStartNanos = readAt;
            } else {
                double queueMs = shaper.bucket().queueDelayMillis(now.backlogBytes());
                queueSum += queueMs;
                queueMax = Math.max(queueMax, queueMs);
                samples++;
            }
            if (tick > 0 && tick % 1000 == 0) {
                QdiscCounters d = now.minus(secondStart);
                double elapsed = Math.max(1e-3, (readAt - secondStartNanos) / 1e9);
                rows.add(new LinkSecond((int) (tick / 1000), shaper.egress().label(),
                        schedule.bitsPerSecondAt(tick - 500) / 1000.0, d.bytes() * 8 / 1000.0 / elapsed, d.packets(),
                        d.drops(), samples == 0 ? 0 : queueSum / samples, queueMax));
                secondStart = now;
                secondStartNanos = readAt;
                queueSum = 0;
                queueMax = 0;
                samples = 0;
            }
            long rate = schedule.bitsPerSecondAt(tick);
            if (rate != shaper.bucket().bitsPerSecond()) {
                shaper.change(rate);
            }
        }
        return rows;
    }

    /** The members print second N just after it ends: give them a moment (at most 2 s). */
    private void waitForLastLines(List<LabLine> lines, Scenario scenario, long epoch) throws InterruptedException {
        long deadline = epoch + options.seconds() * 1000L + 2_000;
        while (System.currentTimeMillis() < deadline) {
            synchronized (lines) {
                if (lines.stream().filter(l -> l.kind().equals("member") && l.number("t") == options.seconds())
                        .count() >= scenario.everyone().size()) {
                    return;
                }
            }
            Thread.sleep(50);
        }
    }
}
