package dev.vc.codec.h264;

import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encode and decode the test sequence with each provider; measure quality, size and speed. */
class H264RoundTripTest {
    private static final int FRAMES = 120;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "h264,        h264,          600000, 38.0",
            "h264-jcodec, h264-jcodec,  3000000, 30.0",
    })
    void shouldRoundTripTheSequenceAboveThePsnrFloor(String encoderName, String decoderName, int bitrate,
                                                     double minPsnr) {
        List<VideoFrame> frames = Fixtures.frames();
        long encodeNanos = 0;
        long decodeNanos = 0;
        long bytes = 0;
        int encodedCount = 0;
        int decodedCount = 0;
        double psnrSum = 0;
        double psnrMin = Double.MAX_VALUE;
        VideoFrame decoded = new VideoFrame();
        EncodedFrame encoded = new EncodedFrame();
        try (Encoder encoder = Fixtures.encoder(encoderName, bitrate, 300);
             Decoder decoder = Fixtures.decoder(decoderName)) {
            // Warm up the JIT on frames outside the measured range, then start over with a fresh pair.
            for (int i = 0; i < 90; i++) {
                if (encoder.encode(frames.get(FRAMES + i), encoded)) {
                    decoder.decode(encoded, decoded);
                }
            }
        }
        try (Encoder encoder = Fixtures.encoder(encoderName, bitrate, 300);
             Decoder decoder = Fixtures.decoder(decoderName)) {
            for (int i = 0; i < FRAMES; i++) {
                VideoFrame source = frames.get(i);
                long t0 = System.nanoTime();
                boolean got = encoder.encode(source, encoded);
                long t1 = System.nanoTime();
                encodeNanos += t1 - t0;
                if (!got) {
                    continue;
                }
                encodedCount++;
                bytes += encoded.length();
                assertEquals(VideoCodec.H264, encoded.codec());
                assertEquals(source.sequence(), encoded.sequence());
                assertEquals(source.captureTimeNanos(), encoded.captureTimeNanos());
                assertEquals(640, encoded.width());
                assertEquals(480, encoded.height());
                if (i == 0) {
                    assertTrue(encoded.keyframe(), "first frame must be a keyframe");
                }
                long t2 = System.nanoTime();
                boolean picture = decoder.decode(encoded, decoded);
                decodeNanos += System.nanoTime() - t2;
                assertTrue(picture, "frame " + i + " must decode to a picture");
                decodedCount++;
                assertEquals(640, decoded.width());
                assertEquals(480, decoded.height());
                assertEquals(source.sequence(), decoded.sequence());
                double psnr = TestSequence.lumaPsnr(source, decoded);
                psnrSum += psnr;
                psnrMin = Math.min(psnrMin, psnr);
            }
        }
        System.out.printf("[round trip] %s -> %s at %d bit/s: %d/%d frames encoded, encode %.2f ms/frame, "
                        + "decode %.2f ms/frame, %.0f B/frame, luma PSNR avg %.2f dB min %.2f dB%n", encoderName,
                decoderName, bitrate, encodedCount, FRAMES, encodeNanos / 1e6 / Math.max(1, encodedCount),
                decodeNanos / 1e6 / Math.max(1, decodedCount), (double) bytes / Math.max(1, encodedCount),
                psnrSum / Math.max(1, decodedCount), psnrMin);
        assertTrue(decodedCount > FRAMES / 4, "too few frames: " + decodedCount);
        assertTrue(psnrMin > minPsnr, "min luma PSNR " + psnrMin + " dB at or below " + minPsnr);
    }
}
