package dev.vc.codec.h264;

import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;

/**
 * A deterministic, moving, textured I420 test sequence: a scrolling luma gradient with a drifting chroma
 * gradient, a checkerboard rectangle sliding right, a ringed disc bouncing diagonally, and mild hash noise
 * (&plusmn;3). Frame {@code i} is always the same picture.
 */
public final class TestSequence {
    /** Width used by most tests. */
    public static final int WIDTH = 640;
    /** Height used by most tests. */
    public static final int HEIGHT = 480;
    /** Frame rate the sequence is meant to play at. */
    public static final int FPS = 30;

    private TestSequence() {
    }

    /**
     * @param index frame number, 0..
     * @return a new 640x480 frame, stamped with {@code index * 1/30 s} and sequence {@code index}
     */
    public static VideoFrame frame(int index) {
        return frame(index, WIDTH, HEIGHT, new VideoFrame());
    }

    /**
     * Fills {@code into} with frame {@code index} of a {@code width x height} sequence.
     *
     * @param index  frame number
     * @param width  even width
     * @param height even height
     * @param into   the frame to fill (buffer reused)
     * @return {@code into}
     */
    public static VideoFrame frame(int index, int width, int height, VideoFrame into) {
        into.reset(width, height, PixelFormat.I420);
        byte[] d = into.data();
        int rectW = width * 3 / 16;
        int rectH = height * 3 / 16;
        int rectX = Math.floorMod(index * 4, width + rectW) - rectW;
        int rectY = height / 6;
        int radius = Math.min(width, height) / 10;
        int discX = bounce(radius + index * 3, radius, width - radius);
        int discY = bounce(radius + index * 2, radius, height - radius);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = 40 + Math.floorMod(x + 3 * index, width) * 120 / width + y * 60 / height;
                if (x >= rectX && x < rectX + rectW && y >= rectY && y < rectY + rectH) {
                    v = (((x - rectX) >> 3) + ((y - rectY) >> 3) & 1) == 0 ? 60 : 200;
                }
                int dx = x - discX;
                int dy = y - discY;
                int r2 = dx * dx + dy * dy;
                if (r2 < radius * radius) {
                    v = 170 + ((int) Math.sqrt(r2) / 6 % 2) * 60;
                }
                v += noise(x, y, index);
                d[y * width + x] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        int cw = width / 2;
        int ch = height / 2;
        int u0 = width * height;
        int v0 = u0 + cw * ch;
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int px = x * 2;
                int py = y * 2;
                int u = 100 + Math.floorMod(x + index, cw) * 50 / cw;
                int v = 150 - y * 40 / ch;
                if (px >= rectX && px < rectX + rectW && py >= rectY && py < rectY + rectH) {
                    u = 90;
                    v = 170;
                }
                int dx = px - discX;
                int dy = py - discY;
                if (dx * dx + dy * dy < radius * radius) {
                    u = 180;
                    v = 100;
                }
                d[u0 + y * cw + x] = (byte) u;
                d[v0 + y * cw + x] = (byte) v;
            }
        }
        return into.stamp(index * 1_000_000_000L / FPS, index);
    }

    private static int bounce(int position, int lo, int hi) {
        int span = hi - lo;
        int p = Math.floorMod(position - lo, 2 * span);
        return lo + (p <= span ? p : 2 * span - p);
    }

    private static int noise(int x, int y, int index) {
        int h = x * 73_856_093 ^ y * 19_349_663 ^ index * 83_492_791;
        h ^= h >>> 13;
        h *= 0x5bd1e995;
        h ^= h >>> 15;
        return (h & 7) - 3;
    }

    /**
     * Luma PSNR of {@code actual} against {@code expected}, in dB (99 when identical).
     *
     * @param expected the original
     * @param actual   the decoded picture, same size
     * @return the PSNR of the Y plane
     */
    public static double lumaPsnr(VideoFrame expected, VideoFrame actual) {
        if (expected.width() != actual.width() || expected.height() != actual.height()) {
            throw new AssertionError("size differs: " + expected + " vs " + actual);
        }
        int n = expected.width() * expected.height();
        byte[] a = expected.data();
        byte[] b = actual.data();
        long sse = 0;
        for (int i = 0; i < n; i++) {
            int e = (a[i] & 0xff) - (b[i] & 0xff);
            sse += (long) e * e;
        }
        if (sse == 0) {
            return 99;
        }
        double mse = (double) sse / n;
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
