package dev.vc.capture.internal;

/**
 * Packed BGR24 to planar I420 (BT.601 full range, as JFIF: vc's I420 convention; 2x2 chroma averaging) in one pass, no allocation.
 */
final class BgrToI420 {
    private BgrToI420() {
    }

    /**
     * @param bgr    packed rows of B, G, R, {@code width * 3} bytes each
     * @param width  even width
     * @param height even height
     * @param dst    at least {@code width * height * 3 / 2} bytes: Y, then U, then V
     */
    static void convert(byte[] bgr, int width, int height, byte[] dst) {
        int uBase = width * height;
        int vBase = uBase + (width / 2) * (height / 2);
        int cw = width / 2;
        for (int y = 0; y < height; y += 2) {
            int row0 = y * width * 3;
            int row1 = row0 + width * 3;
            for (int x = 0; x < width; x += 2) {
                int p00 = row0 + x * 3;
                int p01 = p00 + 3;
                int p10 = row1 + x * 3;
                int p11 = p10 + 3;
                dst[y * width + x] = luma(bgr, p00);
                dst[y * width + x + 1] = luma(bgr, p01);
                dst[(y + 1) * width + x] = luma(bgr, p10);
                dst[(y + 1) * width + x + 1] = luma(bgr, p11);
                int b = (bgr[p00] & 0xff) + (bgr[p01] & 0xff) + (bgr[p10] & 0xff) + (bgr[p11] & 0xff);
                int g = (bgr[p00 + 1] & 0xff) + (bgr[p01 + 1] & 0xff) + (bgr[p10 + 1] & 0xff) + (bgr[p11 + 1] & 0xff);
                int r = (bgr[p00 + 2] & 0xff) + (bgr[p01 + 2] & 0xff) + (bgr[p10 + 2] & 0xff) + (bgr[p11 + 2] & 0xff);
                int c = (y / 2) * cw + x / 2;
                dst[uBase + c] = (byte) clamp(((-43 * r - 85 * g + 128 * b + 512) >> 10) + 128);
                dst[vBase + c] = (byte) clamp(((128 * r - 107 * g - 21 * b + 512) >> 10) + 128);
            }
        }
    }

    private static byte luma(byte[] bgr, int p) {
        int b = bgr[p] & 0xff;
        int g = bgr[p + 1] & 0xff;
        int r = bgr[p + 2] & 0xff;
        return (byte) ((77 * r + 150 * g + 29 * b + 128) >> 8);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
