package dev.vc.codec.jpeg;

import dev.vc.api.Availability;
import dev.vc.api.CodecException;
import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.DecoderProvider;
import dev.vc.api.VideoCodec;
import dev.vc.codec.jpeg.internal.ImageIoJpeg;
import dev.vc.codec.jpeg.internal.JpegDecoder;

/**
 * Creates JPEG decoders (provider name {@value #NAME}) on the JDK's {@code javax.imageio} JPEG reader.
 *
 * <p>Decoders write {@link dev.vc.api.PixelFormat#BGR24} pictures straight into the output frame's buffer.
 * Corrupt or truncated input gives a {@link CodecException}, after which the decoder still decodes the
 * next good frame.
 *
 * <pre>{@code
 * try (Decoder decoder = ProviderRegistry.decoderFor(config, VideoCodec.JPEG).create(config)) {
 *     VideoFrame picture = new VideoFrame();
 *     if (decoder.decode(jpeg, picture)) renderer.render(picture);
 * }
 * }</pre>
 */
public final class JpegDecoderProvider implements DecoderProvider {
    /** The provider name, also accepted by {@code vc.decoder.jpeg}. */
    public static final String NAME = "jpeg";

    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
    public JpegDecoderProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.JPEG;
    }

    @Override
    public Availability availability() {
        return ImageIoJpeg.availability();
    }

    /**
     * @param config not used; the JPEG decoder has no settings
     * @return a new decoder
     * @throws CodecException if no JPEG reader is installed
     */
    @Override
    public Decoder create(Config config) {
        return new JpegDecoder();
    }
}
