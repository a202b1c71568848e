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

    /** Releases the encoder's resources (native ones included). Idempotent. */
    @Override
    void close();
}
