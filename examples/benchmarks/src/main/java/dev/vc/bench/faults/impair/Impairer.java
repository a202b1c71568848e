package dev.vc.bench.faults.impair;

import java.util.SplittableRandom;

/**
 * One direction of an impairing link, without a socket: packets in, the impaired sequence out through an
 * {@link Output}. For each packet, in this order: the {@link LossModel} may drop it; it may be marked for
 * duplication; it may be held back (reordered) until {@code reorderDepth} later packets have gone out, or until
 * the hold time has passed if traffic pauses; otherwise it goes on at once (twice if duplicated), and every
 * held packet it completes the count of follows it. What goes on enters the {@link DelayLine}, which sends it
 * out after the link's delay (at once if it has none).
 *
 * <pre>{@code
 * Impairer up = Impairment.parse("random:5+reorder:2+delay:50").newImpairer(42);
 * up.accept(datagram, length, System.nanoTime(), (data, n) -> socket.send(...));
 * long next = up.releaseDue(System.nanoTime(), output);   // on a timer: packets whose hold or delay expired
 * }</pre>
 *
 * <p>Bounded: at most {@value #MAX_HELD} packets of up to {@value #SLOT_BYTES} bytes are held back at once, in
 * buffers made up front; a packet that finds no free slot, or is larger, goes on unreordered. The delay line is
 * bounded likewise. Nothing is allocated per packet. One thread only.
 */
public final class Impairer {
    /** Receives the packets that leave the impairer; the bytes are valid during the call only. */
    @FunctionalInterface
    public interface Output {
        /**
         * @param data   the packet, from offset 0
         * @param length its length
         */
        void send(byte[] data, int length);
    }

    /** Most packets held back at once. */
    static final int MAX_HELD = 16;
    /** Largest packet that can be held back. */
    static final int SLOT_BYTES = 2048;

    private final LossModel loss;
    private final double reorderProbability;
    private final int reorderDepth;
    private final double duplicateProbability;
    private final SplittableRandom random;
    private final long maxHoldNanos;
    private final DelayLine delay;
    private final byte[][] held = new byte[MAX_HELD][SLOT_BYTES];
    private final int[] heldLength = new int[MAX_HELD];
    private final int[] heldCopies = new int[MAX_HELD];
    private final int[] heldWaiting = new int[MAX_HELD];
    private final long[] heldDeadline = new long[MAX_HELD];
    private int heldCount;
    // Single writer (the impairing thread); volatile so that another thread can read a snapshot.
    private volatile long packetsIn;
    private volatile long dropped;
    private volatile long duplicated;
    private volatile long reordered;

    /**
     * @param loss                 decides which packets are lost
     * @param reorderProbability   chance that a surviving packet is held back, 0..1
     * @param reorderDepth         later packets that go out before a held one, at least 1
     * @param duplicateProbability chance that a surviving packet is sent twice, 0..1
     * @param random               the source of the reorder and duplicate draws
     * @param maxHoldNanos         longest a packet is held when too few packets follow it
     * @param delay                the last stage, which every packet that goes on passes through
     */
    public Impairer(LossModel loss, double reorderProbability, int reorderDepth, double duplicateProbability,
                    SplittableRandom random, long maxHoldNanos, DelayLine delay) {
        if (reorderDepth < 1) {
            throw new IllegalArgumentException("reorder depth must be at least 1, got " + reorderDepth);
        }
        this.loss = loss;
        this.reorderProbability = reorderProbability;
        this.reorderDepth = reorderDepth;
        this.duplicateProbability = duplicateProbability;
        this.random = random;
        this.maxHoldNanos = maxHoldNanos;
        this.delay = delay;
    }

    /**
     * Takes one packet.
     *
     * @param data     the packet, from offset 0; copied if held, not kept otherwise
     * @param length   its length
     * @param nowNanos {@link System#nanoTime()}
     * @param out      where packets leave (after the delay line's delay)
     */
    public void accept(byte[] data, int length, long nowNanos, Output out) {
        packetsIn++;
        if (loss.drop()) {
            dropped++;
            return;
        }
        int copies = duplicateProbability > 0 && random.nextDouble() < duplicateProbability ? 2 : 1;
        if (copies == 2) {
            duplicated++;
        }
        if (reorderProbability > 0 && random.nextDouble() < reorderProbability && hold(data, length, copies, nowNanos)) {
            reordered++;
            return;
        }
        for (int i = 0; i < copies; i++) {
            emit(data, length, nowNanos, out);
        }
    }

    private boolean hold(byte[] data, int length, int copies, long nowNanos) {
        if (heldCount == MAX_HELD || length > SLOT_BYTES) {
            return false;
        }
        int slot = heldCount++;
        System.arraycopy(data, 0, held[slot], 0, length);
        heldLength[slot] = length;
        heldCopies[slot] = copies;
        heldWaiting[slot] = reorderDepth;
        heldDeadline[slot] = nowNanos + maxHoldNanos;
        return true;
    }

    /** Passes a packet on, then the held packets it was the last to overtake (or whose hold expired). */
    private void emit(byte[] data, int length, long nowNanos, Output out) {
        delay.accept(data, length, nowNanos, out);
        for (int i = 0; i < heldCount; i++) {
            heldWaiting[i]--;
        }
        releaseWhere(nowNanos, out);
    }

    /**
     * Passes on the held-back packets whose hold time has passed, then sends the packets whose delay has
     * (call it when the link is idle, and at the time it returns).
     *
     * @param nowNanos {@link System#nanoTime()}
     * @param out      where packets leave
     * @return the earliest time a packet still held back or delayed is due, or {@link Long#MAX_VALUE} if none is
     */
    public long releaseDue(long nowNanos, Output out) {
        releaseWhere(nowNanos, out);
        long next = delay.releaseDue(nowNanos, out);
        for (int i = 0; i < heldCount; i++) {
            next = Math.min(next, heldDeadline[i]);
        }
        return next;
    }

    /** Passes on, oldest first, every held packet with nothing left to wait for or a deadline at or before now. */
    private void releaseWhere(long nowNanos, Output out) {
        int i = 0;
        while (i < heldCount) {
            if (heldWaiting[i] > 0 && heldDeadline[i] - nowNanos > 0) {
                i++;
                continue;
            }
            byte[] data = held[i];
            int length = heldLength[i];
            int copies = heldCopies[i];
            removeSlot(i);
            for (int c = 0; c < copies; c++) {
                delay.accept(data, length, nowNanos, out);
            }
            // A released packet does not count towards the waits of the others.
        }
    }

    /** Closes the gap at {@code slot}, keeping the held packets in arrival order and its buffer for reuse. */
    private void removeSlot(int slot) {
        byte[] buffer = held[slot];
        for (int j = slot; j < heldCount - 1; j++) {
            held[j] = held[j + 1];
            heldLength[j] = heldLength[j + 1];
            heldCopies[j] = heldCopies[j + 1];
            heldWaiting[j] = heldWaiting[j + 1];
            heldDeadline[j] = heldDeadline[j + 1];
        }
        heldCount--;
        held[heldCount] = buffer;
    }

    /** @return packets held back (for reordering) right now, not counting those in the delay line */
    public int heldPackets() {
        return heldCount;
    }

    /** @return packets in the delay line right now */
    public int delayedPackets() {
        return delay.heldPackets();
    }

    /** @return what this direction has done so far; safe to call from any thread */
    public ImpairmentCounts counts() {
        return new ImpairmentCounts(packetsIn, dropped, duplicated, reordered, delay.overflowed(), delay.sent());
    }
}
