package dev.vc.relay;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces the media the relay forwards to one member at a multiple of the relay's estimate of that member's downlink
 * ({@link MemberCongestion#downlinkEstimateBps}), so a sender's burst (a keyframe, a frame its own pacer sent at
 * 2.5x its uplink) crosses the member's bottleneck at about the rate it drains instead of piling up in its queue,
 * where the downlink's delay detector reads it as over-use. Packets over the budget wait here, copied, in order;
 * they get their transport-wide number ({@link TransportCcRouting#stamp}) when they leave, so the estimator measures
 * the path, not this queue.
 *
 * <p>Bounded: at most {@link #MAX_PACKETS} wait, none longer than {@link #MAX_WAIT_NANOS} (past either, the oldest
 * leaves at once); budget unused for {@link #BURST_NANOS} is lost. Without an estimate to pace to (no feedback yet,
 * a receiver that sends none, or a downlink that has not over-used lately: {@link MemberCongestion#pacingEstimateBps})
 * nothing waits. Media thread only; the slots are allocated once each, when first used, so
 * steady state allocates nothing.
 */
final class DownlinkPacer {
    /** Longest a packet waits: past it, it leaves whatever the budget (the estimate is then far below the media). */
    static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Budget that may accumulate while the member gets nothing: a few packets at once at any rate. */
    static final long BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Most packets waiting; more, and the oldest leaves at once. */
    static final int MAX_PACKETS = 128;
    private static final int SLOT_BYTES = 1_500;

    /** Sends a packet the pacer let go: stamps it for the member's downlink and sends it. */
    interface Release {
        /** Sends a packet that leaves now. */
        void release(Member receiver, byte[] packet, int length, int transportAt, long nowNanos);

        /** Counts a packet that left before the budget allowed: it waited the limit, or too many waited. */
        void releasedEarly();
    }

    private final Member member;
    private final LongSupplier estimateBps;
    private final double factor;
    private final byte[][] slots = new byte[MAX_PACKETS][];
    private final int[] lengths = new int[MAX_PACKETS];
    private final int[] transportAts = new int[MAX_PACKETS];
    private final long[] queuedAt = new long[MAX_PACKETS];
    private int head;
    private int count;
    /** When the budget lets the next packet go; long past until the first packet spends it. */
    private long freeAtNanos = Long.MIN_VALUE / 2;

    /**
     * @param member      whose downlink (handed back with each packet released)
     * @param estimateBps the estimate of that downlink to pace to, bit/s, or -1 while there is none
     * @param factor      pacing rate over the downlink estimate; 0 does not pace
     */
    DownlinkPacer(Member member, LongSupplier estimateBps, double factor) {
        this.member = member;
        this.estimateBps = estimateBps;
        this.factor = factor;
    }

    /** @return packets waiting */
    int waiting() {
        return count;
    }

    /**
     * Whether a packet of {@code length} bytes may leave now: nothing waits and the budget allows it (which it then
     * spends). When not, the caller {@link #hold}s it.
     */
    boolean admits(int length, long nowNanos) {
        if (count > 0) {
            return false;
        }
        long rate = rateBps();
        if (rate <= 0) {
            return true;
        }
        if (nowNanos - freeAtNanos < 0) {
            return false;
        }
        spend(length, rate, nowNanos);
        return true;
    }

    /**
     * Keeps a copy of the packet until the budget lets it go; if {@link #MAX_PACKETS} already wait, the oldest is
     * released first.
     *
     * @param transportAt where its transport-wide sequence number is, or {@code TransportSequenceNumber.ABSENT}
     * @return true if it is the only packet waiting: the pacer has to be pumped from now on ({@link PacedDownlinks})
     */
    boolean hold(byte[] packet, int length, int transportAt, long nowNanos, Release release) {
        if (count == MAX_PACKETS) {
            release.releasedEarly();
            releaseHead(nowNanos, release);
        }
        int tail = (head + count) % MAX_PACKETS;
        byte[] slot = slots[tail];
        if (slot == null || slot.length < length) {
            slot = new byte[Math.max(SLOT_BYTES, length)];
            slots[tail] = slot;
        }
        System.arraycopy(packet, 0, slot, 0, length);
        lengths[tail] = length;
        transportAts[tail] = transportAt;
        queuedAt[tail] = nowNanos;
        return ++count == 1;
    }

    /**
     * Releases the waiting packets the budget allows by now, and those that waited {@link #MAX_WAIT_NANOS}.
     *
     * @return true if packets still wait
     */
    boolean pump(long nowNanos, Release release) {
        long rate = rateBps();
        while (count > 0) {
            boolean due = rate <= 0 || nowNanos - freeAtNanos >= 0;
            if (due) {
                if (rate > 0) {
                    spend(lengths[head], rate, nowNanos);
                }
            } else if (nowNanos - queuedAt[head] < MAX_WAIT_NANOS) {
                break;
            } else {
                release.releasedEarly();
            }
            releaseHead(nowNanos, release);
        }
        return count > 0;
    }

    private void releaseHead(long nowNanos, Release release) {
        int at = head;
        head = (head + 1) % MAX_PACKETS;
        count--;
        release.release(member, slots[at], lengths[at], transportAts[at], nowNanos);
    }

    private long rateBps() {
        long estimate = estimateBps.getAsLong();
        return estimate <= 0 || factor <= 0 ? -1 : (long) (estimate * factor);
    }

    private void spend(int length, long rate, long nowNanos) {
        long from = Math.max(freeAtNanos, nowNanos - BURST_NANOS);
        freeAtNanos = from + length * 8L * 1_000_000_000L / rate;
    }
}
