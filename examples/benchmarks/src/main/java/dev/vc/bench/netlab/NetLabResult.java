package dev.vc.bench.netlab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What one scenario measured: the shaped link's seconds and every line the members printed, with the machine's
 * load average before and after. The figures a reader asks first are methods: fps from sender to receiver over a
 * span of seconds, the link's utilisation, drops and queueing delay.
 *
 * @param scenario   what ran
 * @param seconds    the measured seconds
 * @param link       the shaped link, one row per second
 * @param lines      the members' {@code member}, {@code stream} and {@code relay} lines
 * @param loadBefore load average when the scenario started
 * @param loadAfter  load average when it ended
 */
record NetLabResult(Scenario scenario, int seconds, List<LinkSecond> link, List<LabLine> lines, String loadBefore,
                    String loadAfter) {
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
