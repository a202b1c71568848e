package dev.vc.codec.h264.jcodec;

import dev.vc.api.Encoder;
import dev.vc.api.EncoderProvider;
import dev.vc.api.EncoderSettings;
import dev.vc.api.VideoCodec;
import dev.vc.codec.h264.internal.H264Options;

/**
 * The {@code h264-jcodec} encoder: pure Java H.264 (jcodec 0.2.5) with vc's frame-level rate controller. Runs
 * wherever Java does, no natives; about 4x slower than {@code h264} and, lacking skipped macroblocks, unable to
 * go below a few kilobytes per 640x480 frame, so at low bitrates it holds the rate by dropping frames.
 *
 * <pre>{@code
 * Encoder encoder = ProviderRegistry.encoders().byName("h264-jcodec").create(EncoderSettings.from(config));
 * }</pre>
 */
public final class JcodecH264EncoderProvider implements EncoderProvider {
    /** The name {@code vc.codec} selects this provider by. */
    public static final String NAME = "h264-jcodec";

    /** Cheap, as {@link java.util.ServiceLoader} wants. */
    public JcodecH264EncoderProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public VideoCodec codec() {
        return VideoCodec.H264;
    }

    /**
     * Below {@code jpeg} (0): without natives, JPEG is the better default for a room. jcodec's decoder needs
     * about 10 ms a frame at 640x480, so nine remote streams at 30 fps would take almost three cores, while
     * JPEG decodes in about 1.5 ms; jcodec stays one configuration key away ({@code vc.codec=h264-jcodec}).
     */
    @Override
    public int priority() {
        return -10;
    }

    /**
     * 2.5 Mbit/s: lacking skipped macroblocks, jcodec needs about 2 Mbit/s for 30 fps at 640x480 (at the shared
     * 600 kbit/s its rate controller kept 43 of 148 frames, 8.6 fps; at 2.5 Mbit/s all of them:
     * {@code EncodedFrameRateBench}, docs/benchmarks.md).
     */
    public static final int DEFAULT_BITRATE = 2_500_000;

    @Override
    public int defaultBitrate() {
        return DEFAULT_BITRATE;
    }

    @Override
    public Encoder create(EncoderSettings settings) {
        return new JcodecH264Encoder(settings, H264Options.from(settings.config()));
    }

    @Override
    public String toString() {
        return "h264-jcodec (pure Java)";
    }
}
