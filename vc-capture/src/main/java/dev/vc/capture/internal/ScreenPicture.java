package dev.vc.capture.internal;

import java.awt.Rectangle;

/**
 * Sizes for screen content, which must keep its aspect ratio (a squeezed screen distorts text) and enough pixels for
 * text to stay legible.
 */
public final class ScreenPicture {
    /** The longer side of a shared screen's picture at most: 1920 (a 1080p screen is sent whole). */
    public static final int MAX_LONG_SIDE = 1920;
    /** The shorter side at most: 1080. */
    public static final int MAX_SHORT_SIDE = 1080;
    /** Frames a second of a shared screen: text and slides change seldom, and each frame is large. */
    public static final int FRAME_RATE = 5;

    private ScreenPicture() {
    }

    /**
     * @param width  the captured region's width in screen pixels
     * @param height its height
     * @return the picture to send: the region's own size if it fits in 1920x1080 (1080x1920 standing), else the
     *         largest of its aspect ratio that does; both sides even
     */
    public static Rectangle legible(int width, int height) {
        int maxW = width >= height ? MAX_LONG_SIDE : MAX_SHORT_SIDE;
        int maxH = width >= height ? MAX_SHORT_SIDE : MAX_LONG_SIDE;
        double scale = Math.min(1.0, Math.min(maxW / (double) width, maxH / (double) height));
        return new Rectangle(0, 0, even(width * scale), even(height * scale));
    }

    /**
     * @param sourceWidth  the captured region's width
     * @param sourceHeight its height
     * @param frameWidth   the picture's width
     * @param frameHeight  its height
     * @return where in the picture the region goes: the largest rectangle of the region's aspect ratio, centred
     *         (bars above and below, or left and right, when the aspect ratios differ)
     */
    public static Rectangle letterbox(int sourceWidth, int sourceHeight, int frameWidth, int frameHeight) {
        double scale = Math.min(frameWidth / (double) sourceWidth, frameHeight / (double) sourceHeight);
        int w = Math.min(frameWidth, Math.max(1, (int) Math.round(sourceWidth * scale)));
        int h = Math.min(frameHeight, Math.max(1, (int) Math.round(sourceHeight * scale)));
        return new Rectangle((frameWidth - w) / 2, (frameHeight - h) / 2, w, h);
    }

    private static int even(double size) {
        return Math.max(16, (int) size & ~1);
    }
}
