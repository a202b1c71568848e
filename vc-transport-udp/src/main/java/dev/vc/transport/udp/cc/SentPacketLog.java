package dev.vc.transport.udp.cc;

/**
 * The sending end's record of the packets it sent on a hop, by transport-wide sequence number: send time,
 * size, the probe cluster it belongs to ({@link ProbeCluster#NONE} for media), and what feedback has said about
 * each so far. {@link SendSideBandwidthEstimator} matches feedback
 * against it. A ring of {@code capacity} slots, so memory is fixed; recording and lookup allocate nothing.
 *
 * <p>Sequence numbers are unwrapped against the highest sent. A lookup answers only for the last
 * {@code capacity} packets sent; anything else (older, never sent, or a number feedback made up) is
 * {@link #isKnown unknown}. Not thread-safe.
 *
 * <pre>{@code
 * SentPacketLog log = new SentPacketLog(4096);
 * log.onPacketSent(seq, nowMicros, datagramLength);
 * ...
 * if (log.isKnown(seq) && log.state(seq) == SentPacketLog.SENT) {
 *     long sent = log.sendTimeMicros(seq);
 *     log.setState(seq, SentPacketLog.RECEIVED);
 * }
 * }</pre>
 */
final class SentPacketLog {
    /** State of a packet no feedback has mentioned yet. */
    public static final int SENT = 0;
    /** State of a packet feedback reported as not received. */
    public static final int REPORTED_LOST = 1;
    /** State of a packet feedback reported as received. */
    public static final int RECEIVED = 2;
    /** Largest capacity: half the 16-bit sequence space, so unwrapping stays unambiguous. */
    public static final int MAX_CAPACITY = 1 << 15;
    private static final long NONE = Long.MIN_VALUE;

    private final long[] sequences;
    private final long[] sendTimes;
    private final int[] sizes;
    private final int[] clusters;
    private final byte[] states;
    private final int mask;
    private boolean started;
    private long highest;

    /** @param capacity packets remembered, a power of two up to {@value #MAX_CAPACITY} */
    public SentPacketLog(int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be a power of two up to " + MAX_CAPACITY + ": "
                    + capacity);
        }
        sequences = new long[capacity];
        sendTimes = new long[capacity];
        sizes = new int[capacity];
        clusters = new int[capacity];
        states = new byte[capacity];
        java.util.Arrays.fill(sequences, NONE);
        mask = capacity - 1;
    }

    /**
     * Records a packet as it leaves.
     *
     * @param transportSequence its transport-wide sequence number (low 16 bits used)
     * @param sendMicros        when it was sent, in the sender's monotonic clock
     * @param sizeBytes         its size on the wire as the estimator should count it (e.g. the UDP payload)
     */
    public void onPacketSent(int transportSequence, long sendMicros, int sizeBytes) {
        onPacketSent(transportSequence, sendMicros, sizeBytes, ProbeCluster.NONE);
    }

    /**
     * Records a packet as it leaves, as part of a probe cluster.
     *
     * @param transportSequence its transport-wide sequence number (low 16 bits used)
     * @param sendMicros        when it was sent
     * @param sizeBytes         its size on the wire
     * @param cluster           the {@link ProbeCluster#id()} it was sent in, or {@link ProbeCluster#NONE}
     */
    public void onPacketSent(int transportSequence, long sendMicros, int sizeBytes, int cluster) {
        long unwrapped;
        if (!started) {
            started = true;
            unwrapped = (1L << 32) | (transportSequence & 0xFFFF);
            highest = unwrapped;
        } else {
            unwrapped = unwrap(transportSequence);
            if (unwrapped > highest) {
                highest = unwrapped;
            } else if (unwrapped <= highest - sequences.length) {
                return;
            }
        }
        int slot = (int) (unwrapped & mask);
        sequences[slot] = unwrapped;
        sendTimes[slot] = sendMicros;
        sizes[slot] = sizeBytes;
        clusters[slot] = cluster;
        states[slot] = SENT;
    }

    /**
     * @param transportSequence a transport-wide sequence number from feedback
     * @return whether the packet is one of the last {@code capacity} sent
     */
    public boolean isKnown(int transportSequence) {
        if (!started) {
            return false;
        }
        long unwrapped = unwrap(transportSequence);
        return unwrapped > highest - sequences.length && sequences[(int) (unwrapped & mask)] == unwrapped;
    }

    /**
     * @param transportSequence a {@link #isKnown known} packet
     * @return its send time
     */
    public long sendTimeMicros(int transportSequence) {
        return sendTimes[slot(transportSequence)];
    }

    /**
     * @param transportSequence a {@link #isKnown known} packet
     * @return its size in bytes
     */
    public int sizeBytes(int transportSequence) {
        return sizes[slot(transportSequence)];
    }

    /**
     * @param transportSequence a {@link #isKnown known} packet
     * @return the probe cluster it was sent in, {@link ProbeCluster#NONE} for media
     */
    public int cluster(int transportSequence) {
        return clusters[slot(transportSequence)];
    }

    /**
     * @param transportSequence a {@link #isKnown known} packet
     * @return {@link #SENT}, {@link #REPORTED_LOST} or {@link #RECEIVED}
     */
    public int state(int transportSequence) {
        return states[slot(transportSequence)];
    }

    /**
     * Sets what feedback said about a packet.
     *
     * @param transportSequence a {@link #isKnown known} packet
     * @param state             {@link #SENT}, {@link #REPORTED_LOST} or {@link #RECEIVED}
     */
    public void setState(int transportSequence, int state) {
        states[slot(transportSequence)] = (byte) state;
    }

    /** @return how many packets it remembers */
    public int capacity() {
        return sequences.length;
    }

    private long unwrap(int transportSequence) {
        return highest + (short) ((transportSequence & 0xFFFF) - (int) (highest & 0xFFFF));
    }

    private int slot(int transportSequence) {
        return (int) (unwrap(transportSequence) & mask);
    }
}
