package dev.vc.api;

/**
 * Shows remote streams to a person (a Swing grid) or to a program (the headless renderer).
 *
 * <p>{@link #onFrame} is called on a receive or decode thread and must return quickly: a renderer copies
 * what it needs (the newest frame wins) and paints on its own thread.
 */
public interface Renderer extends AutoCloseable {
    /**
     * A decoded frame of a remote stream. Valid only during the call.
     *
     * @param stream which stream
     * @param frame  the picture
     */
    void onFrame(RemoteStream stream, VideoFrame frame);

    /**
     * The stream stopped (participant left, or no frame for the stale timeout); remove or grey its tile.
     *
     * @param stream which stream
     */
    void onStreamEnded(RemoteStream stream);

    /** Releases windows and buffers. Idempotent. */
    @Override
    void close();
}
