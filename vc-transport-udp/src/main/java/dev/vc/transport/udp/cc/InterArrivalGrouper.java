package dev.vc.transport.udp.cc;

/**
 * Groups acknowledged packets into bursts and yields the send-time and arrival-time differences between
 * consecutive groups, the input of {@link TrendlineOveruseDetector} (draft-ietf-rmcat-gcc-02 §5.2; after
 * libwebrtc's {@code InterArrivalDelta}).
 *
 * <p>A group holds the packets sent within {@value #GROUP_LENGTH_MICROS} µs of its first one. A packet also
 * joins the current group when it is part of a burst: it arrived at most {@value #BURST_DELTA_MICROS} µs
 * after the group's last one, earlier than its send spacing predicts, and within
 * {@value #MAX_BURST_MICROS} µs of the group's first arrival (a queue released packets back to back).
 * Packets sent before the current group (reordered on the send side) are skipped. The state resets when the
 * arrival clock jumps more than {@value #ARRIVAL_OFFSET_THRESHOLD_MICROS} µs against the feedback clock or
 * after {@value #REORDERED_RESET_THRESHOLD} groups in a row arrive out of order.
 *
 * <pre>{@code
 * if (grouper.onPacket(sendMicros, arrivalMicros, feedbackMicros, size)) {
 *     detector.onDeltas(grouper.arrivalDeltaMicros(), grouper.sendDeltaMicros(), arrivalMicros);
 * }
 * }</pre>
 */
final class InterArrivalGrouper {
    /** Packets sent within 5 ms form one group (libwebrtc {@code kSendTimeGroupLength}). */
    public static final long GROUP_LENGTH_MICROS = 5_000;
    /** Arrival spacing below which a packet counts as part of a burst ({@code kBurstDeltaThreshold}). */
    public static final long BURST_DELTA_MICROS = 5_000;
    /** Longest burst ({@code kMaxBurstDuration}). */
    public static final long MAX_BURST_MICROS = 100_000;
    /** Arrival-clock jump that resets the state ({@code kArrivalTimeOffsetThreshold}). */
    public static final long ARRIVAL_OFFSET_THRESHOLD_MICROS = 3_000_000;
    /** Consecutive out-of-order groups that reset the state ({@code kReorderedResetThreshold}). */
    public static final int REORDERED_RESET_THRESHOLD = 3;

    private boolean currentEmpty = true;
    private long currentFirstSend;
    private long currentSend;
    private long currentFirstArrival;
    private long currentArrival;
    private long currentSystem;
    private long currentSize;

    private boolean previousComplete;
    private long previousSend;
    private long previousArrival;
    private long previousSystem;
    private long previousSize;

    private int reorderedGroups;

    private long sendDelta;
    private long arrivalDelta;
    private long sizeDelta;

    /**
     * Adds one acknowledged packet, in arrival order.
     *
     * @param sendMicros    when it was sent (sender's clock)
     * @param arrivalMicros when it arrived (receiver's clock, unwrapped)
     * @param systemMicros  when the feedback about it arrived (sender's clock)
     * @param sizeBytes     its size
     * @return true if this packet closed a group and new deltas between the two last groups are available
     */
    public boolean onPacket(long sendMicros, long arrivalMicros, long systemMicros, int sizeBytes) {
        boolean deltas = false;
        if (currentEmpty) {
            currentSend = sendMicros;
            currentFirstSend = sendMicros;
            currentFirstArrival = arrivalMicros;
        } else if (currentFirstSend > sendMicros) {
            return false;                               // sent before the current group: reordered
        } else if (startsNewGroup(arrivalMicros, sendMicros)) {
            if (previousComplete) {
                sendDelta = currentSend - previousSend;
                arrivalDelta = currentArrival - previousArrival;
                long systemDelta = currentSystem - previousSystem;
                if (arrivalDelta - systemDelta >= ARRIVAL_OFFSET_THRESHOLD_MICROS) {
                    reset();                            // the receiver's clock jumped
                    return false;
                }
                if (arrivalDelta < 0) {
                    if (++reorderedGroups >= REORDERED_RESET_THRESHOLD) {
                        reset();
                    }
                    return false;
                }
                reorderedGroups = 0;
                sizeDelta = currentSize - previousSize;
                deltas = true;
            }
            previousComplete = true;
            previousSend = currentSend;
            previousArrival = currentArrival;
            previousSystem = currentSystem;
            previousSize = currentSize;
            currentFirstSend = sendMicros;
            currentSend = sendMicros;
            currentFirstArrival = arrivalMicros;
            currentSize = 0;
        } else {
            currentSend = Math.max(currentSend, sendMicros);
        }
        currentSize += sizeBytes;
        currentArrival = arrivalMicros;
        currentSystem = systemMicros;
        currentEmpty = false;
        return deltas;
    }

    /** @return send time of the last group minus that of the one before, after {@link #onPacket} said true */
    public long sendDeltaMicros() {
        return sendDelta;
    }

    /** @return arrival time of the last group minus that of the one before */
    public long arrivalDeltaMicros() {
        return arrivalDelta;
    }

    /** @return bytes of the last group minus those of the one before */
    public long sizeDeltaBytes() {
        return sizeDelta;
    }

    /** Forgets all groups, as after a stream time-out. */
    public void reset() {
        currentEmpty = true;
        currentSize = 0;
        previousComplete = false;
        reorderedGroups = 0;
    }

    private boolean startsNewGroup(long arrivalMicros, long sendMicros) {
        if (belongsToBurst(arrivalMicros, sendMicros)) {
            return false;
        }
        return sendMicros - currentFirstSend > GROUP_LENGTH_MICROS;
    }

    private boolean belongsToBurst(long arrivalMicros, long sendMicros) {
        long arrivalSpacing = arrivalMicros - currentArrival;
        long sendSpacing = sendMicros - currentSend;
        if (sendSpacing == 0) {
            return true;
        }
        long propagationDelta = arrivalSpacing - sendSpacing;
        return propagationDelta < 0 && arrivalSpacing <= BURST_DELTA_MICROS
                && arrivalMicros - currentFirstArrival < MAX_BURST_MICROS;
    }
}
