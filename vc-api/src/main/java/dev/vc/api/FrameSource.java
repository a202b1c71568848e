package dev.vc.api;

/**
 * Where raw frames come from: a camera, a video file, the screen, or the synthetic camera.
 *
 * <p>{@link #read(VideoFrame)} blocks until the next frame is due (a source paces itself at its frame
 * rate) and fills the caller's frame, so a source allocates nothing per frame. One thread reads.
 *
 * <pre>{@code
 * try (FrameSource camera = ProviderRegistry.sources().byName("synthetic").open(SourceSettings.from(config))) {
 *     VideoFrame frame = new VideoFrame();
 *     while (camera.read(frame)) { ... }
 * }
 * }</pre>
 */
public interface FrameSource extends AutoCloseable {
    /** @return width of the frames this source delivers */
    int width();

    /** @return height of the frames this source delivers */
    int height();

    /** @return pixel layout of the frames this source delivers */
    PixelFormat format();

    /** @return the frame rate this source delivers (which may differ from the one asked for) */
    double frameRate();

    /**
     * Waits for the next frame and writes it into {@code into}, stamped with its capture time and sequence.
     *
     * @param into the frame to fill; resized as needed
     * @return false at the end of the stream (file ended, source closed), true otherwise
     * @throws SourceException if the device failed; the source is then unusable
     */
    boolean read(VideoFrame into);

    /** Releases the device; a blocked {@link #read} returns false. Idempotent. */
    @Override
    void close();
}
