package dev.vc.bench.faults.impair;

import dev.vc.api.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What an impairing link does to each direction's packets, as a value: loss (random, or bursty when the mean
 * burst is longer than one packet), reordering, duplication and a one-way delay with optional jitter.
 * {@link #newImpairer} turns it into the stateful, seeded {@link Impairer} of one direction.
 *
 * <p>Written as a scenario spec, a {@code +}-joined list of terms:
 * <ul>
 *   <li>{@code none}: a clean link;</li>
 *   <li>{@code random:P}: P % of packets lost independently ({@link BernoulliLoss});</li>
 *   <li>{@code bursty:P[:B]}: P % lost on average in bursts of B packets on average, 3 by default
 *       ({@link GilbertElliottLoss});</li>
 *   <li>{@code reorder:P[:K]}: P % of packets held back until K more have passed, 3 by default (at most
 *       {@link #MAX_HOLD_MILLIS} ms when traffic pauses);</li>
 *   <li>{@code duplicate:P}: P % of packets sent twice;</li>
 *   <li>{@code delay:MS[:J]}: every packet delayed by MS milliseconds plus a random 0..J ms, 0 by default,
 *       first in first out, so the jitter does not reorder ({@link DelayLine}); MS + J at most
 *       {@value #MAX_DELAY_MILLIS}.</li>
 * </ul>
 * For example {@code random:5}, {@code bursty:5:4}, {@code random:2+reorder:5}, {@code delay:50+random:1}.
 *
 * <p>The delay line holds up to {@value #DELAY_LINE_PACKETS_PER_SECOND} packets per second of delay (about
 * 38 Mbit/s of 1200-byte packets); beyond that it drops and counts the overflow
 * ({@link ImpairmentCounts#overflowed()}).
 *
 * @param lossPercent      packets lost, 0..99
 * @param meanBurstPackets mean length of a loss burst; 1 means independent loss
 * @param reorderPercent   packets held back, 0..100
 * @param reorderDepth     how many later packets overtake a held one, 1..{@value #MAX_REORDER_DEPTH}
 * @param duplicatePercent packets sent twice, 0..100
 * @param delayMillis      the constant one-way delay, 0..{@value #MAX_DELAY_MILLIS} ms
 * @param jitterMillis     the most random delay added to it, 0..{@value #MAX_DELAY_MILLIS} ms
 */
public record Impairment(double lossPercent, double meanBurstPackets, double reorderPercent, int reorderDepth,
                         double duplicatePercent, double delayMillis, double jitterMillis) {
    /** A clean link. */
    public static final Impairment NONE = new Impairment(0, 1, 0, 3, 0, 0, 0);
    /** Longest a held-back packet waits for the packets that are to overtake it. */
    public static final int MAX_HOLD_MILLIS = 50;
    /** The spec syntax, for usage and error messages. */
    public static final String SYNTAX =
            "terms none, random:P, bursty:P[:B], reorder:P[:K], duplicate:P, delay:MS[:J], joined by +";
    /** Largest reorder depth accepted. */
    public static final int MAX_REORDER_DEPTH = 64;
    /** Longest delay plus jitter accepted, in milliseconds. */
    public static final int MAX_DELAY_MILLIS = 1000;
    /** Packets per second of delay the delay line has buffers for. */
    public static final int DELAY_LINE_PACKETS_PER_SECOND = 4000;
    private static final double DEFAULT_BURST = 3;
    private static final int DEFAULT_DEPTH = 3;

    /** Validates the ranges. */
    public Impairment {
        checkPercent("loss", lossPercent, 99);
        checkPercent("reorder", reorderPercent, 100);
        checkPercent("duplicate", duplicatePercent, 100);
        if (!(meanBurstPackets >= 1 && meanBurstPackets <= 1000)) {
            throw new ConfigException("mean burst length must be in 1..1000 packets, got " + meanBurstPackets);
        }
        if (reorderDepth < 1 || reorderDepth > MAX_REORDER_DEPTH) {
            throw new ConfigException("reorder depth must be in 1.." + MAX_REORDER_DEPTH + ", got " + reorderDepth);
        }
        if (!(delayMillis >= 0 && jitterMillis >= 0 && delayMillis + jitterMillis <= MAX_DELAY_MILLIS)) {
            throw new ConfigException("delay and jitter must be at least 0 and at most " + MAX_DELAY_MILLIS
                    + " ms together, got " + delayMillis + " and " + jitterMillis);
        }
        if (meanBurstPackets > 1 && lossPercent / 100 * (1 / meanBurstPackets) / (1 - lossPercent / 100) > 1) {
            throw new ConfigException("no Gilbert chain loses " + lossPercent + " % in bursts of " + meanBurstPackets);
        }
    }

    private static void checkPercent(String what, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new ConfigException(what + " must be in 0.." + (int) max + " %, got " + value);
        }
    }

    /**
     * @param spec a scenario spec such as {@code random:5} or {@code bursty:5:4+duplicate:1+delay:50}
     * @return the impairment it describes
     * @throws ConfigException on an unknown term or a bad number
     */
    public static Impairment parse(String spec) {
        Impairment result = NONE;
        for (String term : spec.trim().toLowerCase(Locale.ROOT).split("\\+")) {
            String[] parts = term.trim().split(":");
            String kind = parts[0];
            if (kind.equals("none") && parts.length == 1) {
                continue;
            }
            if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !kind.equals("bursty")
                    && !kind.equals("reorder") && !kind.equals("delay"))) {
                throw new ConfigException("bad impairment '" + term + "' in '" + spec + "'; " + SYNTAX);
            }
            double first = number(parts[1], spec);
            double second = parts.length == 3 ? number(parts[2], spec) : Double.NaN;
            Impairment r = result;
            result = switch (kind) {
                case "random" -> new Impairment(first, 1, r.reorderPercent, r.reorderDepth, r.duplicatePercent,
                        r.delayMillis, r.jitterMillis);
                case "bursty" -> new Impairment(first, parts.length == 3 ? second : DEFAULT_BURST, r.reorderPercent,
                        r.reorderDepth, r.duplicatePercent, r.delayMillis, r.jitterMillis);
                case "reorder" -> new Impairment(r.lossPercent, r.meanBurstPackets, first,
                        parts.length == 3 ? (int) second : DEFAULT_DEPTH, r.duplicatePercent, r.delayMillis,
                        r.jitterMillis);
                case "duplicate" -> new Impairment(r.lossPercent, r.meanBurstPackets, r.reorderPercent,
                        r.reorderDepth, first, r.delayMillis, r.jitterMillis);
                case "delay" -> new Impairment(r.lossPercent, r.meanBurstPackets, r.reorderPercent, r.reorderDepth,
                        r.duplicatePercent, first, parts.length == 3 ? second : 0);
                default -> throw new ConfigException("unknown impairment '" + kind + "' in '" + spec + "'; " + SYNTAX);
            };
        }
        return result;
    }

    private static double number(String text, String spec) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ConfigException("bad number '" + text + "' in '" + spec + "'", e);
        }
    }

    /**
     * @return the spec that {@link #parse} turns back into this impairment (loss only when there is some),
     *         e.g. {@code random:1+delay:50}, or {@code none}
     */
    public String spec() {
        List<String> terms = new ArrayList<>();
        if (lossPercent > 0) {
            terms.add(meanBurstPackets > 1 ? "bursty:" + figure(lossPercent) + ":" + figure(meanBurstPackets)
                    : "random:" + figure(lossPercent));
        }
        if (reorderPercent > 0) {
            terms.add("reorder:" + figure(reorderPercent) + ":" + reorderDepth);
        }
        if (duplicatePercent > 0) {
            terms.add("duplicate:" + figure(duplicatePercent));
        }
        if (delayMillis > 0 || jitterMillis > 0) {
            terms.add("delay:" + figure(delayMillis) + (jitterMillis > 0 ? ":" + figure(jitterMillis) : ""));
        }
        return terms.isEmpty() ? "none" : String.join("+", terms);
    }

    private static String figure(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** @return true if packets go through untouched */
    public boolean isNone() {
        return lossPercent == 0 && reorderPercent == 0 && duplicatePercent == 0 && delayMillis == 0
                && jitterMillis == 0;
    }

    /**
     * @param random the source the model draws from
     * @return a new loss model for one direction: {@link BernoulliLoss}, {@link GilbertElliottLoss} or none
     */
    public LossModel newLossModel(SplittableRandom random) {
        if (lossPercent == 0) {
            return LossModel.NONE;
        }
        return meanBurstPackets > 1 ? new GilbertElliottLoss(lossPercent / 100, meanBurstPackets, random)
                : new BernoulliLoss(lossPercent / 100, random);
    }

    /**
     * @param seed the seed of every random draw the direction makes: the same seed and the same packets give
     *             the same drops, holds, duplicates and delays
     * @return the stateful impairer of one direction, its delay line sized for
     *         {@value #DELAY_LINE_PACKETS_PER_SECOND} packets per second over the delay plus jitter
     */
    public Impairer newImpairer(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LossModel loss = newLossModel(random.split());
        // Without jitter the line draws nothing: the reorder and duplicate draws stay what they were before delays.
        DelayLine delay = new DelayLine(Math.round(delayMillis * 1e6), Math.round(jitterMillis * 1e6),
                delayLinePackets(), jitterMillis > 0 ? random.split() : random);
        return new Impairer(loss, reorderPercent / 100, reorderDepth, duplicatePercent / 100, random,
                MAX_HOLD_MILLIS * 1_000_000L, delay);
    }

    /** @return the delay line's buffers: the packets that arrive over the longest delay at the highest rate */
    int delayLinePackets() {
        return (int) Math.ceil((delayMillis + jitterMillis) * DELAY_LINE_PACKETS_PER_SECOND / 1000);
    }
}
