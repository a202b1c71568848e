package dev.vc.bench.netlab;

/**
 * One second of the shaped link, from the kernel's counters ({@link QdiscCounters}) sampled every
 * {@link NetLabRun#SAMPLE_MILLIS}: a row of {@code netlab-links.csv}.
 *
 * @param t             the second, 1 = from 0 to 1 s
 * @param link          e.g. {@code edge1-down}
 * @param capacityKbps  the shaper's rate in the middle of the second
 * @param kbpsThrough   what left the shaper, whole Ethernet frames, kbit/s
 * @param packets       packets that left it
 * @param drops         packets it dropped (queue full)
 * @param queueMsMean   queueing delay (backlog / rate) averaged over the second's samples, ms
 * @param queueMsMax    the largest sample, ms
 */
record LinkSecond(int t, String link, double capacityKbps, double kbpsThrough, long packets, long drops,
                  double queueMsMean, double queueMsMax) {
}
