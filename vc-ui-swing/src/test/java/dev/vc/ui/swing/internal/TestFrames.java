package dev.vc.ui.swing.internal;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;

/** Builds test pictures: solid colours in every format and a moving pattern. */
public final class TestFrames {
    private TestFrames() {
    }

    /** @return JFIF (BT.601 full-range) Y, U, V of an RGB colour */
    public static int[] yuv(int r, int g, int b) {
        int y = clamp(Math.round(0.299 * r + 0.587 * g + 0.114 * b));
        int u = clamp(Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b));
        int v = clamp(Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b));
        return new int[] {y, u, v};
    }

    private static int clamp(long value) {
        return (int) Math.max(0, Math.min(255, value));
    }

    /** @return a frame of one colour in the given format */
    public static VideoFrame solid(int width, int height, PixelFormat format, int r, int g, int b) {
        VideoFrame frame = new VideoFrame(width, height, format);
        fillRect(frame, 0, 0, width, height, r, g, b);
        return frame;
    }

    /**
     * Paints a rectangle (I420: chroma at 2x2 granularity, so use even coordinates) of one colour.
     */
    public static void fillRect(VideoFrame frame, int x, int y, int w, int h, int r, int g, int b) {
        byte[] d = frame.data();
        int width = frame.width();
        if (frame.format() == PixelFormat.BGR24) {
            for (int row = y; row < y + h; row++) {
                for (int col = x; col < x + w; col++) {
                    int i = (row * width + col) * 3;
                    d[i] = (byte) b;
                    d[i + 1] = (byte) g;
                    d[i + 2] = (byte) r;
                }
            }
            return;
        }
        if (frame.format() == PixelFormat.BGRX32) {
            for (int row = y; row < y + h; row++) {
                for (int col = x; col < x + w; col++) {
                    int i = (row * width + col) * 4;
                    d[i] = (byte) b;
                    d[i + 1] = (byte) g;
                    d[i + 2] = (byte) r;
                    d[i + 3] = 0;
                }
            }
            return;
        }
        int[] yuv = yuv(r, g, b);
        for (int row = y; row < y + h; row++) {
            for (int col = x; col < x + w; col++) {
                d[row * width + col] = (byte) yuv[0];
            }
        }
        int cw = width / 2;
        int uBase = width * frame.height();
        int vBase = uBase + cw * (frame.height() / 2);
        for (int row = y / 2; row < (y + h) / 2; row++) {
            for (int col = x / 2; col < (x + w) / 2; col++) {
                d[uBase + row * cw + col] = (byte) yuv[1];
                d[vBase + row * cw + col] = (byte) yuv[2];
            }
        }
    }

    /**
     * Paints frame number {@code t} of a moving test picture into {@code frame} (I420, reused): a background
     * colour, a white square that travels with {@code t} (horizontally for even {@code variant}s, vertically
     * for odd ones, wrapping around), and {@code t} in binary as eight white or grey blocks across the
     * lower quarter, so any two frames less than 256 apart differ.
     *
     * @return the frame, stamped with sequence {@code t}
     */
    public static VideoFrame moving(VideoFrame frame, int width, int height, int t, int variant) {
        frame.reset(width, height, PixelFormat.I420);
        int[][] backgrounds = {{200, 40, 40}, {40, 70, 200}, {40, 170, 60}, {180, 160, 30}};
        int[] bg = backgrounds[Math.floorMod(variant, backgrounds.length)];
        fillRect(frame, 0, 0, width, height, bg[0], bg[1], bg[2]);
        int side = (Math.min(width, height) / 4) & ~1;
        int step = 6 * t;
        int x = variant % 2 == 0 ? Math.floorMod(step, width - side) : (width - side) / 2;
        int y = variant % 2 == 0 ? (height - side) / 3 : Math.floorMod(step, height - side);
        fillRect(frame, x & ~1, y & ~1, side, side, 255, 255, 255);
        int block = (width / 8) & ~1;
        int barY = (height * 5 / 8) & ~1;
        int barHeight = (height / 10) & ~1;
        for (int bit = 0; bit < 8 && barHeight > 0; bit++) {
            int level = (t >> (7 - bit) & 1) == 1 ? 255 : 90;
            fillRect(frame, bit * block, barY, block, barHeight, level, level, level);
        }
        return frame.stamp(System.nanoTime(), t);
    }
}
