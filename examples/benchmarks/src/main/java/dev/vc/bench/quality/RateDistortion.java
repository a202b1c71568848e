package dev.vc.bench.quality;

import dev.vc.api.CodecException;
import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoFrame;

/**
 * Measures one {@link RdPoint}: runs a clip through a fresh encoder, as a call that starts with it would (the
 * first frame a keyframe, rate control starting cold, the provider's defaults otherwise), decodes every encoded
 * frame with the same provider's decoder, and compares each source frame with the picture a receiver shows at
 * that moment: the last one decoded, so a frame the encoder skipped is scored against the picture that stays on
 * screen.
 *
 * <pre>{@code
 * RdPoint point = RateDistortion.measure(clip, CodecSetting.bitrate("h264", 600_000));
 * }</pre>
 *
 * The encoder gets the clip in its own input layout (BGR24 for {@code jpeg}, I420 for H.264), and each frame is
 * compared with that input ({@link LumaPsnr}).
 */
public final class RateDistortion {
    private RateDistortion() {
    }

    /**
     * @param clip    the source frames
     * @param setting the codec setting
     * @return the point
     * @throws CodecException if encoding or decoding fails, or no picture is decoded from the first frame
     * @throws dev.vc.api.UnknownProviderException if the codec is not available here
     */
    public static RdPoint measure(TestClip clip, CodecSetting setting) {
        Config config = setting.config(clip.width(), clip.height());
        try (Encoder encoder = ProviderRegistry.encoders().byName(setting.codec()).create(EncoderSettings.from(config));
             Decoder decoder = ProviderRegistry.decoders().byName(setting.codec()).create(config)) {
            VideoFrame[] input = clip.frames(encoder.inputFormat());
            EncodedFrame encoded = new EncodedFrame();
            VideoFrame shown = new VideoFrame();
            boolean anyShown = false;
            double[] mse = new double[input.length];
            long bytes = 0;
            int encodedFrames = 0;
            for (int i = 0; i < input.length; i++) {
                if (encoder.encode(input[i], encoded)) {
                    bytes += encoded.length();
                    encodedFrames++;
                    anyShown |= decoder.decode(encoded, shown);
                }
                if (!anyShown) {
                    throw new CodecException(setting.codec() + " " + setting.label() + ": no picture decoded for frame "
                            + i + " of " + clip.name());
                }
                mse[i] = LumaPsnr.mse(input[i], shown);
            }
            return RdPoint.of(clip.name(), setting, mse, encodedFrames, bytes);
        }
    }
}
