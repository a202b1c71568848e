package dev.vc.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A simulcast layer switch on a JPEG stream: one decoder gets 640x480 frames, then 320x240 ones (the relay
 * switched the receiver to the small layer), then 640x480 again, and gives each at its own size and picture.
 */
class LayerSwitchTest {
    private static final int SEGMENT = 5;
    private static final int[][] SIZES = {{640, 480}, {320, 240}, {640, 480}};

    @Test
    void shouldDecodeEachFrameAtItsLayersSize() {
        List<VideoFrame> big = TestFrames.synthetic(640, 480, PixelFormat.I420, SIZES.length * SEGMENT);
        List<VideoFrame> small = TestFrames.synthetic(320, 240, PixelFormat.I420, SIZES.length * SEGMENT);
        EncodedFrame jpeg = new EncodedFrame();
        VideoFrame decoded = new VideoFrame();
        try (Encoder bigEncoder = encoder(640, 480); Encoder smallEncoder = encoder(320, 240);
             Decoder decoder = new JpegDecoderProvider().create(Config.empty())) {
            for (int i = 0; i < SIZES.length * SEGMENT; i++) {
                boolean wantSmall = SIZES[i / SEGMENT][0] == 320;
                VideoFrame source = (wantSmall ? small : big).get(i);
                assertTrue((wantSmall ? smallEncoder : bigEncoder).encode(source, jpeg));
                assertTrue(decoder.decode(jpeg, decoded), "frame " + i);
                assertEquals(source.width(), decoded.width(), "frame " + i);
                assertEquals(source.height(), decoded.height(), "frame " + i);
                assertEquals(PixelFormat.BGR24.bufferSize(source.width(), source.height()), decoded.size());
                double psnr = TestFrames.psnr(TestFrames.lumaMse(source, decoded));
                assertTrue(psnr > 30, "frame " + i + " at " + source.width() + ": luma PSNR " + psnr);
            }
        }
    }

    private static Encoder encoder(int width, int height) {
        return new JpegEncoderProvider().create(new EncoderSettings(width, height, 30, 1_000_000, 60, 30,
                Config.empty()));
    }
}
