package dev.vc.transport.udp.cc;

/**
 * The receiving end of a hop: records the transport-wide sequence number and arrival time of every packet
 * received, and writes transport-cc feedback for them ({@link TransportFeedbackWriter}) when
 * {@link #isFeedbackDue} says so: every {@code interval} (50 ms by default) while there is something new to
 * report, or at once when the next message would otherwise outgrow the maximum length.
 *
 * <p>Memory is fixed: a ring of {@code capacity} slots, indexed by the unwrapped sequence number. Sequence
 * numbers are unwrapped against the highest seen (so 65535 -> 0 continues the count); a packet more than
 * {@code capacity} behind the highest is too old and ignored, a duplicate is ignored, and a packet that
 * arrives after its sequence number was already reported as not received moves the next report back to it,
 * so the sender learns it arrived (as libwebrtc does). A jump forward of any size only forgets older slots.
 * Not thread-safe: one receive thread calls it.
 *
 * <pre>{@code
 * TransportFeedbackRecorder recorder = new TransportFeedbackRecorder(localSsrc, 4096, 1200,
 *         TransportFeedbackRecorder.DEFAULT_INTERVAL_MICROS);
 * // per received RTP packet carrying the extension:
 * recorder.onPacket(transportSeq, rtpSsrc, nowMicros);
 * // on the same thread, after each packet or on a timer:
 * while (recorder.isFeedbackDue(nowMicros)) {
 *     int length = recorder.writeFeedback(buffer, 0, nowMicros);
 *     channel.send(ByteBuffer.wrap(buffer, 0, length), sender);
 * }
 * }</pre>
 */
public final class TransportFeedbackRecorder {
    /** Default feedback interval: 50 ms, the low end of what libwebrtc's receiver uses (50-250 ms). */
    public static final long DEFAULT_INTERVAL_MICROS = 50_000;
    /** Largest ring: a message can report at most 65535 statuses, and 32768 is half the sequence space. */
    public static final int MAX_CAPACITY = 1 << 14;
    /** Worst-case bytes a received packet adds to a message: a 2-byte delta and its share of chunks. */
    private static final int WORST_BYTES_PER_PACKET = 3;
    private static final long NONE = Long.MIN_VALUE;

    private final int senderSsrc;
    private final long[] slotSequence;
    private final long[] slotArrival;
    private final int mask;
    private final long intervalMicros;
    private final int urgentCount;
    private final TransportFeedbackWriter writer;

    private boolean started;
    private long highest;
    /** First unwrapped sequence number the next message reports. */
    private long windowStart;
    /** Received packets at or after {@link #windowStart} not yet reported. */
    private int unreported;
    private int mediaSsrc;
    private int feedbackCount;
    private long lastFeedbackMicros;
    private long ignored;
    private long recorded;
    private long messages;

