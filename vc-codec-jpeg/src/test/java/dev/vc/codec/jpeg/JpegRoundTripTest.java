package dev.vc.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class JpegRoundTripTest {
    /**
     * Set from measurement: the 640x480 synthetic sequence (seed 1) at q60 measured 39.2 dB luma PSNR with
     * BGR24 input and about 0.1 dB less through I420; the margin covers slot skips changing the frames.
     */
    private static final double MIN_LUMA_PSNR_DB = 37.5;

    private static Encoder encoder(int quality) {
        Config config = Config.empty().with("vc.quality", Integer.toString(quality));
        return new JpegEncoderProvider().create(EncoderSettings.from(config));
    }

    @Test
    void shouldRoundTripTheSyntheticSequenceAtDefaultQuality() {
        roundTrip(PixelFormat.BGR24);
    }

    @Test
    void shouldRoundTripI420InputThroughTheConversion() {
        roundTrip(PixelFormat.I420);
    }

    private static void roundTrip(PixelFormat format) {
        List<VideoFrame> frames = TestFrames.synthetic(640, 480, format, 30);
        EncodedFrame jpeg = new EncodedFrame();
        VideoFrame decoded = new VideoFrame();
        double mseSum = 0;
        long bytes = 0;
        long encodeNanos = 0;
        long decodeNanos = 0;
        try (Encoder encoder = encoder(60); Decoder decoder = new JpegDecoderProvider().create(Config.empty())) {
            for (VideoFrame frame : frames) {
                long t0 = System.nanoTime();
                assertTrue(encoder.encode(frame, jpeg));
                long t1 = System.nanoTime();
                assertTrue(decoder.decode(jpeg, decoded));
                long t2 = System.nanoTime();
                encodeNanos += t1 - t0;
                decodeNanos += t2 - t1;

                assertEquals(VideoCodec.JPEG, jpeg.codec());
                assertTrue(jpeg.keyframe());
                assertEquals(640, jpeg.width());
                assertEquals(480, jpeg.height());
                assertEquals(frame.sequence(), jpeg.sequence());
                assertEquals(frame.captureTimeNanos(), jpeg.captureTimeNanos());
                assertTrue(jpeg.length() > 5_000 && jpeg.length() < 80_000, "JPEG of " + jpeg.length() + " bytes");

                assertEquals(PixelFormat.BGR24, decoded.format());
                assertEquals(640, decoded.width());
                assertEquals(480, decoded.height());
                assertEquals(frame.sequence(), decoded.sequence());
                assertEquals(frame.captureTimeNanos(), decoded.captureTimeNanos());
                mseSum += TestFrames.lumaMse(frame, decoded);
                bytes += jpeg.length();
            }
        }
        double psnr = TestFrames.psnr(mseSum / frames.size());
        System.out.printf("JPEG q60 640x480 %s input: %d bytes/frame, luma PSNR %.2f dB, encode %.2f ms, "
                        + "decode %.2f ms (first 30 frames, cold JIT)%n", format, bytes / frames.size(), psnr,
                encodeNanos / 1e6 / frames.size(), decodeNanos / 1e6 / frames.size());
        assertTrue(psnr > MIN_LUMA_PSNR_DB, "luma PSNR " + psnr + " dB");
    }

    @Test
    void shouldSpendFewerBytesAtLowerQuality() {
        VideoFrame frame = TestFrames.synthetic(320, 240, PixelFormat.BGR24, 1).get(0);
        EncodedFrame low = new EncodedFrame();
        EncodedFrame high = new EncodedFrame();
        try (Encoder q20 = encoder(20); Encoder q90 = encoder(90)) {
            q20.encode(frame, low);
            q90.encode(frame, high);
        }
        assertTrue(low.length() < high.length(), low.length() + " vs " + high.length());
    }

    @Test
    void shouldFollowFrameSizeChangesAndGrowTheOutputBuffer() {
        EncodedFrame jpeg = new EncodedFrame(16);
        VideoFrame decoded = new VideoFrame();
        try (Encoder encoder = encoder(60); Decoder decoder = new JpegDecoderProvider().create(Config.empty())) {
            for (int[] size : new int[][] {{320, 240}, {176, 144}, {640, 480}, {33, 17}}) {
                VideoFrame frame = TestFrames.synthetic(size[0], Math.max(16, size[1]), PixelFormat.BGR24, 1).get(0);
                encoder.encode(frame, jpeg);
                assertEquals(frame.width(), jpeg.width());
                decoder.decode(jpeg, decoded);
                assertEquals(frame.width(), decoded.width());
                assertEquals(frame.height(), decoded.height());
                assertTrue(TestFrames.psnr(TestFrames.lumaMse(frame, decoded)) > 30);
            }
        }
    }
}
