package dev.vc.relay;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Datagrams dropped, counted by {@link DropReason}. */
final class DropCounters {
    private final LongAdder[] counts = new LongAdder[DropReason.values().length];

    DropCounters() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void add(DropReason reason) {
        counts[reason.ordinal()].increment();
    }

    long get(DropReason reason) {
        return counts[reason.ordinal()].sum();
    }

    Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> map = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            map.put(r, counts[r.ordinal()].sum());
        }
        return map;
    }
}
