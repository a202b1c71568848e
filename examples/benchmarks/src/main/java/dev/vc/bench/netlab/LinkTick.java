package dev.vc.bench.netlab;

/**
 * One {@link NetLabRun#SAMPLE_MILLIS} interval of the shaped link: what arrived at its queue, from the kernel's
 * counters. Bytes that arrived = bytes sent on + growth of the backlog + bytes dropped (the kernel counts drops in
 * packets: each is taken at the mean size of the packets sent so far). This is the sending rate into the link at
 * a tenth of a second's resolution, everything included (media, retransmissions, probes).
 *
 * @param endMillis     when the interval ended, milliseconds on the run's clock
 * @param millis        its length as really measured, milliseconds
 * @param capacityBps   the shaper's rate during it
 * @param arrivedBytes  bytes that arrived at the queue, whole Ethernet frames
 */
record LinkTick(long endMillis, double millis, long capacityBps, long arrivedBytes) {
    /**
     * @param earlier       counters at the interval's start
     * @param later         counters at its end
     * @param endMillis     the end, on the run's clock
     * @param millis        its measured length
     * @param capacityBps   the rate in force
     * @return the interval
     */
    static LinkTick between(QdiscCounters earlier, QdiscCounters later, long endMillis, double millis,
                            long capacityBps) {
        long packetBytes = later.packets() == 0 ? 1_200 : later.bytes() / later.packets();
        long arrived = later.bytes() - earlier.bytes() + later.backlogBytes() - earlier.backlogBytes()
                + (later.drops() - earlier.drops()) * packetBytes;
        return new LinkTick(endMillis, millis, capacityBps, Math.max(0, arrived));
    }
}
