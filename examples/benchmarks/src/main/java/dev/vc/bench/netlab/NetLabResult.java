package dev.vc.bench.netlab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What one scenario measured: the shaped link's seconds and tenths of seconds and every line the members printed,
 * with the machine's load average before and after. The figures a reader asks first are methods: fps from sender
 * to receiver over a span of seconds, the longest freeze of a stream, the link's utilisation (per capacity phase
 * too), how fast the sending rate followed a capacity drop, drops and queueing delay.
 *
 * @param scenario   what ran
 * @param seconds    the measured seconds
 * @param link       the shaped link, one row per second
 * @param ticks      the shaped link, one row per {@link NetLabRun#SAMPLE_MILLIS}: what arrived at its queue
 * @param lines      the members' {@code member}, {@code stream} and {@code relay} lines
 * @param loadBefore load average when the scenario started
 * @param loadAfter  load average when it ended
 */
record NetLabResult(Scenario scenario, int seconds, List<LinkSecond> link, List<LinkTick> ticks, List<LabLine> lines,
                    String loadBefore, String loadAfter) {
    /** Time after a capacity step that is not steady state: utilisation of a phase is measured after it. */
    static final int SETTLE_SECONDS = 2;
    /** The window over which the sending rate into the link is averaged when judging a drop's reaction. */
    static final long REACTION_WINDOW_MILLIS = 500;

    /**
     * One step of the capacity schedule as the run saw it.
     *
     * @param fromSecond      when it started, s
     * @param toSecond        when it ended (the next step or the run's end), s
     * @param capacityKbps    its capacity
     * @param utilisation     through the link over capacity, mean over its seconds after {@link #SETTLE_SECONDS}
     *                        (NaN if the phase is not longer than that)
     * @param reactionSeconds for a step down: seconds from the step until the sending rate into the link, over the
     *                        trailing {@link #REACTION_WINDOW_MILLIS}, was first below the new capacity; +infinity if
     *                        it never was within the phase; NaN for the first step and steps up
     */
    record Phase(double fromSecond, double toSecond, double capacityKbps, double utilisation,
                 double reactionSeconds) {
    }

    /** @return the schedule's phases with their utilisation and, for drops, the reaction time */
    List<Phase> phases() {
        List<CapacitySchedule.Step> steps = scenario.capacity().steps();
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            CapacitySchedule.Step step = steps.get(i);
            long endMillis = i + 1 < steps.size() ? steps.get(i + 1).atMillis() : seconds * 1000L;
            double from = step.atMillis() / 1000.0;
            double to = endMillis / 1000.0;
            double steady = link.stream().filter(s -> s.t() - 1 >= from + SETTLE_SECONDS && s.t() <= to)
                    .mapToDouble(s -> s.kbpsThrough() / s.capacityKbps()).average().orElse(Double.NaN);
            boolean drop = i > 0 && step.bitsPerSecond() < steps.get(i - 1).bitsPerSecond();
            double reaction = drop ? reaction(step.atMillis(), endMillis, step.bitsPerSecond()) : Double.NaN;
            phases.add(new Phase(from, to, step.bitsPerSecond() / 1000.0, steady, reaction));
        }
        return phases;
    }

    private double reaction(long stepMillis, long endMillis, long capacityBps) {
        for (int i = 0; i < ticks.size(); i++) {
            LinkTick tick = ticks.get(i);
            if (tick.endMillis() <= stepMillis || tick.endMillis() > endMillis) {
                continue;
            }
            double bytes = 0;
            double millis = 0;
            for (int j = i; j >= 0 && millis < REACTION_WINDOW_MILLIS - 1; j--) {
                bytes += ticks.get(j).arrivedBytes();
                millis += ticks.get(j).millis();
            }
            if (millis > 0 && bytes * 8 * 1000 / millis < capacityBps) {
                return (tick.endMillis() - stepMillis) / 1000.0;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * @param receiver who rendered
     * @param sender   whose stream
     * @return the longest time between two frames of that stream rendered by {@code receiver} over the run (or
     *         since its last frame, if it stopped), ms; NaN without lines
     */
    double longestGapMs(String receiver, String sender) {
        return lines.stream().filter(l -> l.kind().equals("stream") && l.text("who").equals(receiver)
                        && l.text("from").equals(sender)).mapToDouble(l -> l.number("gap_max_ms"))
                .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /**
     * @param receiver a participant
     * @param sender   another
     * @return true if the stream from {@code sender} to {@code receiver} crosses the shaped link
     */
    boolean crossesLink(String receiver, String sender) {
        return !receiver.equals(sender)
                && (scenario.downlink() ? scenario.edge().contains(receiver) : scenario.edge().contains(sender));
    }
    /** @return the first second of the second half (of 30: 16) */
    int secondHalf() {
        return seconds / 2 + 1;
    }

    /**
     * @param receiver who rendered
     * @param sender   whose stream
     * @param from     first second, inclusive
     * @param to       last second, inclusive
     * @return frames per second rendered, mean over those seconds (a second without a line counts as 0)
     */
    double fps(String receiver, String sender, int from, int to) {
        double sum = 0;
        for (LabLine l : lines) {
            double t = l.number("t");
            if (l.kind().equals("stream") && l.text("who").equals(receiver) && l.text("from").equals(sender)
                    && t >= from && t <= to) {
                sum += l.number("fps");
            }
        }
        return sum / (to - from + 1);
    }

    /**
     * @param receivers which receivers
     * @param senders   which senders
     * @param from      first second
     * @param to        last second
     * @return the mean over every pair (receiver != sender) of {@link #fps}
     */
    double meanFps(Predicate<String> receivers, Predicate<String> senders, int from, int to) {
        List<Double> each = new ArrayList<>();
        for (String r : scenario.everyone()) {
            for (String s : scenario.everyone()) {
                if (!r.equals(s) && receivers.test(r) && senders.test(s)) {
                    each.add(fps(r, s, from, to));
                }
            }
        }
        return each.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** @return the lowest of the pairs' {@link #fps} */
    double minFps(Predicate<String> receivers, Predicate<String> senders, int from, int to) {
        double min = Double.NaN;
        for (String r : scenario.everyone()) {
            for (String s : scenario.everyone()) {
                if (!r.equals(s) && receivers.test(r) && senders.test(s)) {
                    double f = fps(r, s, from, to);
                    min = Double.isNaN(min) ? f : Math.min(min, f);
                }
            }
        }
        return min;
    }

    /** @return kbit/s through the link over capacity, mean over the seconds {@code from..to} */
    double utilisation(int from, int to) {
        return link.stream().filter(s -> s.t() >= from && s.t() <= to)
                .mapToDouble(s -> s.kbpsThrough() / s.capacityKbps()).average().orElse(Double.NaN);
    }

    /** @return packets the link dropped over packets offered to it, whole run */
    double dropFraction() {
        long drops = link.stream().mapToLong(LinkSecond::drops).sum();
        long passed = link.stream().mapToLong(LinkSecond::packets).sum();
        return drops + passed == 0 ? 0 : (double) drops / (drops + passed);
    }

    /** @return packets dropped at the link, whole run */
    long drops() {
        return link.stream().mapToLong(LinkSecond::drops).sum();
    }

    /** @return packets offered to the link (passed + dropped), whole run */
    long offered() {
        return drops() + link.stream().mapToLong(LinkSecond::packets).sum();
    }

    /** @return the 95th percentile of the per-second largest queueing delay samples, ms */
    double queueMsP95() {
        double[] max = link.stream().mapToDouble(LinkSecond::queueMsMax).sorted().toArray();
        return max.length == 0 ? 0 : max[(int) Math.min(max.length - 1, Math.ceil(0.95 * max.length) - 1)];
    }

    /**
     * @param who a participant
     * @param key a field of its {@code member} lines
     * @return the field's per-second values summed over the run
     */
    double memberTotal(String who, String key) {
        return lines.stream().filter(l -> l.kind().equals("member") && l.text("who").equals(who))
                .mapToDouble(l -> l.number(key)).filter(v -> !Double.isNaN(v)).sum();
    }

    /**
     * @param key a field of the {@code path} lines (the impairing proxy's counts per second), e.g. {@code lost}
     * @return the field summed over the run and the edge participants; 0 when no proxy was on the path
     */
    double pathTotal(String key) {
        return lines.stream().filter(l -> l.kind().equals("path")).mapToDouble(l -> l.number(key))
                .filter(v -> !Double.isNaN(v)).sum();
    }

    /**
     * @param who a participant
     * @return the median of the round trips its sender reports gave ({@code rtt_ms}, from RTCP), or NaN if
     *         none did
     */
    double roundTripMedianMs(String who) {
        double[] rtt = lines.stream().filter(l -> l.kind().equals("member") && l.text("who").equals(who))
                .mapToDouble(l -> l.number("rtt_ms")).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return rtt.length == 0 ? Double.NaN : rtt[rtt.length / 2];
    }

    /**
     * @param t a second
     * @return the relay's downlink estimate for the edge members at the end of that second, kbit/s, summed; NaN
     *         when none has one (an uplink scenario: the edge members' own uplink estimates instead)
     */
    double edgeEstimateKbps(int t) {
        double sum = Double.NaN;
        for (LabLine l : lines) {
            if (l.number("t") != t) {
                continue;
            }
            double v = Double.NaN;
            if (scenario.downlink() && l.kind().equals("relay") && scenario.edge().contains(l.text("member"))) {
                v = l.number("downlink_estimate_kbps");
            } else if (!scenario.downlink() && l.kind().equals("member") && scenario.edge().contains(l.text("who"))) {
                v = l.number("estimate_kbps");
            }
            if (!Double.isNaN(v)) {
                sum = Double.isNaN(sum) ? v : sum + v;
            }
        }
        return sum;
    }

    /**
     * @param t   a second
     * @param key a field of the relay's {@code relay-total} line
     * @return its value at the end of that second (cumulative since the relay started), or {@code ""} if none
     */
    String relayTotal(int t, String key) {
        for (LabLine l : lines) {
            if (l.kind().equals("relay-total") && l.number("t") == t) {
                return l.text(key);
            }
        }
        return "";
    }

    /**
     * @param t   a second
     * @return what was offered to the shaped link that second, kbit/s of UDP payload: the relay's forwarding to the
     *         edge members (downlink, retransmissions included) or the edge members' first sends (uplink: the
     *         transport counts retransmissions apart, so this is below what the link was offered)
     */
    double offeredKbps(int t) {
        double sum = 0;
        for (LabLine l : lines) {
            if (l.number("t") != t) {
                continue;
            }
            if (scenario.downlink() && l.kind().equals("relay") && scenario.edge().contains(l.text("member"))) {
                sum += l.number("kbps_out");
            } else if (!scenario.downlink() && l.kind().equals("member") && scenario.edge().contains(l.text("who"))) {
                sum += l.number("kbps_sent");
            }
        }
        return sum;
    }
}
