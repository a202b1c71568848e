package dev.vc.api;

/**
 * Shows remote streams to a person (a Swing grid) or to a program (the headless renderer).
 *
 * <p>{@link #onFrame} is called on a receive or decode thread and must return quickly: a renderer copies
 * what it needs (the newest frame wins) and paints on its own thread.
 *
 * <p>A renderer that lays streams out on a screen also says at what size it shows each one
 * ({@link #setViewSizeListener}), so that with simulcast the relay forwards the smallest layer that fills the
 * tile. A renderer that shows nothing (the headless one) reports nothing, and the relay then forwards the largest
 * layer the receiver's bandwidth allows.
 */
public interface Renderer extends AutoCloseable {
    /**
     * A decoded frame of a remote stream. Valid only during the call.
     *
     * <p>A stream's picture size may change from one frame to the next (the relay switched it to another
     * simulcast layer of the same sender, at a keyframe): the renderer takes each frame's own
     * {@link VideoFrame#width()} and {@link VideoFrame#height()} and scales it into the same tile.
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

    /**
     * A participant is in the room, whether it sends video or not: a renderer that shows people (the Swing grid)
     * gives it a place from now until {@link #onParticipantGone}, a placeholder with its name while no picture
     * comes, and keeps that place when its stream ends ({@link #onStreamEnded}). The stream is the one its
     * pictures would come on (the member's SSRC, its codec, its display name as the label). Any thread. The
     * default ignores it.
     *
     * @param stream the participant's stream
     */
    default void onParticipantPresent(RemoteStream stream) {
    }

    /**
     * The participant of an {@link #onParticipantPresent} left the room: its place goes. Any thread. The default
     * ignores it.
     *
     * @param stream the participant's stream, as given to {@link #onParticipantPresent}
     */
    default void onParticipantGone(RemoteStream stream) {
    }

    /**
     * Registers who is told the size at which this renderer shows each remote stream; a participant registers
     * itself when it is built, and tells the relay. The default does nothing: a renderer that shows nothing
     * (the headless one) never reports, and needs no code for it.
     *
     * @param listener told of each stream's view size from now on; replaces any earlier listener
     */
    default void setViewSizeListener(ViewSizeListener listener) {
    }

    /** Releases windows and buffers. Idempotent. */
    @Override
    void close();

    /**
     * Told at what size a renderer shows each remote stream: the device pixels (after any desktop scaling) of
     * the area the stream's picture is drawn in, without its cell's margins; {@code 0 x 0} when it is not shown
     * at all (the window is minimised, the tile hidden). With simulcast the relay then forwards the smallest
     * layer of that sender that fills the area.
     *
     * <p>What a renderer promises: it reports a stream once it has laid out a tile for it, then again whenever a
     * layout change (window resized, a stream added or ended, window minimised or restored) changed the size by
     * more than {@link #SLACK_PIXELS} in either direction, or to or from {@code 0 x 0}
     * ({@link #changed}); at most once per stream per {@link #MIN_INTERVAL_MILLIS} or so (coalesced: the last
     * size of a burst is the one reported). It may call from any thread; the listener returns at once.
     *
     * <p>A stream reported at {@code 0 x 0} gets no more frames, so after the stale timeout its stream ends
     * ({@link #onStreamEnded}); a renderer that shows such a stream again must report a non-zero size for it
     * (keeping its {@link RemoteStream}) to have frames flow again. A stream that ended while shown needs
     * nothing: the relay keeps the size it last had.
     *
     * <pre>{@code
     * final class MyRenderer implements Renderer {
     *     private volatile Renderer.ViewSizeListener sizes = (stream, w, h) -> { };
     *
     *     public void setViewSizeListener(Renderer.ViewSizeListener listener) {
     *         this.sizes = listener;
     *     }
     *
     *     void laidOut(RemoteStream stream, Rectangle videoArea, double uiScale) {   // on the UI thread
     *         sizes.onViewSize(stream, (int) Math.round(videoArea.width * uiScale),
     *                 (int) Math.round(videoArea.height * uiScale));
     *     }
     *     ...
     * }
     * }</pre>
     */
    @FunctionalInterface
    interface ViewSizeListener {
        /** Changes of at most this many pixels in each direction are not worth reporting. */
        int SLACK_PIXELS = 4;

        /** A renderer reports a stream's size at most about this often. */
        long MIN_INTERVAL_MILLIS = 500;

        /**
         * @param stream whose picture
         * @param width  device pixels across the picture's area, 0..65535; 0 with a height of 0 when not shown
         * @param height device pixels down the picture's area, 0..65535
         */
        void onViewSize(RemoteStream stream, int width, int height);

        /**
         * Whether a view size is worth reporting after the one reported before.
         *
         * @param fromWidth  width reported before
         * @param fromHeight height reported before
         * @param toWidth    width now
         * @param toHeight   height now
         * @return true if it went to or from {@code 0 x 0} (hidden, shown) or moved by more than
         *         {@link #SLACK_PIXELS} in width or height
         */
        static boolean changed(int fromWidth, int fromHeight, int toWidth, int toHeight) {
            boolean wasHidden = fromWidth == 0 || fromHeight == 0;
            boolean isHidden = toWidth == 0 || toHeight == 0;
            if (wasHidden || isHidden) {
                return wasHidden != isHidden;
            }
            return Math.abs(toWidth - fromWidth) > SLACK_PIXELS || Math.abs(toHeight - fromHeight) > SLACK_PIXELS;
        }
    }
}
