package dev.vc.api;

/**
 * A raw (decoded) video frame whose buffer is reused from frame to frame.
 *
 * <p>A frame is a mutable slot: a source or decoder fills it with {@link #reset(int, int, PixelFormat)}
 * followed by writes into {@link #data()}, then stamps it. The buffer only grows, so a frame that is
 * refilled with the same size allocates nothing. Frames are owned by whoever allocated them (a slot of the
 * capture-to-send ring, a stream's decoder); receivers must not keep a reference after the call that handed
 * them the frame returns.
 *
 * <pre>{@code
 * VideoFrame frame = new VideoFrame();
 * frame.reset(640, 480, PixelFormat.I420);
 * source.read(frame);            // fills data(), stamps capture time and sequence
 * }</pre>
 */
public final class VideoFrame {
    private byte[] data = new byte[0];
    private int width;
    private int height;
    private PixelFormat format = PixelFormat.I420;
    private long captureTimeNanos;
    private long sequence;

    /** Creates an empty frame; its buffer is sized by the first {@link #reset}. */
    public VideoFrame() {
    }

    /**
     * Creates a frame with a buffer for the given size and format.
     *
     * @param width  width in pixels
     * @param height height in pixels
     * @param format pixel layout
     */
    public VideoFrame(int width, int height, PixelFormat format) {
        reset(width, height, format);
    }

    /**
     * Sets the frame's geometry and makes sure its buffer is large enough, reusing it when it is.
     *
     * @param width  width in pixels, positive (even for I420)
     * @param height height in pixels, positive (even for I420)
     * @param format pixel layout
     * @return this frame
     * @throws IllegalArgumentException if the size is not valid for the format
     */
    public VideoFrame reset(int width, int height, PixelFormat format) {
        checkSize(width, height, format);
        int size = format.bufferSize(width, height);
        if (data.length < size) {
            data = new byte[size];
        }
        this.width = width;
        this.height = height;
        this.format = format;
        return this;
    }

    /**
     * Validates a frame geometry.
     *
     * @param width  width in pixels
     * @param height height in pixels
     * @param format pixel layout
     * @throws IllegalArgumentException if the size is not positive, not even for I420, or too large
     */
    public static void checkSize(int width, int height, PixelFormat format) {
        if (width <= 0 || height <= 0 || width > 8192 || height > 8192) {
            throw new IllegalArgumentException("frame size out of range 1..8192: " + width + "x" + height);
        }
        if (format == PixelFormat.I420 && ((width | height) & 1) != 0) {
            throw new IllegalArgumentException("I420 needs an even width and height: " + width + "x" + height);
        }
    }

    /** @return the pixel buffer; valid bytes are {@code [0, size())}, the rest is spare capacity */
    public byte[] data() {
        return data;
    }

    /** @return the number of valid bytes in {@link #data()} for the current geometry */
    public int size() {
        return format.bufferSize(width, height);
    }

    /** @return width in pixels */
    public int width() {
        return width;
    }

    /** @return height in pixels */
    public int height() {
        return height;
    }

    /** @return the pixel layout */
    public PixelFormat format() {
        return format;
    }

    /** @return capture time on the {@link MediaClock}, in nanoseconds since the Unix epoch */
    public long captureTimeNanos() {
        return captureTimeNanos;
    }

    /** @return the source's frame counter, starting at 0 */
    public long sequence() {
        return sequence;
    }

    /**
     * Stamps the frame with its capture time and sequence number.
     *
     * @param captureTimeNanos capture time on the {@link MediaClock}, nanoseconds since the epoch
     * @param sequence         the source's frame counter
     * @return this frame
     */
    public VideoFrame stamp(long captureTimeNanos, long sequence) {
        this.captureTimeNanos = captureTimeNanos;
        this.sequence = sequence;
        return this;
    }

    /**
     * Copies geometry, stamps and pixels from another frame into this one, reusing this buffer.
     *
     * @param other the frame to copy
     * @return this frame
     */
    public VideoFrame copyFrom(VideoFrame other) {
        reset(other.width, other.height, other.format);
        System.arraycopy(other.data, 0, data, 0, other.size());
        return stamp(other.captureTimeNanos, other.sequence);
    }

    @Override
    public String toString() {
        return "VideoFrame[" + width + "x" + height + " " + format + " #" + sequence + "]";
    }
}
