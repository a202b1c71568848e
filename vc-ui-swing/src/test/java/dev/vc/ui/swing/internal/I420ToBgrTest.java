package dev.vc.ui.swing.internal;

import dev.vc.api.PixelConversion;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The frame copy, without a display: I420 conversion of known colours, and exact BGR24 passthrough. */
class I420ToBgrTest {
    private static final int TOLERANCE = 2;

    @ParameterizedTest(name = "rgb({0},{1},{2})")
    @CsvSource({"255,0,0", "0,255,0", "0,0,255", "128,128,128", "0,0,0", "255,255,255", "16,200,90"})
    void shouldConvertKnownColoursWithinTolerance(int r, int g, int b) {
        VideoFrame frame = TestFrames.solid(64, 48, PixelFormat.I420, r, g, b);
        byte[] bgr = new byte[64 * 48 * 3];
        PixelConversion.i420ToBgr24(frame.data(), 64, 48, bgr);
        for (int i = 0; i < bgr.length; i += 3) {
            assertNear(b, bgr[i], "blue", i);
            assertNear(g, bgr[i + 1], "green", i);
            assertNear(r, bgr[i + 2], "red", i);
        }
    }

    @Test
    void shouldMapNeutralGreyExactly() {
        VideoFrame frame = TestFrames.solid(16, 16, PixelFormat.I420, 128, 128, 128);
        byte[] bgr = new byte[16 * 16 * 3];
        PixelConversion.i420ToBgr24(frame.data(), 16, 16, bgr);
        byte[] expected = new byte[bgr.length];
        Arrays.fill(expected, (byte) 128);
        assertArrayEquals(expected, bgr);
    }

    @Property(tries = 200)
    void shouldKeepEachTwoByTwoBlockOnItsOwnPixels(@ForAll @IntRange(min = 1, max = 40) int halfWidth,
            @ForAll @IntRange(min = 1, max = 30) int halfHeight, @ForAll @IntRange(min = 0, max = 3) int variant) {
        int width = 2 * halfWidth;
        int height = 2 * halfHeight;
        VideoFrame frame = TestFrames.solid(width, height, PixelFormat.I420, 0, 0, 0);
        int bx = (halfWidth - 1) / 2 * 2;
        int by = (halfHeight - 1) / 2 * 2;
        int[][] colours = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};
        int[] c = colours[variant];
        TestFrames.fillRect(frame, bx, by, 2, 2, c[0], c[1], c[2]);
        byte[] bgr = new byte[width * height * 3];
        PixelConversion.i420ToBgr24(frame.data(), width, height, bgr);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean inside = x >= bx && x < bx + 2 && y >= by && y < by + 2;
                int i = (y * width + x) * 3;
                assertNear(inside ? c[2] : 0, bgr[i], "blue", i);
                assertNear(inside ? c[1] : 0, bgr[i + 1], "green", i);
                assertNear(inside ? c[0] : 0, bgr[i + 2], "red", i);
            }
        }
    }

    @Test
    void shouldPassBgr24ThroughExactly() {
        VideoFrame frame = new VideoFrame(40, 30, PixelFormat.BGR24);
        byte[] data = frame.data();
        for (int i = 0; i < frame.size(); i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        TileBuffer buffer = new TileBuffer(0);
        buffer.write(frame, 1);
        BufferedImage image = buffer.acquire().image();
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, image.getType());
        byte[] raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        assertArrayEquals(Arrays.copyOf(data, frame.size()), raster);
        // And the BGR24 bytes mean what TYPE_3BYTE_BGR says: byte 0 blue, byte 2 red.
        int rgb = image.getRGB(0, 0);
        assertEquals(data[2] & 0xff, (rgb >> 16) & 0xff);
        assertEquals(data[0] & 0xff, rgb & 0xff);
    }

    @Test
    void shouldConvertI420IntoTheImageRaster() {
        TileBuffer buffer = new TileBuffer(0);
        buffer.write(TestFrames.solid(32, 24, PixelFormat.I420, 0, 0, 255), 1);
        BufferedImage image = buffer.acquire().image();
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType(), "the screen's own pixel layout: no conversion to paint");
        int rgb = image.getRGB(10, 10);
        assertTrue(((rgb >> 16) & 0xff) <= TOLERANCE && (rgb & 0xff) >= 255 - TOLERANCE, Integer.toHexString(rgb));
    }

    @Test
    void shouldConvertI420ToIntRgbAsToBgr24() {
        VideoFrame frame = new VideoFrame(48, 32, PixelFormat.I420);
        byte[] data = frame.data();
        for (int i = 0; i < frame.size(); i++) {
            data[i] = (byte) (i * 37 + 11);
        }
        byte[] bgr = new byte[48 * 32 * 3];
        int[] rgb = new int[48 * 32];
        PixelConversion.i420ToBgr24(data, 48, 32, bgr);
        PixelConversion.i420ToIntRgb(data, 48, 32, rgb);
        for (int p = 0; p < rgb.length; p++) {
            int expected = (bgr[3 * p + 2] & 0xff) << 16 | (bgr[3 * p + 1] & 0xff) << 8 | bgr[3 * p] & 0xff;
            assertEquals(expected, rgb[p], "pixel " + p);
        }
    }

    @Test
    void shouldCopyBgrx32IntoAnIntRgbImageExactly() {
        VideoFrame frame = new VideoFrame(40, 30, PixelFormat.BGRX32);
        byte[] data = frame.data();
        for (int i = 0; i < frame.size(); i++) {
            data[i] = (i & 3) == 3 ? 0 : (byte) (i * 31 + 7);
        }
        TileBuffer buffer = new TileBuffer(0);
        buffer.write(frame, 1);
        BufferedImage image = buffer.acquire().image();
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        int[] raster = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int p = 0; p < 40 * 30; p++) {
            int expected = (data[4 * p + 2] & 0xff) << 16 | (data[4 * p + 1] & 0xff) << 8 | data[4 * p] & 0xff;
            assertEquals(expected, raster[p], "pixel " + p + ": byte 0 blue, 1 green, 2 red");
        }
        frame.reset(20, 10, PixelFormat.BGRX32);   // the decoder's array, reused at another size
        TestFrames.fillRect(frame, 0, 0, 20, 10, 200, 100, 50);
        buffer.write(frame, 2);
        BufferedImage smaller = buffer.acquire().image();
        assertEquals(20, smaller.getWidth());
        assertEquals(0xc86432, smaller.getRGB(19, 9) & 0xffffff);
    }

    @Test
    void shouldReuseImagesAndRecreateThemOnlyOnSizeChange() {
        TileBuffer buffer = new TileBuffer(0);
        VideoFrame small = TestFrames.solid(32, 24, PixelFormat.BGR24, 1, 2, 3);
        BufferedImage[] seen = new BufferedImage[6];
        for (int i = 0; i < 6; i++) {
            buffer.write(small, i);
            seen[i] = buffer.acquire().image();
        }
        assertSame(seen[0], seen[3]);   // three images, rotating
        assertSame(seen[1], seen[4]);
        buffer.write(TestFrames.solid(64, 48, PixelFormat.BGR24, 1, 2, 3), 7);
        BufferedImage resized = buffer.acquire().image();
        assertEquals(64, resized.getWidth());
        assertEquals(48, resized.getHeight());
    }

    private static void assertNear(int expected, byte actual, String channel, int index) {
        int value = actual & 0xff;
        assertTrue(Math.abs(expected - value) <= TOLERANCE,
                () -> channel + " at byte " + index + ": expected " + expected + " +-" + TOLERANCE + ", got " + value);
    }
}
