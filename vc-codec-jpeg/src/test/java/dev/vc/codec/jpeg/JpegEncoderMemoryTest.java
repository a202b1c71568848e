package dev.vc.codec.jpeg;

import dev.vc.api.Config;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An encoder keeps nothing per frame: the JDK's JPEG writer, reused without a reset, held each write's scan-line
 * buffer (three bytes per pixel of a row) through a JNI global reference for good, so a long call's heap grew by
 * about 1.9 KB per 640x480 frame (here, 3,000 frames of 320x240: about 2.9 MB).
 */
class JpegEncoderMemoryTest {
    private static final int FRAMES = 3_000;

    @Test
    void shouldKeepNothingPerFrame() throws InterruptedException {
        List<VideoFrame> frames = TestFrames.synthetic(320, 240, PixelFormat.BGR24, 10);
        EncodedFrame out = new EncodedFrame();
        try (Encoder encoder = new JpegEncoderProvider().create(EncoderSettings.from(Config.empty()))) {
            for (int i = 0; i < 200; i++) {
                assertTrue(encoder.encode(frames.get(i % frames.size()), out));   // warm: what stays is made
            }
            long before = liveHeapBytes();
            for (int i = 0; i < FRAMES; i++) {
                assertTrue(encoder.encode(frames.get(i % frames.size()), out));
            }
            long grown = liveHeapBytes() - before;
            long leakedBefore = (long) FRAMES * 320 * 3;
            assertTrue(grown < leakedBefore / 3, "the live heap grew by " + grown + " B over " + FRAMES
                    + " frames (a scan line kept per frame would be " + leakedBefore + " B)");
        }
    }

    private static long liveHeapBytes() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
