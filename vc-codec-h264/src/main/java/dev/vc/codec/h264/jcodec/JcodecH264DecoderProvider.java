package dev.vc.codec.h264.jcodec;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.DecoderProvider;
import dev.vc.api.VideoCodec;

/**
 * The {@code h264-jcodec} decoder: pure Java H.264 (jcodec 0.2.5), single-threaded, hardened against damaged
 * input. Decodes the output of both {@code h264} encoders; the fallback when FFmpeg's natives are missing.
 *
 * <pre>{@code
 * Decoder decoder = ProviderRegistry.decoders().byName("h264-jcodec").create(config);
 * }</pre>
 */
public final class JcodecH264DecoderProvider implements DecoderProvider {
    /** The name {@code vc.decoder.h264} selects this provider by. */
    public static final String NAME = "h264-jcodec";

    /** Cheap, as {@link java.util.ServiceLoader} wants. */
    public JcodecH264DecoderProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.H264;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Decoder create(Config config) {
        return new JcodecH264Decoder();
    }

    @Override
    public String toString() {
        return "h264-jcodec (pure Java)";
    }
}
