package dev.vc.relay;

import dev.vc.api.control.ControlMessage.RejectReason;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The relay's own totals since it started, which never go down: joins accepted, joins refused by reason, departures
 * by reason, and the traffic and drops of every participant that ever was. A participant's own series end when it
 * leaves (so they do not pile up), but what it sent, received and had dropped is added here as it leaves, so sums
 * over the relay keep rising. Label sets are bounded: rejection reasons are the protocol's, departure reasons the
 * relay's own few (any other is counted as {@code other}), drop reasons {@link DropReason}'s. Any thread.
 */
final class RelayTotals {
    /** The departure reasons counted by name; the relay's own. */
    private static final String[] LEAVE_REASONS = {
        "left", "connection_lost", "timed_out", "media_handshake_failed", "kicked", "resumed", "other"};

    private final LongAdder joins = new LongAdder();
    private final EnumMap<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
    private final LongAdder[] leaves = new LongAdder[LEAVE_REASONS.length];
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder[] drops = new LongAdder[DropReason.values().length];

    RelayTotals() {
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, new LongAdder());
        }
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = new LongAdder();
        }
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
    }

    /** A join was accepted. */
    void joined() {
        joins.increment();
    }

    /** @param reason why a join was refused */
    void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    /**
     * A member left: counts the departure and keeps what it sent, received and had dropped.
     *
     * @param member who
     * @param reason the relay's words for why ("left", "connection lost", ...)
     */
    void left(Member member, String reason) {
        leaves[leaveIndex(reason)].increment();
        packetsIn.add(member.packetsIn.sum());
        bytesIn.add(member.bytesIn.sum());
        packetsOut.add(member.packetsOut.sum());
        bytesOut.add(member.bytesOut.sum());
        for (DropReason r : DropReason.values()) {
            drops[r.ordinal()].add(member.drops.get(r));
        }
    }

    /**
     * @param current the members now in the relay, whose figures are added to the departed ones'
     * @return the totals as of now
     */
    RelayStats.Totals snapshot(Iterable<Member> current) {
        long pIn = packetsIn.sum();
        long bIn = bytesIn.sum();
        long pOut = packetsOut.sum();
        long bOut = bytesOut.sum();
        long[] dropped = new long[drops.length];
        for (int i = 0; i < drops.length; i++) {
            dropped[i] = drops[i].sum();
        }
        for (Member m : current) {
            pIn += m.packetsIn.sum();
            bIn += m.bytesIn.sum();
            pOut += m.packetsOut.sum();
            bOut += m.bytesOut.sum();
            for (DropReason r : DropReason.values()) {
                dropped[r.ordinal()] += m.drops.get(r);
            }
        }
        Map<String, Long> rejections = new LinkedHashMap<>();
        rejected.forEach((reason, count) -> rejections.put(reason.name().toLowerCase(Locale.ROOT), count.sum()));
        Map<String, Long> departures = new LinkedHashMap<>();
        for (int i = 0; i < LEAVE_REASONS.length; i++) {
            departures.put(LEAVE_REASONS[i], leaves[i].sum());
        }
        Map<DropReason, Long> dropMap = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            dropMap.put(r, dropped[r.ordinal()]);
        }
        return new RelayStats.Totals(joins.sum(), rejections, departures, pIn, bIn, pOut, bOut, dropMap);
    }

    private static int leaveIndex(String reason) {
        String name = reason.toLowerCase(Locale.ROOT).replace(' ', '_');
        if (name.equals("removed_by_the_operator")) {
            name = "kicked";                            // the operator API's words to the room-mates
        }
        for (int i = 0; i < LEAVE_REASONS.length - 1; i++) {
            if (LEAVE_REASONS[i].equals(name)) {
                return i;
            }
        }
        return LEAVE_REASONS.length - 1;
    }
}
