package dev.vc.transport.udp.internal.receive;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Datagrams the receive chain dropped, counted by {@link ReceiveDropReason}: one counter per reason in an array
 * indexed by ordinal, so counting allocates nothing. Written by the receive thread, read by any.
 */
public final class ReceiveDrops {
    private static final ReceiveDropReason[] REASONS = ReceiveDropReason.values();

    private final LongAdder[] counts = new LongAdder[REASONS.length];

    ReceiveDrops() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** @param reason why one more datagram was dropped */
    void add(ReceiveDropReason reason) {
        counts[reason.ordinal()].increment();
    }

    /**
     * @param reason a reason
     * @return the datagrams dropped for it
     */
    public long sum(ReceiveDropReason reason) {
        return counts[reason.ordinal()].sum();
    }

    /** @return every drop whose reason is an {@link ReceiveDropReason#error() error}: {@code packetsDropped} */
    public long sum() {
        long total = 0;
        for (ReceiveDropReason reason : REASONS) {
            if (reason.error()) {
                total += counts[reason.ordinal()].sum();
            }
        }
        return total;
    }

    /** @return the reasons with drops, by name, in chain order; allocates, for snapshots */
    public Map<String, Long> byReason() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (ReceiveDropReason reason : REASONS) {
            long n = counts[reason.ordinal()].sum();
            if (n > 0) {
                map.put(reason.name(), n);
            }
        }
        return map;
    }
}
