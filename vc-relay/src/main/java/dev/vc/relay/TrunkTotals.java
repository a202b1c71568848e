package dev.vc.relay;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the relay's trunks carried since it started, closed trunks included, so that the totals never go down: a
 * trunk's own counters ({@link TrunkLink}, its member's) are added here as it closes. Any thread.
 */
final class TrunkTotals {
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder announcementsRefused = new LongAdder();

    /** Control thread: keeps what {@code trunk}, closing, carried. */
    void closed(Member trunk) {
        packetsIn.add(trunk.trunk.packetsIn.sum());
        bytesIn.add(trunk.trunk.bytesIn.sum());
        packetsOut.add(trunk.packetsOut.sum());
        bytesOut.add(trunk.bytesOut.sum());
        announcementsRefused.add(trunk.trunk.announcementsRefused.sum());
    }

    /**
     * @param members  the relay's members now (its open trunks among them)
     * @param reopened trunks this relay opened again after one was lost
     * @param givenUp  trunks it gave up
     * @return the trunks' state and totals now
     */
    RelayStats.TrunkStats snapshot(Collection<Member> members, long reopened, long givenUp) {
        int open = 0;
        int remote = 0;
        long in = packetsIn.sum();
        long inBytes = bytesIn.sum();
        long out = packetsOut.sum();
        long outBytes = bytesOut.sum();
        long refused = announcementsRefused.sum();
        for (Member m : members) {
            TrunkLink link = m.trunk;
            if (link != null) {
                open++;
                remote += link.streams();
                in += link.packetsIn.sum();
                inBytes += link.bytesIn.sum();
                out += m.packetsOut.sum();
                outBytes += m.bytesOut.sum();
                refused += link.announcementsRefused.sum();
            }
        }
        return new RelayStats.TrunkStats(open, remote, in, inBytes, out, outBytes, refused, reopened, givenUp);
    }
}
