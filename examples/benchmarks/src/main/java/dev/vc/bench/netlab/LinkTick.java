package dev.vc.bench.netlab;

/**
 * One {@link NetLabRun#SAMPLE_MILLIS} interval of the shaped link: what arrived at its queue, from the kernel's
 * counters. Bytes that arrived = bytes sent on + growth of the backlog + bytes dropped (the kernel counts drops in
 * packets: each is taken at the mean size of the packets sent so far). This is the sending rate into the link at
 * a tenth of a second's resolution, everything included (media, retransmissions, probes); with the queue at the
 * interval's end, a row of {@code netlab-ticks.csv}, where a burst (a keyframe, a probe cluster) shows that the
 * per-second rows average away.
 *
 * @param endMillis     when the interval ended, milliseconds on the run's clock
 * @param millis        its length as really measured, milliseconds
 * @param capacityBps   the shaper's rate during it
 * @param arrivedBytes  bytes that arrived at the queue, whole Ethernet frames
 * @param queueMillis   how long the backlog at its end takes to drain at the link's rate
 *                      ({@link TokenBucket#queueDelayMillis})
 * @param drops         packets the queue dropped during it
 */
record LinkTick(long endMillis, double millis, long capacityBps, long arrivedBytes, double queueMillis, long drops) {
    /**
     * @param earlier       counters at the interval's start
     * @param later         counters at its end
     * @param endMillis     the end, on the run's clock
     * @param millis        its measured length
     * @param bucket        the shaper's settings in force
     * @return the interval
     */
    static LinkTick between(QdiscCounters earlier, QdiscCounters later, long endMillis, double millis,
                            TokenBucket bucket) {
        long packetBytes = later.packets() == 0 ? 1_200 : later.bytes() / later.packets();
        long drops = later.drops() - earlier.drops();
        long arrived = later.bytes() - earlier.bytes() + later.backlogBytes() - earlier.backlogBytes()
                + drops * packetBytes;
        return new LinkTick(endMillis, millis, bucket.bitsPerSecond(), Math.max(0, arrived),
                bucket.queueDelayMillis(later.backlogBytes()), drops);
    }

    /** @return what arrived at the queue, kbit/s over the interval's measured length */
    double arrivedKbps() {
        return millis <= 0 ? 0 : arrivedBytes * 8 / millis;
    }
}
