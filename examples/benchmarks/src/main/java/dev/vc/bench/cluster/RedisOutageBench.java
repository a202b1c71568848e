package dev.vc.bench.cluster;

import dev.vc.api.Config;
import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.JoinRejectedException;
import dev.vc.api.control.RelayTrust;
import dev.vc.api.session.ConnectionState;
import dev.vc.api.session.Participant;
import dev.vc.api.session.StreamStats;
import dev.vc.bench.MachineLoad;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Redis taken away during a meeting (issue #15's target: no running meeting notices; new joins wait or fail with a
 * clear error, and succeed once Redis is back). One room of {@code size} participants (synthetic camera, JPEG
 * 160x120 at 15 fps, SRTP) joins the cluster through relay 0; the frames each renders of each other one are counted
 * as fps per pair over {@code seconds} before the outage and over the outage itself ({@code seconds} long: Redis
 * stopped with SIGSTOP, or killed and started again empty). During the outage, control-only joins (TLS, no media),
 * each timed: one for a new room through relay 0, and one for the meeting's room through the relay that serves it.
 * Once Redis is back, a join for a new room through relay 0 is tried every 200 ms until it is accepted (30 s at
 * most), timed from the moment Redis came back.
 */
final class RedisOutageBench {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    private static final long MEETING_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long AFTER_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final String ROOM = "meeting";

    /**
     * The scenario's shape.
     *
     * @param size    the meeting's participants
     * @param seconds the outage's length, and of the interval measured before it
     * @param kill    Redis killed and started again (empty) instead of stopped and continued
     */
    record Shape(int size, int seconds, boolean kill) {
    }

    private RedisOutageBench() {
    }

