package dev.vc.api;

/**
 * Creates {@link Encoder}s; registered with {@code provides dev.vc.api.EncoderProvider} and selected by
 * {@code vc.codec} (for example {@code jpeg}, {@code h264}, {@code h264-jcodec}).
 */
public interface EncoderProvider extends Provider {
    /** @return the bitstream format this provider's encoders produce */
    VideoCodec codec();

    /**
     * @param settings size, rate and quality
     * @return a new encoder
     * @throws CodecException if the encoder cannot be created with these settings
     */
    Encoder create(EncoderSettings settings);
}
