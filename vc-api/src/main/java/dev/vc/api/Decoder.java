package dev.vc.api;

/**
 * Decompresses one stream's frames. Used from one thread at a time; one decoder per remote stream.
 */
public interface Decoder extends AutoCloseable {
    /** @return the bitstream format consumed */
    VideoCodec codec();

    /**
     * Decodes one frame into {@code out}, reusing its buffer, and copies the encoded frame's stamps.
     *
     * @param frame a complete compressed frame
     * @param out   receives the picture, in whatever {@link PixelFormat} the decoder produces
     * @return true if {@code out} holds a new picture, false if none came out (e.g. waiting for a keyframe)
     * @throws CodecException if the bitstream is corrupt; the decoder stays usable for later frames
     */
    boolean decode(EncodedFrame frame, VideoFrame out);

    /** Releases the decoder's resources (native ones included). Idempotent. */
    @Override
    void close();
}
