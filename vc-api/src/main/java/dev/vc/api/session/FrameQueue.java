package dev.vc.api.session;

import dev.vc.api.EncodedFrame;

/**
 * The frames of one remote stream waiting for the decode thread, oldest first, with the losses between them.
 *
 * <p>An inter-frame stream (H.264) queues up to {@value #CAPACITY} frames: every frame is needed to decode the
 * next, and frames do arrive in bursts, since a lost packet recovered by retransmission completes its frame and
 * the ones that waited for it at once. Only a queue that is full (decoding has fallen far behind) is dropped,
 * and the next frame is then marked as following a gap. A stream without inter-frame prediction (JPEG) keeps
 * just its newest frame: an undecoded one is replaced, which bounds latency and loses nothing needed later.
 *
 * <p>A gap ({@link #markGap}: the transport gave up a frame) is attached to the next frame offered, not to the
 * frames already waiting, which came before it and decode normally.
 *
 * <pre>{@code
 * int dropped = queue.offer(frame, System.nanoTime());   // receive thread
 * EncodedFrame next = queue.poll();                       // decode thread: null when empty
 * if (next != null && queue.gapBeforePolled()) { ... wait for a keyframe ... }
 * }</pre>
 *
 * <p>Frames are copied into buffers the queue keeps, which grow to the largest frame held and are then reused:
 * nothing is allocated per frame. Thread-safe: one producer, one consumer, a short lock.
 */
final class FrameQueue {
    /** Most frames an inter-frame stream queues. */
    static final int CAPACITY = 8;

    private final EncodedFrame[] slots = new EncodedFrame[CAPACITY];
    private final boolean[] gapBefore = new boolean[CAPACITY];
    private final long[] gapNanos = new long[CAPACITY];
    private int head;
    private int size;
    private boolean pendingGap;
    private long pendingGapNanos;
    private EncodedFrame polled = new EncodedFrame();
    private boolean polledGap;
    private long polledGapNanos;

    FrameQueue() {
        for (int i = 0; i < CAPACITY; i++) {
            slots[i] = new EncodedFrame();
        }
    }

    /**
     * Copies a frame in. When the queue is full for the frame's codec, the frames waiting are dropped first; for
     * an inter-frame codec the frame is then marked as following a gap.
     *
     * @param frame    the frame, only read during the call
     * @param nowNanos {@link System#nanoTime()}, the time of a gap this makes
     * @return the frames dropped to make room
     */
    synchronized int offer(EncodedFrame frame, long nowNanos) {
        boolean interFrame = frame.codec().interFrame();
        int dropped = 0;
        if (size >= (interFrame ? CAPACITY : 1)) {
            dropped = size;
            for (int i = size - 1; i >= 0; i--) {   // the oldest gap among the dropped frames is the one that counts
                int at = (head + i) % CAPACITY;
                if (gapBefore[at]) {
                    pendingGap = true;
                    pendingGapNanos = gapNanos[at];
                }
            }
            if (interFrame && !pendingGap) {
                pendingGap = true;
                pendingGapNanos = nowNanos;
            }
            head = 0;
            size = 0;
        }
        int at = (head + size) % CAPACITY;
        slots[at].set(frame.data(), 0, frame.length()).describe(frame.codec(), frame.keyframe(), frame.width(),
                frame.height(), frame.captureTimeNanos(), frame.sequence());
        gapBefore[at] = pendingGap;
        gapNanos[at] = pendingGapNanos;
        pendingGap = false;
        size++;
        return dropped;
    }

    /**
     * Records that a frame was lost after the frames now waiting: the next frame offered follows a gap. Of
     * several gaps before the next frame, the first gives the time.
     *
     * @param nowNanos {@link System#nanoTime()}
     */
    synchronized void markGap(long nowNanos) {
        if (!pendingGap) {
            pendingGap = true;
            pendingGapNanos = nowNanos;
        }
    }

    /**
     * Takes the oldest frame.
     *
     * @return it, valid until the next call, or null if none waits
     */
    synchronized EncodedFrame poll() {
        if (size == 0) {
            return null;
        }
        EncodedFrame next = slots[head];
        slots[head] = polled;
        polled = next;
        polledGap = gapBefore[head];
        polledGapNanos = gapNanos[head];
        head = (head + 1) % CAPACITY;
        size--;
        if (size == 0) {
            head = 0;   // a stream that keeps up reuses the same two buffers
        }
        return next;
    }

    /** @return whether a frame was lost just before the frame {@link #poll()} returned last */
    synchronized boolean gapBeforePolled() {
        return polledGap;
    }

    /** @return when that gap became known ({@link System#nanoTime()}) */
    synchronized long polledGapNanos() {
        return polledGapNanos;
    }

    /** @return frames waiting */
    synchronized int size() {
        return size;
    }
}
