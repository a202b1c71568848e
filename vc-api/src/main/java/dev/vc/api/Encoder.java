package dev.vc.api;

/**
 * Compresses raw frames into one codec's bitstream. {@link #encode} is called from one thread at a time;
 * {@link #requestKeyframe()} may be called from any thread.
 *
 * <pre>{@code
 * try (Encoder encoder = ProviderRegistry.encoders().byName("jpeg").create(EncoderSettings.from(config))) {
 *     EncodedFrame out = new EncodedFrame();
 *     if (encoder.encode(frame, out)) transport.send(out);
 * }
 * }</pre>
 */
public interface Encoder extends AutoCloseable {
    /** Smallest target bitrate accepted, bits per second (as {@code vc.bitrate}). */
    int MIN_BITRATE = 10_000;
    /** Largest target bitrate accepted, bits per second (as {@code vc.bitrate}). */
    int MAX_BITRATE = 100_000_000;

    /** @return the bitstream format produced */
    VideoCodec codec();

    /** @return the pixel layout {@link #encode} wants (other layouts may be accepted at a conversion cost) */
    PixelFormat inputFormat();

    /**
     * Encodes one frame into {@code out}, replacing its content and copying the frame's stamps.
     *
     * @param frame the raw frame
     * @param out   receives the compressed frame
     * @return true if {@code out} holds a frame to send, false if the encoder skipped this one
     * @throws CodecException if encoding failed
     */
    boolean encode(VideoFrame frame, EncodedFrame out);

    /** Makes the next encoded frame a keyframe. Repeated requests before that frame count once. */
    void requestKeyframe();

    /**
     * Changes the target bitrate from the next frame on, e.g. to follow a congestion controller's estimate.
     * Called from the thread that calls {@link #encode}. Encoders without rate control (JPEG, whose size
     * follows its quality) accept and ignore it: {@link #bitrate()} tells which kind this is.
     *
     * @param bitsPerSecond the new target, {@value #MIN_BITRATE}..{@value #MAX_BITRATE}
     * @throws IllegalArgumentException if out of range
     */
    default void setBitrate(int bitsPerSecond) {
        checkBitrate(bitsPerSecond);
    }

    /**
     * Changes the frame rate the encoder budgets for (bits per frame = bitrate / frame rate), e.g. when the
     * capture rate is lowered to save bandwidth. Called from the thread that calls {@link #encode}; encoders
     * without rate control accept and ignore it.
     *
     * @param framesPerSecond the new rate, 1..240
     * @throws IllegalArgumentException if out of range
     */
    default void setFrameRate(int framesPerSecond) {
        checkFrameRate(framesPerSecond);
    }

    /**
     * Validates a frame rate argument.
     *
     * @param framesPerSecond the value to check
     * @return the value
     * @throws IllegalArgumentException if not in 1..240
     */
    static int checkFrameRate(int framesPerSecond) {
        if (framesPerSecond < 1 || framesPerSecond > 240) {
            throw new IllegalArgumentException("frame rate must be in 1..240, got " + framesPerSecond);
        }
        return framesPerSecond;
    }

    /** @return the current target in bits per second, or 0 if this encoder has no rate control */
    default int bitrate() {
        return 0;
    }

    /**
     * Whether {@link #setBitrate} takes effect without a keyframe or a restart of the encoder: such an encoder may
     * follow a rising congestion estimate as often as a falling one, where one that restarts (and so sends an IDR
     * frame) for each new rate is raised at most once a second.
     *
     * @return true if a new bitrate applies in place, from the next frame on; false by default
     */
    default boolean changesBitrateInPlace() {
        return false;
    }

    /**
     * Validates a bitrate argument.
     *
     * @param bitsPerSecond the value to check
     * @return the value
     * @throws IllegalArgumentException if out of range
     */
    static int checkBitrate(int bitsPerSecond) {
        if (bitsPerSecond < MIN_BITRATE || bitsPerSecond > MAX_BITRATE) {
            throw new IllegalArgumentException("bitrate must be in " + MIN_BITRATE + ".." + MAX_BITRATE + " bit/s, got "
                    + bitsPerSecond);
        }
        return bitsPerSecond;
    }

    /** Releases the encoder's resources (native ones included). Idempotent. */
    @Override
    void close();
}