    /**
     * @param senderSsrc       SSRC this end puts in its feedback
     * @param capacity         packets remembered, a power of two up to {@value #MAX_CAPACITY} (e.g. 4096: a
     *                         second of 40 Mbit/s in 1200-byte packets)
     * @param maxFeedbackBytes the largest feedback message, in bytes (e.g. the MTU minus IP and UDP headers)
     * @param intervalMicros   how often to send feedback while packets arrive
     */
    public TransportFeedbackRecorder(int senderSsrc, int capacity, int maxFeedbackBytes, long intervalMicros) {
        if (Integer.bitCount(capacity) != 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be a power of two up to " + MAX_CAPACITY + ": "
                    + capacity);
        }
        if (intervalMicros <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalMicros);
        }
        this.senderSsrc = senderSsrc;
        this.slotSequence = new long[capacity];
        this.slotArrival = new long[capacity];
        java.util.Arrays.fill(slotSequence, NONE);
        this.mask = capacity - 1;
        this.intervalMicros = intervalMicros;
        this.writer = new TransportFeedbackWriter(maxFeedbackBytes);
        this.urgentCount = Math.max(1, (maxFeedbackBytes - TransportFeedback.HEADER_LENGTH - 4)
                / WORST_BYTES_PER_PACKET);
    }

    /**
     * Records a received packet.
     *
     * @param transportSequence its transport-wide sequence number ({@link TransportSequenceNumber#find})
     * @param mediaSsrc         its RTP SSRC, named in the next feedback
     * @param arrivalMicros     when it arrived, in this end's monotonic clock (µs)
     */
    public void onPacket(int transportSequence, int mediaSsrc, long arrivalMicros) {
        int sequence = transportSequence & 0xFFFF;
        long unwrapped;
        if (!started) {
            started = true;
            unwrapped = (1L << 32) | sequence;          // room below for late packets
            highest = unwrapped;
            windowStart = unwrapped;
            lastFeedbackMicros = arrivalMicros;
        } else {
            unwrapped = highest + (short) (sequence - (int) (highest & 0xFFFF));
            if (unwrapped > highest) {
                highest = unwrapped;
            }
        }
        if (unwrapped <= highest - slotSequence.length) {
            ignored++;                                  // older than the ring remembers
            return;
        }
        int slot = (int) (unwrapped & mask);
        if (slotSequence[slot] == unwrapped) {
            ignored++;                                  // duplicate
            return;
        }
        slotSequence[slot] = unwrapped;
        slotArrival[slot] = arrivalMicros;
        this.mediaSsrc = mediaSsrc;
        if (unwrapped < windowStart) {
            windowStart = unwrapped;                    // arrived after being reported missing: report again
        }
        long oldest = highest - slotSequence.length + 1;
        if (windowStart < oldest) {
            windowStart = oldest;
        }
        unreported++;
        recorded++;
    }

    /**
     * @param nowMicros the current time, in the clock {@link #onPacket} gets
     * @return whether {@link #writeFeedback} should be called now: something is unreported and the interval
     *         has passed since the last message, or so much is unreported that one message barely holds it
     */
    public boolean isFeedbackDue(long nowMicros) {
        return unreported > 0 && (nowMicros - lastFeedbackMicros >= intervalMicros || unreported >= urgentCount);
    }

    /**
     * Writes one feedback message for the packets not yet reported, oldest first, as many as fit; what does
     * not fit stays for the next call ({@link #isFeedbackDue} is then still true).
     *
     * @param out       destination, at least {@code maxFeedbackBytes} from {@code offset}
     * @param offset    where the message starts
     * @param nowMicros the current time
     * @return the message length, or 0 if there was nothing to report
     */
    public int writeFeedback(byte[] out, int offset, long nowMicros) {
        long first = windowStart;
        while (first <= highest && !received(first)) {
            first++;
        }
        if (first > highest) {
            windowStart = highest + 1;
            unreported = 0;
            return 0;
        }
        writer.begin(senderSsrc, mediaSsrc, (int) (windowStart & 0xFFFF), arrival(first), feedbackCount);
        long next = first;
        while (next <= highest) {
            if (received(next) && !writer.addReceived((int) (next & 0xFFFF), arrival(next))) {
                if (next == first) {
                    next++;                              // cannot happen with a sane writer: never loop on it
                    ignored++;
                }
                break;
            }
            next++;
        }
        windowStart = next;
        unreported = 0;
        for (long s = next; s <= highest; s++) {
            if (received(s)) {
                unreported++;
            }
        }
        lastFeedbackMicros = nowMicros;
        if (writer.statusCount() == 0) {
            return 0;
        }
        feedbackCount = (feedbackCount + 1) & 0xFF;
        messages++;
        return writer.write(out, offset);
    }

    /** @return packets ignored so far: duplicates and packets older than the ring */
    public long ignoredPackets() {
        return ignored;
    }

    /** @return packets recorded so far (not counting ignored ones) */
    public long recordedPackets() {
        return recorded;
    }

    /** @return feedback messages written so far */
    public long feedbackMessages() {
        return messages;
    }

    /** @return how many sequence numbers the ring remembers */
    public int capacity() {
        return slotSequence.length;
    }

    private boolean received(long unwrapped) {
        return slotSequence[(int) (unwrapped & mask)] == unwrapped;
    }

    private long arrival(long unwrapped) {
        return slotArrival[(int) (unwrapped & mask)];
    }
}
