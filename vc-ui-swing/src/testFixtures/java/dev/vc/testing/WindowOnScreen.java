package dev.vc.testing;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Where a window really is on an {@link Xvfb} screen, found from the screen's pixels rather than from what the
 * toolkit reports: without a window manager, a move the toolkit asked for before the window was mapped can land
 * after it reported the window's place, and a screenshot taken there shows the bare screen instead. Xvfb's root
 * window is black ({@code -br}), so the window is the box around every pixel that is not black.
 *
 * <p>Pixel arrays only (no AWT types), because these fixtures are also compiled into modules without
 * {@code java.desktop}; a GUI test hands in its {@code Robot}'s capture of the whole screen as pixels.
 */
public final class WindowOnScreen {
    private static final long SETTLE_MILLIS = 200;

    private WindowOnScreen() {
    }

    /**
     * Reads the screen until two captures {@value #SETTLE_MILLIS} ms apart show the same box of the expected size
     * around everything that is not black.
     *
     * @param screenWidth   the screen's width in pixels
     * @param screenHeight  the screen's height in pixels
     * @param capture       a fresh capture of the whole screen, 0xRRGGBB pixels row by row
     * @param width         the window's width
     * @param height        the window's height
     * @param timeoutMillis how long to keep reading
     * @return {@code {x, y, width, height}} of the window on the screen
     * @throws IllegalStateException if no such box settled in time (the last box read is in the message)
     * @throws InterruptedException  if interrupted while waiting between captures
     */
    public static int[] locate(int screenWidth, int screenHeight, Supplier<int[]> capture, int width, int height,
            long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        int[] previous = null;
        while (true) {
            int[] box = boxAroundNonBlack(capture.get(), screenWidth, screenHeight);
            if (box != null && box[2] == width && box[3] == height && Arrays.equals(box, previous)) {
                return box;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no settled " + width + "x" + height + " window on the screen in "
                        + timeoutMillis + " ms; last box around non-black pixels: " + Arrays.toString(box));
            }
            previous = box;
            Thread.sleep(SETTLE_MILLIS);
        }
    }

    /**
     * @param rgb    pixels, row by row
     * @param width  pixels per row
     * @param height rows
     * @return {@code {x, y, width, height}} of the smallest box holding every pixel whose low 24 bits are not 0, or
     *         {@code null} if all are
     */
    public static int[] boxAroundNonBlack(int[] rgb, int width, int height) {
        int left = width;
        int top = height;
        int right = -1;
        int bottom = -1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if ((rgb[row + x] & 0xffffff) != 0) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = y;
                }
            }
        }
        return right < 0 ? null : new int[] {left, top, right - left + 1, bottom - top + 1};
    }
}
