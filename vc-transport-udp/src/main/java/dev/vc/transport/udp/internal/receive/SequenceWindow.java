package dev.vc.transport.udp.internal.receive;

import dev.vc.transport.udp.rtp.RtpSequence;

import java.util.Arrays;

/**
 * Remembers which of the last {@value #SIZE} sequence numbers of a stream arrived, to suppress duplicates and
 * refuse packets too old to matter (the reorder window), like the replay window of SRTP.
 *
 * <p>{@link #check} classifies a packet without changing anything; {@link #mark} records it once the packet
 * is accepted. After {@value #RESYNC_AFTER} consecutive packets far behind the window, the sender has
 * evidently restarted its sequence, and {@link #check} says {@link #RESYNC}.
 */
final class SequenceWindow {
    /** Sequence numbers remembered behind the newest one. */
    static final int SIZE = 1024;
    /** Consecutive too-old packets after which the window follows the sender. */
    static final int RESYNC_AFTER = 16;

    /** A sequence number not seen before and inside or ahead of the window. */
    static final int NEW = 0;
    /** Seen already. */
    static final int DUPLICATE = 1;
    /** More than {@link #SIZE} behind the newest. */
    static final int TOO_OLD = 2;
    /** The stream jumped back: reset and accept. */
    static final int RESYNC = 3;

    private final long[] seen = new long[SIZE / 64];
    private final int[] timestamps = new int[SIZE];
    private boolean empty = true;
    private int highest;
    private int tooOldInARow;

    /**
     * @param sequence a packet's sequence number
     * @return {@link #NEW}, {@link #DUPLICATE}, {@link #TOO_OLD} or {@link #RESYNC}
     */
    int check(int sequence) {
        if (empty) {
            return NEW;
        }
        int distance = RtpSequence.distance(highest, sequence);
        if (distance > 0) {
            return NEW;
        }
        if (-distance >= SIZE) {
            return tooOldInARow + 1 >= RESYNC_AFTER ? RESYNC : TOO_OLD;
        }
        return isSeen(sequence) ? DUPLICATE : NEW;
    }

    /**
     * @param sequence the original sequence number of a retransmission
     * @return whether it is one a NACK can have asked for: not ahead of the newest, and inside the window
     */
    boolean retransmittable(int sequence) {
        if (empty) {
            return false;
        }
        int distance = RtpSequence.distance(highest, sequence);
        return distance <= 0 && -distance < SIZE;
    }

    /** Counts a packet that {@link #check} called {@link #TOO_OLD} and that is dropped. */
    void rejectedTooOld() {
        tooOldInARow++;
    }

    /**
     * Records an accepted packet; after {@link #RESYNC}, restarts the window at it.
     *
     * @param sequence  its sequence number
     * @param timestamp its RTP timestamp, remembered for {@link #holdsOtherFrame}
     */
    void mark(int sequence, int timestamp) {
        tooOldInARow = 0;
        int distance = empty ? 0 : RtpSequence.distance(highest, sequence);
        if (empty || -distance >= SIZE) {
            Arrays.fill(seen, 0L);
            empty = false;
            highest = sequence;
        } else if (distance > 0) {
            if (distance >= SIZE) {
                Arrays.fill(seen, 0L);
            } else {
                for (int s = RtpSequence.next(highest), i = 0; i < distance; s = RtpSequence.next(s), i++) {
                    clear(s);
                }
            }
            highest = sequence;
        }
        set(sequence);
        timestamps[sequence & (SIZE - 1)] = timestamp;
    }

    /**
     * Whether a packet with this sequence number arrived (inside the window) and carried another timestamp: then
     * it belongs to another frame, and a frame next to it in sequence order starts or ends there. This is how
     * the receiver proves that an H.264 access unit, whose packets carry no "first packet" flag, lost nothing
     * at its start.
     *
     * @param sequence  a sequence number
     * @param timestamp the timestamp of the frame asking
     * @return true if that packet arrived with a different timestamp
     */
    boolean holdsOtherFrame(int sequence, int timestamp) {
        if (empty) {
            return false;
        }
        int distance = RtpSequence.distance(highest, sequence);
        if (distance > 0 || -distance >= SIZE) {
            return false;
        }
        return isSeen(sequence) && timestamps[sequence & (SIZE - 1)] != timestamp;
    }

    /**
     * @param sequence a sequence number in the window
     * @return true if no packet before it arrived, as far back as the window reaches: the stream starts at it
     */
    boolean nothingBefore(int sequence) {
        if (empty) {
            return true;
        }
        for (int s = RtpSequence.add(sequence, -1); RtpSequence.distance(s, highest) < SIZE
                && RtpSequence.distance(s, highest) >= 0; s = RtpSequence.add(s, -1)) {
            if (isSeen(s)) {
                return false;
            }
        }
        return true;
    }

    private boolean isSeen(int sequence) {
        int bit = sequence & (SIZE - 1);
        return (seen[bit >>> 6] & (1L << bit)) != 0;
    }

    private void set(int sequence) {
        int bit = sequence & (SIZE - 1);
        seen[bit >>> 6] |= 1L << bit;
    }

    private void clear(int sequence) {
        int bit = sequence & (SIZE - 1);
        seen[bit >>> 6] &= ~(1L << bit);
    }
}
