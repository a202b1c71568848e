package dev.vc.bench.faults.impair;

import java.util.SplittableRandom;

/**
 * The last stage of one direction of an impairing link: holds every packet for a constant one-way delay plus,
 * optionally, a random jitter drawn uniformly from {@code [0, jitter]}, then sends it on. The configured delay
 * is thus the least any packet waits (a propagation delay); the jitter only adds.
 *
 * <p>First in, first out: a packet never leaves before the one ahead of it, so jitter does not reorder; a
 * packet whose draw would let it overtake leaves right after its predecessor instead (as behind a queue).
 *
 * <p>Bounded: a ring of {@code capacity} buffers of {@value #SLOT_BYTES} bytes, made up front, sized by the
 * caller from the longest delay and the highest packet rate the line is to carry (see
 * {@link Impairment#newImpairer}). A packet that finds the ring full, or is larger than a buffer, is dropped and
 * counted as an overflow. Nothing is allocated per packet. One thread only; the counters may be read from any.
 *
 * <pre>{@code
 * DelayLine line = new DelayLine(50_000_000L, 0, 256, new SplittableRandom(1));
 * line.accept(datagram, length, System.nanoTime(), out);    // held for 50 ms
 * long next = line.releaseDue(System.nanoTime(), out);      // sends what is due; the next release time
 * }</pre>
 *
 * <p>With no delay and no jitter it holds nothing: {@link #accept} sends at once.
 */
public final class DelayLine {
    /** Largest packet a buffer holds. */
    public static final int SLOT_BYTES = 2048;

    private final long delayNanos;
    private final long jitterNanos;
    private final SplittableRandom random;
    private final byte[][] slots;
    private final int[] lengths;
    private final long[] due;
    private int head;
    private int count;
    private long lastDue;
    // Single writer (the impairing thread); volatile so that another thread can read a snapshot.
    private volatile long sent;
    private volatile long overflowed;

    /**
     * @param delayNanos  the constant delay, at least 0
     * @param jitterNanos the most a packet's random extra delay can be, at least 0
     * @param capacity    most packets held at once; ignored (nothing is held) when both delays are 0
     * @param random      the source of the jitter draws
     * @throws IllegalArgumentException if a delay is negative, or the capacity is below 1 for a line that delays
     */
    public DelayLine(long delayNanos, long jitterNanos, int capacity, SplittableRandom random) {
        if (delayNanos < 0 || jitterNanos < 0) {
            throw new IllegalArgumentException("delays must be at least 0, got " + delayNanos + " and " + jitterNanos);
        }
        boolean delays = delayNanos > 0 || jitterNanos > 0;
        if (delays && capacity < 1) {
            throw new IllegalArgumentException("a delay line needs at least one buffer, got " + capacity);
        }
        this.delayNanos = delayNanos;
        this.jitterNanos = jitterNanos;
        this.random = random;
        int n = delays ? capacity : 0;
        this.slots = new byte[n][SLOT_BYTES];
        this.lengths = new int[n];
        this.due = new long[n];
    }

    /**
     * Takes one packet: sends it at once if the line does not delay, else copies it into the ring (or drops it
     * if the ring is full or the packet too large).
     *
     * @param data     the packet, from offset 0; not kept
     * @param length   its length
     * @param nowNanos {@link System#nanoTime()}
     * @param out      where it leaves if it leaves at once
     */
    public void accept(byte[] data, int length, long nowNanos, Impairer.Output out) {
        if (slots.length == 0) {
            out.send(data, length);
            sent++;
            return;
        }
        if (count == slots.length || length > SLOT_BYTES) {
            overflowed++;
            return;
        }
        long release = nowNanos + delayNanos + (jitterNanos > 0 ? random.nextLong(jitterNanos + 1) : 0);
        if (count > 0 && release - lastDue < 0) {
            release = lastDue;
        }
        int slot = (head + count) % slots.length;
        System.arraycopy(data, 0, slots[slot], 0, length);
        lengths[slot] = length;
        due[slot] = release;
        lastDue = release;
        count++;
    }

    /**
     * Sends, in arrival order, every packet whose release time is at or before now.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @param out      where packets leave
     * @return the release time of the next packet still held, or {@link Long#MAX_VALUE} if none is
     */
    public long releaseDue(long nowNanos, Impairer.Output out) {
        while (count > 0 && due[head] - nowNanos <= 0) {
            out.send(slots[head], lengths[head]);
            sent++;
            head = (head + 1) % slots.length;
            count--;
        }
        return count == 0 ? Long.MAX_VALUE : due[head];
    }

    /** @return packets held right now */
    public int heldPackets() {
        return count;
    }

    /** @return packets sent on so far; safe to call from any thread */
    public long sent() {
        return sent;
    }

    /** @return packets dropped because the ring was full or they were too large; safe to call from any thread */
    public long overflowed() {
        return overflowed;
    }
}
