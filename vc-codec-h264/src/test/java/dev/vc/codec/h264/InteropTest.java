package dev.vc.codec.h264;

import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each encoder's stream decodes with the other provider's decoder: the bitstreams are plain H.264. */
class InteropTest {
    @ParameterizedTest(name = "{0} encoded, {1} decoded")
    @CsvSource({
            "h264,        h264-jcodec,  600000, 36.0",
            "h264-jcodec, h264,        3000000, 30.0",
    })
    void shouldCrossDecodeAKeyframeAndItsPFrames(String encoderName, String decoderName, int bitrate,
                                                 double minPsnr) {
        List<EncodedFrame> stream = Fixtures.encode(encoderName, bitrate, 300, 30);
        List<VideoFrame> frames = Fixtures.frames();
        VideoFrame picture = new VideoFrame();
        double min = Double.MAX_VALUE;
        int decoded = 0;
        try (Decoder decoder = Fixtures.decoder(decoderName)) {
            for (EncodedFrame frame : stream) {
                assertTrue(decoder.decode(frame, picture), "frame " + frame.sequence());
                assertEquals(frame.sequence(), picture.sequence());
                min = Math.min(min, TestSequence.lumaPsnr(frames.get((int) frame.sequence()), picture));
                decoded++;
            }
        }
        System.out.printf("[interop] %s -> %s: %d frames (1 keyframe + %d P), min luma PSNR %.2f dB%n", encoderName,
                decoderName, decoded, decoded - 1, min);
        assertTrue(decoded >= 20, "decoded " + decoded);
        assertTrue(min > minPsnr, "min PSNR " + min);
    }
}
