package dev.vc.codec.jpeg.internal;

import dev.vc.api.PixelConversion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.PixelFormat;
import org.junit.jupiter.api.Test;

class I420ToBgrTest {
    private static byte[] i420(int width, int height, int y, int u, int v) {
        byte[] frame = new byte[PixelFormat.I420.bufferSize(width, height)];
        java.util.Arrays.fill(frame, 0, width * height, (byte) y);
        java.util.Arrays.fill(frame, width * height, width * height + width * height / 4, (byte) u);
        java.util.Arrays.fill(frame, width * height + width * height / 4, frame.length, (byte) v);
        return frame;
    }

    private static int[] firstPixel(byte[] i420, int width, int height) {
        byte[] bgr = new byte[width * height * 3];
        PixelConversion.i420ToBgr24(i420, width, height, bgr);
        return new int[] {bgr[0] & 0xFF, bgr[1] & 0xFF, bgr[2] & 0xFF};
    }

    @Test
    void shouldKeepGreyGrey() {
        for (int y = 0; y < 256; y += 15) {
            int[] bgr = firstPixel(i420(4, 4, y, 128, 128), 4, 4);
            assertEquals(y, bgr[0]);
            assertEquals(y, bgr[1]);
            assertEquals(y, bgr[2]);
        }
    }

    @Test
    void shouldInvertTheJfifMatrix() {
        // Pure red in BT.601 full range: Y 76.2, Cb 85.0, Cr 255.5 (clipped to 255).
        int[] red = firstPixel(i420(2, 2, 76, 85, 255), 2, 2);
        assertTrue(red[2] >= 253, "R " + red[2]);
        assertTrue(red[1] <= 2, "G " + red[1]);
        assertTrue(red[0] <= 2, "B " + red[0]);
    }

    @Test
    void shouldClampOutOfGamutValues() {
        int[] bgr = firstPixel(i420(2, 2, 255, 255, 255), 2, 2);
        assertEquals(255, bgr[0]);
        assertEquals(255, bgr[2]);
        int[] dark = firstPixel(i420(2, 2, 0, 0, 0), 2, 2);
        assertEquals(0, dark[0]);
        assertEquals(0, dark[2]);
    }

    @Test
    void shouldShareChromaAcrossEach2x2Block() {
        int width = 4;
        int height = 2;
        byte[] frame = i420(width, height, 100, 128, 128);
        frame[width * height + 1] = (byte) 200; // U of the right-hand block
        byte[] bgr = new byte[width * height * 3];
        PixelConversion.i420ToBgr24(frame, width, height, bgr);
        assertEquals(100, bgr[0] & 0xFF, "left block unchanged");
        assertEquals(bgr[3 * 2] & 0xFF, bgr[3 * 3] & 0xFF, "right block pixels share blue");
        assertEquals(bgr[3 * 2] & 0xFF, bgr[3 * (width + 3)] & 0xFF, "and the row below");
        assertTrue((bgr[3 * 2] & 0xFF) > 200, "more blue");
    }
}