    static void run(RelayProcesses cluster, Shape shape) throws java.io.IOException, InterruptedException {
        Config config = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "synthetic", "vc.width", "160",
                "vc.height", "120", "vc.fps", "15", "vc.simulcast.layers", "1", "vc.renderer", "headless",
                "vc.relay.fingerprint", cluster.fingerprint()));
        List<Participant> room = new ArrayList<>();
        try {
            for (int m = 0; m < shape.size(); m++) {
                Participant p = Participant.builder().config(config).room(ROOM).name("m" + m)
                        .relays(List.of(cluster.control(0))).build();
                room.add(p);
                p.start();
            }
            awaitMeeting(room);
            Thread.sleep(2_000);   // past the first keyframes and the estimators' start
            double[] before = fpsPerPair(room, shape.seconds());
            InetSocketAddress serving = room.get(0).relay();

            long down = System.nanoTime();
            cluster.redisDown(shape.kill());
            long[] framesAtDown = frames(room);
            String newRoom = tryJoin(cluster, cluster.control(0), "new-during-outage");
            String sameRoom = tryJoin(cluster, serving, ROOM);
            long left = TimeUnit.SECONDS.toNanos(shape.seconds()) - (System.nanoTime() - down);
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            double[] during = fpsPerPair(room, framesAtDown, (System.nanoTime() - down) / 1e9);
            boolean allConnected = room.stream().allMatch(p -> p.connectionState() == ConnectionState.CONNECTED);
            cluster.redisUp(shape.kill());
            long up = System.nanoTime();
            String after = joinUntilAccepted(cluster, up);

            System.out.printf(Locale.ROOT, "redis outage: %d participants of one room (JPEG 160x120 at 15 fps, SRTP) "
                            + "on relay %d; Redis %s for %d s%n", shape.size(), cluster.indexOf(serving),
                    shape.kill() ? "killed, then started again empty" : "stopped (SIGSTOP), then continued (SIGCONT)",
                    shape.seconds());
            System.out.printf(Locale.ROOT, "  fps per pair (%d pairs) before: %s; during the outage: %s "
                    + "(target: unchanged); every participant still connected: %s%n", before.length,
                    summary(before), summary(during), allConnected);
            System.out.printf(Locale.ROOT, "  during the outage: a new room through relay 0: %s; the meeting's room "
                    + "through its relay: %s%n", newRoom, sameRoom);
            System.out.printf(Locale.ROOT, "  after Redis is back: a new room through relay 0: %s; load average %s%n",
                    after, MachineLoad.average());
        } finally {
            room.forEach(Participant::close);
        }
    }

    /** Polls every 10 ms until every participant is connected and renders every other one's video. */
    private static void awaitMeeting(List<Participant> room) throws InterruptedException {
        long deadline = System.nanoTime() + MEETING_LIMIT_NANOS;
        while (!meeting(room)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the meeting did not start within 60 s");
            }
            Thread.sleep(10);
        }
    }

    private static boolean meeting(List<Participant> room) {
        for (Participant p : room) {
            if (p.connectionState() != ConnectionState.CONNECTED) {
                return false;
            }
            for (Participant other : room) {
                if (other != p && framesFrom(p, other.name()) == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[] fpsPerPair(List<Participant> room, int seconds) throws InterruptedException {
        long[] start = frames(room);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1_000L);
        return fpsPerPair(room, start, (System.nanoTime() - t0) / 1e9);
    }

    private static double[] fpsPerPair(List<Participant> room, long[] start, double seconds) {
        long[] end = frames(room);
        double[] fps = new double[end.length];
        for (int i = 0; i < end.length; i++) {
            fps[i] = (end[i] - start[i]) / seconds;
        }
        return fps;
    }

    /** @return frames rendered per ordered pair (receiver, sender) */
    private static long[] frames(List<Participant> room) {
        long[] frames = new long[room.size() * (room.size() - 1)];
        int i = 0;
        for (Participant p : room) {
            for (Participant other : room) {
                if (other != p) {
                    frames[i++] = framesFrom(p, other.name());
                }
            }
        }
        return frames;
    }

    private static long framesFrom(Participant p, String from) {
        return p.stats().streams().stream().filter(s -> s.stream().label().equals(from))
                .mapToLong(StreamStats::framesRendered).sum();
    }

    private static String summary(double[] fps) {
        double[] sorted = fps.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "min %.1f, p50 %.1f, max %.1f", sorted[0], sorted[sorted.length / 2],
                sorted[sorted.length - 1]);
    }

    /** @return how a control-only join went: accepted where, or refused with what, and in how long */
    private static String tryJoin(RelayProcesses cluster, InetSocketAddress through, String room) {
        long start = System.nanoTime();
        String outcome;
        try (ControlClient joined = join(cluster, through, room)) {
            outcome = "accepted by relay " + cluster.indexOf(joined.relay());
        } catch (JoinRejectedException e) {
            outcome = "refused " + e.reason() + " (\"" + e.getMessage() + "\")";
        } catch (RuntimeException e) {
            outcome = "failed: " + e.getClass().getSimpleName() + " (\"" + e.getMessage() + "\")";
        }
        return String.format(Locale.ROOT, "%s after %.2f s", outcome, (System.nanoTime() - start) / 1e9);
    }

    /** Joins a new room through relay 0 every 200 ms until accepted; @return how long after {@code up} */
    private static String joinUntilAccepted(RelayProcesses cluster, long up) throws InterruptedException {
        int attempts = 0;
        String last = "none";
        while (System.nanoTime() - up < AFTER_LIMIT_NANOS) {
            attempts++;
            try (ControlClient joined = join(cluster, cluster.control(0), "new-after-outage")) {
                return String.format(Locale.ROOT, "accepted by relay %d %.2f s after Redis came back (attempt %d; "
                        + "refused before: %s)", cluster.indexOf(joined.relay()), (System.nanoTime() - up) / 1e9,
                        attempts, last);
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            Thread.sleep(200);
        }
        return "not accepted within 30 s (" + attempts + " attempts; last: " + last + ")";
    }

    private static ControlClient join(RelayProcesses cluster, InetSocketAddress through, String room) {
        String media = "sha-256 " + String.join(":", java.util.Collections.nCopies(32, "AB"));
        ControlMessage.Join join = new ControlMessage.Join(room, "joiner", "", Set.of(VideoCodec.JPEG),
                Set.of(VideoCodec.JPEG), List.of(ControlMessage.Layer.UNSTATED), media);
        return ControlClient.join(through, RelayTrust.pinned(cluster.fingerprint()), join,
                new ControlClient.Listener() { }, JOIN_TIMEOUT);
    }
}
