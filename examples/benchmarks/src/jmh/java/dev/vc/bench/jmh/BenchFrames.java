package dev.vc.bench.jmh;

import dev.vc.api.CoreSettings;
import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoFrame;
import dev.vc.bench.quality.LumaPsnr;
import dev.vc.bench.quality.TestSequences;

import java.util.ArrayList;
import java.util.List;

/**
 * Codec settings and encoded GOPs shared by the codec benchmarks and {@link FfmpegCliBaseline}; nothing here is
 * measured. The raw frames come from {@link TestSequences} ({@value TestSequences#SYNTHETIC}: vc's synthetic
 * camera; {@value TestSequences#DETAILED}: FFmpeg's {@code testsrc2} with sensor-like noise), in the pixel format the
 * encoder under test wants (I420 for H.264, BGR24 for JPEG), both formats from the same picture; luma PSNR comes
 * from {@link LumaPsnr}.
 */
final class BenchFrames {
    private BenchFrames() {
    }

    /**
     * The configuration each codec is benchmarked with: 640x480-style size, 30 fps, quality 60, keyframe
     * interval 60 (the defaults); {@code h264} at the default 600 kbit/s; {@code h264-jcodec} at 3 Mbit/s (what
     * the README quotes) without frame skipping, so that every call really encodes.
     */
    static Config codecConfig(String codec, int width, int height) {
        Config config = Config.empty().with(CoreSettings.WIDTH, width)
                .with(CoreSettings.HEIGHT, height).with(CoreSettings.FPS, 30);
        if (codec.equals("h264-jcodec")) {
            config = config.with(CoreSettings.BITRATE, 3_000_000).with("vc.h264.jcodec.frameskip", "false");
        }
        return config;
    }

    /**
     * @param codec the encoder provider name
     * @return the pixel format its encoder takes without conversion
     */
    static PixelFormat inputFormat(String codec, int width, int height) {
        try (Encoder encoder = ProviderRegistry.encoders().byName(codec)
                .create(EncoderSettings.from(codecConfig(codec, width, height)))) {
            return encoder.inputFormat();
        }
    }

    /** Index of op {@code n} in a ping-pong walk over {@code count} frames: 0..count-1, count-2..1, 0.. */
    static int pingPong(long n, int count) {
        if (count == 1) {
            return 0;
        }
        int period = 2 * (count - 1);
        int i = (int) (n % period);
        return i < count ? i : period - i;
    }

    /**
     * Encodes a sequence the way a sender would (an encoder that has already run {@code warmFrames} frames of the
     * same content, then a requested keyframe), decodes it, and measures size and luma PSNR.
     *
     * @param codec      provider name (encoder and decoder)
     * @param frames     raw frames in the encoder's input format
     * @param warmFrames frames to encode first (ping-pong), so rate control settles
     * @return the encoded GOP (first frame a keyframe) and its figures
     */
    static Encoded encodeGop(String codec, VideoFrame[] frames, int warmFrames) {
        int width = frames[0].width();
        int height = frames[0].height();
        Config config = codecConfig(codec, width, height);
        List<EncodedFrame> gop = new ArrayList<>();
        try (Encoder encoder = ProviderRegistry.encoders().byName(codec).create(EncoderSettings.from(config));
             Decoder decoder = ProviderRegistry.decoders().byName(codec).create(config)) {
            EncodedFrame scratch = new EncodedFrame();
            for (int n = 0; n < warmFrames; n++) {
                encoder.encode(frames[pingPong(n, frames.length)], scratch);
            }
            encoder.requestKeyframe();
            for (VideoFrame frame : frames) {
                EncodedFrame out = new EncodedFrame();
                if (encoder.encode(frame, out)) {
                    gop.add(out);
                }
            }
            if (gop.isEmpty() || !gop.get(0).keyframe()) {
                throw new IllegalStateException(codec + ": the sequence does not start with a keyframe");
            }
            long bytes = 0;
            long keyBytes = gop.get(0).length();
            double mse = 0;
            VideoFrame decoded = new VideoFrame();
            int pictures = 0;
            for (int i = 0; i < gop.size(); i++) {
                EncodedFrame e = gop.get(i);
                bytes += e.length();
                if (decoder.decode(e, decoded)) {
                    mse += LumaPsnr.mse(frames[(int) e.sequence()], decoded);
                    pictures++;
                }
            }
            double psnr = LumaPsnr.psnr(mse / Math.max(1, pictures));
            return new Encoded(gop.toArray(new EncodedFrame[0]), (double) bytes / gop.size(), keyBytes,
                    gop.size() > 1 ? (double) (bytes - keyBytes) / (gop.size() - 1) : keyBytes, psnr, pictures);
        }
    }

    /**
     * An encoded sequence and its figures.
     *
     * @param frames          the access units, the first a keyframe
     * @param bytesPerFrame   mean size over all of them
     * @param keyframeBytes   size of the first (the keyframe)
     * @param deltaBytes      mean size of the others
     * @param lumaPsnr        luma PSNR in dB from the mean squared error over all decoded pictures
     * @param decodedPictures pictures the decoder gave back
     */
    record Encoded(EncodedFrame[] frames, double bytesPerFrame, long keyframeBytes, double deltaBytes,
                   double lumaPsnr, int decodedPictures) {
        String describe() {
            return String.format(java.util.Locale.ROOT,
                    "%d frames, %.0f B/frame (keyframe %d B, others %.0f B), luma PSNR %.2f dB, %d decoded",
                    frames.length, bytesPerFrame, keyframeBytes, deltaBytes, lumaPsnr, decodedPictures);
        }
    }
}
