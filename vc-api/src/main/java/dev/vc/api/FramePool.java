package dev.vc.api;

import java.util.ArrayDeque;

/**
 * A bounded pool of reusable {@link VideoFrame}s.
 *
 * <p>{@link #acquire()} hands out a pooled frame, or a new one while fewer than {@code capacity} frames
 * exist; once the pool is exhausted it returns {@code null} and the caller drops its work and counts it.
 * The pool never holds more than {@code capacity} frames, so memory stays bounded. Thread-safe.
 */
public final class FramePool {
    private final ArrayDeque<VideoFrame> free;
    private final int capacity;
    private int created;

    /**
     * @param capacity the most frames this pool will ever create
     */
    public FramePool(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        this.free = new ArrayDeque<>(capacity);
    }

    /** @return a frame to fill, or {@code null} if all {@code capacity} frames are in use */
    public synchronized VideoFrame acquire() {
        VideoFrame frame = free.pollFirst();
        if (frame == null && created < capacity) {
            created++;
            frame = new VideoFrame();
        }
        return frame;
    }

    /**
     * Gives a frame back for reuse.
     *
     * @param frame a frame obtained from {@link #acquire()}
     */
    public synchronized void release(VideoFrame frame) {
        if (free.size() < created) {
            free.addFirst(frame);
        }
    }

    /** @return the number of frames this pool has created so far */
    public synchronized int created() {
        return created;
    }
}
