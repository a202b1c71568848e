package dev.vc.api;

/**
 * Creates {@link Decoder}s; registered with {@code provides dev.vc.api.DecoderProvider}. The receiver picks
 * one per incoming stream from the stream's codec ({@link ProviderRegistry#decoderFor}).
 */
public interface DecoderProvider extends Provider {
    /** @return the bitstream format this provider's decoders consume */
    VideoCodec codec();

    /**
     * @param config the configuration, for provider-specific keys
     * @return a new decoder
     * @throws CodecException if the decoder cannot be created
     */
    Decoder create(Config config);
}
