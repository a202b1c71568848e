package dev.vc.codec.jpeg;

import dev.vc.api.Availability;
import dev.vc.api.CodecException;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderProvider;
import dev.vc.api.EncoderSettings;
import dev.vc.api.VideoCodec;
import dev.vc.codec.jpeg.internal.ImageIoJpeg;
import dev.vc.codec.jpeg.internal.JpegEncoder;

/**
 * Creates JPEG encoders (provider name {@value #NAME}) on the JDK's {@code javax.imageio} JPEG writer.
 *
 * <p>Every encoded frame is a keyframe: baseline JFIF, 4:2:0 chroma subsampling, 8-bit quantisation tables
 * scaled from the standard ones by {@link EncoderSettings#quality()} (1..100, 60 by default through
 * {@code vc.quality}), the standard Huffman tables, no restart interval and no thumbnail, which is what the
 * RTP/JPEG payload format (RFC 2435, type 1) can carry. Input is {@link dev.vc.api.PixelFormat#BGR24};
 * I420 frames are accepted and converted (BT.601 full range) into a reused buffer.
 *
 * <pre>{@code
 * try (Encoder encoder = ProviderRegistry.encoders().byName("jpeg").create(EncoderSettings.from(config))) {
 *     EncodedFrame out = new EncodedFrame();
 *     encoder.encode(frame, out);
 * }
 * }</pre>
 */
public final class JpegEncoderProvider implements EncoderProvider {
    /** The provider name users select with {@code vc.codec=jpeg}. */
    public static final String NAME = "jpeg";

    /** Creates the provider; cheap, as {@link java.util.ServiceLoader} requires. */
    public JpegEncoderProvider() {
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
     * @param settings only {@link EncoderSettings#quality()} matters; the picture size follows each frame
     * @return a new encoder
     * @throws CodecException if the quality is outside 1..100 or no JPEG writer is installed
     */
    @Override
    public Encoder create(EncoderSettings settings) {
        return new JpegEncoder(settings.quality());
    }
}
