package dev.vc.bench.netlab;

import java.util.ArrayList;
import java.util.List;

/**
 * A link's capacity over a run: steps of a rate from a time on, the first at 0 s. A {@link NetLabRun} applies each
 * step to its shaper when the run's clock reaches it.
 *
 * <pre>
 * CapacitySchedule.constant(2_000_000);                // 2 Mbit/s throughout
 * CapacitySchedule.rfc8867VariableCapacity(30);        // 1 -> 2.5 -> 0.6 -> 1 Mbit/s over 30 s
 * CapacitySchedule.parse("0:1000,10:2500");            // seconds:kbit/s
 * </pre>
 *
 * @param steps the steps in time order, the first at 0 ms
 */
record CapacitySchedule(List<Step> steps) {
    /**
     * One step.
     *
     * @param atMillis      when it starts, milliseconds from the start of the run
     * @param bitsPerSecond the capacity from then on
     */
    record Step(long atMillis, long bitsPerSecond) {
    }

    /** Checks the order and the first step. */
    CapacitySchedule {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.get(0).atMillis() != 0) {
            throw new IllegalArgumentException("a schedule starts at 0 s: " + steps);
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).atMillis() <= steps.get(i - 1).atMillis()) {
                throw new IllegalArgumentException("schedule steps must be in time order: " + steps);
            }
        }
    }

    /**
     * @param bitsPerSecond the capacity
     * @return that capacity throughout
     */
    static CapacitySchedule constant(long bitsPerSecond) {
        return new CapacitySchedule(List.of(new Step(0, bitsPerSecond)));
    }

    /**
     * RFC 8867 section 5.1 (variable available capacity, single flow): 1 Mbit/s for the first 40 % of the run,
     * 2.5 Mbit/s for the next 20 %, 0.6 Mbit/s for 20 %, 1 Mbit/s for the last 20 % (the RFC's 100 s: 0-40,
     * 40-60, 60-80, 80-100 s).
     *
     * @param seconds the run's length
     * @return the schedule scaled to it
     */
    static CapacitySchedule rfc8867VariableCapacity(int seconds) {
        long ms = seconds * 1000L;
        return new CapacitySchedule(List.of(new Step(0, 1_000_000), new Step(ms * 40 / 100, 2_500_000),
                new Step(ms * 60 / 100, 600_000), new Step(ms * 80 / 100, 1_000_000)));
    }

    /**
     * @param text {@code seconds:kbit/s} pairs separated by commas, the first at 0, e.g. {@code 0:1000,12:2500}
     * @return the schedule
     * @throws IllegalArgumentException if malformed
     */
    static CapacitySchedule parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] pair = part.strip().split(":");
            if (pair.length != 2) {
                throw new IllegalArgumentException("a schedule step is seconds:kbit/s, got '" + part + "'");
            }
            steps.add(new Step(Math.round(Double.parseDouble(pair[0]) * 1000), Long.parseLong(pair[1]) * 1000));
        }
        return new CapacitySchedule(steps);
    }

    /**
     * @param millis time from the start of the run
     * @return the capacity in force then
     */
    long bitsPerSecondAt(long millis) {
        long rate = steps.get(0).bitsPerSecond();
        for (Step step : steps) {
            if (step.atMillis() <= millis) {
                rate = step.bitsPerSecond();
            }
        }
        return rate;
    }

    /** @return e.g. {@code 1000 -> 2500 @12s -> 600 @18s kbit/s} */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (Step step : steps) {
            text.append(text.length() == 0 ? "" : " -> ").append(step.bitsPerSecond() / 1000);
            if (step.atMillis() > 0) {
                text.append(" @").append(step.atMillis() / 1000.0).append("s");
            }
        }
        return text.append(" kbit/s").toString().replace(".0s", "s");
    }
}
