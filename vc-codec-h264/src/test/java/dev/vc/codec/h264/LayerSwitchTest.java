package dev.vc.codec.h264;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelConversion;
import dev.vc.api.PixelFormat;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoFrame;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A simulcast layer switch as a receiver sees it: one stream whose picture size changes at a keyframe
 * (640x480, then 320x240, then 640x480 again), made the way the relay makes it, from two encoders of one source
 * that both run all along, the stream taking the other encoder's output from a keyframe it was asked for on.
 * Every decoder must give each frame at its own size with the right picture, and no buffer of the old size.
 */
class LayerSwitchTest {
    /** Frames per segment: 640x480, 320x240, 640x480. */
    private static final int SEGMENT = 8;
    private static final int[][] SIZES = {{640, 480}, {320, 240}, {640, 480}};

    @ParameterizedTest(name = "{0} encoders, {1} decoder, {2} output")
    @CsvSource({"h264, h264, i420", "h264, h264, bgr24", "h264, h264, bgrx32", "h264, h264-jcodec, i420",
            "h264-jcodec, h264, i420", "h264-jcodec, h264, bgr24", "h264-jcodec, h264-jcodec, i420"})
    void shouldDecodeEachFrameAtItsLayersSize(String encoderName, String decoderName, String output) {
        List<EncodedFrame> stream = switchingStream(encoderName);
        VideoFrame picture = new VideoFrame();
        VideoFrame expected = new VideoFrame();
        try (Decoder decoder = ProviderRegistry.decoders().byName(decoderName)
                .create(Config.of(Map.of("vc.decoder.output", output)))) {
            for (int i = 0; i < stream.size(); i++) {
                EncodedFrame frame = stream.get(i);
                int[] size = SIZES[i / SEGMENT];
                assertTrue(decoder.decode(frame, picture), "frame " + i + " gives a picture");
                assertEquals(size[0], picture.width(), "frame " + i);
                assertEquals(size[1], picture.height(), "frame " + i);
                PixelFormat format = PixelFormat.valueOf(output.toUpperCase(java.util.Locale.ROOT));
                assertEquals(format, picture.format());
                assertEquals(format.bufferSize(size[0], size[1]), picture.size(), "valid bytes follow the size");
                assertEquals(i, picture.sequence(), "stamps carried over");
                double psnr = psnr(TestSequence.frame(i, size[0], size[1], expected), picture);
                assertTrue(psnr > 25, "frame " + i + " at " + size[0] + "x" + size[1] + ": PSNR " + psnr);
            }
        }
    }

    @Test
    void shouldNotGrowNativeMemoryOverManySwitches() {
        List<EncodedFrame> stream = switchingStream("h264");
        VideoFrame picture = new VideoFrame();
        try (Decoder i420 = Fixtures.decoder("h264");
             Decoder bgr = ProviderRegistry.decoders().byName("h264")
                     .create(Config.of(Map.of("vc.decoder.output", "bgr24")));
             Decoder bgrx = ProviderRegistry.decoders().byName("h264")
                     .create(Config.of(Map.of("vc.decoder.output", "bgrx32")))) {
            decodeRounds(stream, picture, 30, i420, bgr, bgrx);
            long start = nativeBytes();
            decodeRounds(stream, picture, 30, i420, bgr, bgrx);
            long middle = nativeBytes();
            decodeRounds(stream, picture, 30, i420, bgr, bgrx);
            long end = nativeBytes();
            System.out.printf("[layer switch] native memory over two windows of 60 size switches: %+.1f MB, "
                    + "then %+.1f MB%n", (middle - start) / 1e6, (end - middle) / 1e6);
            assertTrue(end - middle < 16L << 20, "still growing: " + (end - middle) / 1_000_000 + " MB");
        }
    }

    private static void decodeRounds(List<EncodedFrame> stream, VideoFrame picture, int rounds, Decoder... decoders) {
        for (int round = 0; round < rounds; round++) {
            for (EncodedFrame frame : stream) {
                for (Decoder decoder : decoders) {
                    assertTrue(decoder.decode(frame, picture));
                }
            }
        }
    }

    /**
     * Two encoders (640x480 and 320x240) fed the same moving picture at their sizes, every frame; the stream
     * takes 640x480 for a segment, then asks the 320x240 encoder for a keyframe and takes its output, then
     * switches back the same way.
     */
    static List<EncodedFrame> switchingStream(String encoderName) {
        List<EncodedFrame> stream = new ArrayList<>();
        try (Encoder big = encoder(encoderName, 640, 480); Encoder small = encoder(encoderName, 320, 240)) {
            VideoFrame bigPicture = new VideoFrame();
            VideoFrame smallPicture = new VideoFrame();
            EncodedFrame bigOut = new EncodedFrame();
            EncodedFrame smallOut = new EncodedFrame();
            for (int i = 0; i < SIZES.length * SEGMENT; i++) {
                boolean wantSmall = SIZES[i / SEGMENT][0] == 320;
                if (i > 0 && i % SEGMENT == 0) {
                    (wantSmall ? small : big).requestKeyframe();   // what the relay asks for before a switch
                }
                assertTrue(big.encode(TestSequence.frame(i, 640, 480, bigPicture), bigOut), "640x480 frame " + i);
                assertTrue(small.encode(TestSequence.frame(i, 320, 240, smallPicture), smallOut), "320 frame " + i);
                EncodedFrame taken = wantSmall ? smallOut : bigOut;
                assertEquals(i % SEGMENT == 0, taken.keyframe(), "a segment starts at a keyframe, frame " + i);
                stream.add(Fixtures.copy(taken));
            }
        }
        return stream;
    }

    private static Encoder encoder(String name, int width, int height) {
        // A high rate and no periodic keyframes: the only keyframes are the first and the requested ones.
        return ProviderRegistry.encoders().byName(name).create(new EncoderSettings(width, height, TestSequence.FPS,
                4_000_000, 60, 10_000, Config.empty()));
    }

    /**
     * PSNR over every sample of the picture, the I420 source converted when the picture is BGR24 or BGRX32 (whose
     * unused fourth bytes are left out).
     */
    private static double psnr(VideoFrame source, VideoFrame picture) {
        byte[] expected = source.data();
        if (picture.format() != PixelFormat.I420) {
            expected = new byte[PixelFormat.BGR24.bufferSize(source.width(), source.height())];
            PixelConversion.i420ToBgr24(source.data(), source.width(), source.height(), expected);
        }
        byte[] actual = picture.data();
        boolean padded = picture.format() == PixelFormat.BGRX32;
        long sse = 0;
        int n = padded ? picture.size() / 4 * 3 : picture.size();
        for (int i = 0; i < n; i++) {
            int e = (expected[i] & 0xff) - (actual[padded ? i / 3 * 4 + i % 3 : i] & 0xff);
            sse += (long) e * e;
        }
        return sse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 * n / sse);
    }

    /** Resident memory not explained by the Java heap. */
    private static long nativeBytes() {
        System.gc();
        return Pointer.physicalBytes() - Runtime.getRuntime().totalMemory();
    }
}
