package dev.vc.api;

/**
 * Conversions between vc's pixel layouts, shared by every module that needs one (a JPEG encoder fed I420,
 * a renderer painting BGR, a screen source delivering I420). vc's I420 is BT.601 full range, as in JFIF,
 * everywhere. Integer arithmetic, one pass, nothing allocated: callers pass reused buffers.
 *
 * <pre>{@code
 * PixelConversion.i420ToBgr24(frame.data(), frame.width(), frame.height(), rasterBytes);
 * }</pre>
 */
public final class PixelConversion {
    private static final int SHIFT = 16;
    private static final int HALF = 1 << (SHIFT - 1);
    private static final int CR_R = 91_881;    // 1.402    * 2^16
    private static final int CB_G = 22_554;    // 0.344136 * 2^16
    private static final int CR_G = 46_802;    // 0.714136 * 2^16
    private static final int CB_B = 116_130;   // 1.772    * 2^16

    /** Index offset of {@link #CLAMP}: covers Y plus the largest chroma term in both directions. */
    private static final int CLAMP_OFFSET = 384;
    private static final byte[] CLAMP = new byte[1024];

    static {
        for (int i = 0; i < CLAMP.length; i++) {
            CLAMP[i] = (byte) Math.max(0, Math.min(255, i - CLAMP_OFFSET));
        }
    }

    private PixelConversion() {
    }

    /**
     * I420 to {@code BufferedImage.TYPE_INT_RGB} pixels ({@code 0x00RRGGBB}), as {@link #i420ToBgr24} computes them.
     *
     * @param i420   Y plane, then U, then V, tightly packed
     * @param width  even width in pixels
     * @param height even height in pixels
     * @param rgb    destination, at least {@code width * height} ints, rows tightly packed
     */
    public static void i420ToIntRgb(byte[] i420, int width, int height, int[] rgb) {
        int chromaWidth = width >> 1;
        int uBase = width * height;
        int vBase = uBase + chromaWidth * (height >> 1);
        byte[] clamp = CLAMP;
        for (int cy = 0, rows = height >> 1; cy < rows; cy++) {
            int y0 = (cy << 1) * width;   // luma and output index, upper row of the block row
            int y1 = y0 + width;
            int c = cy * chromaWidth;
            for (int cx = 0; cx < chromaWidth; cx++, c++) {
                int u = (i420[uBase + c] & 0xff) - 128;
                int v = (i420[vBase + c] & 0xff) - 128;
                int dr = ((CR_R * v + HALF) >> SHIFT) + CLAMP_OFFSET;
                int dg = ((-CB_G * u - CR_G * v + HALF) >> SHIFT) + CLAMP_OFFSET;
                int db = ((CB_B * u + HALF) >> SHIFT) + CLAMP_OFFSET;
                rgb[y0] = rgb(clamp, i420[y0] & 0xff, dr, dg, db);
                rgb[y0 + 1] = rgb(clamp, i420[y0 + 1] & 0xff, dr, dg, db);
                rgb[y1] = rgb(clamp, i420[y1] & 0xff, dr, dg, db);
                rgb[y1 + 1] = rgb(clamp, i420[y1 + 1] & 0xff, dr, dg, db);
                y0 += 2;
                y1 += 2;
            }
        }
    }

    private static int rgb(byte[] clamp, int y, int dr, int dg, int db) {
        return (clamp[y + dr] & 0xff) << 16 | (clamp[y + dg] & 0xff) << 8 | clamp[y + db] & 0xff;
    }

    /**
     * I420 to BGR24 (the raster layout of {@code BufferedImage.TYPE_3BYTE_BGR}) in one pass of integer
     * arithmetic: each 2x2 block's chroma terms are computed once and added to its four luma samples, results
     * clamped through a table.
     *
     * @param i420   Y plane, then U, then V, tightly packed
     * @param width  even width in pixels
     * @param height even height in pixels
     * @param bgr    destination, at least {@code width * height * 3} bytes, rows tightly packed
     */
    public static void i420ToBgr24(byte[] i420, int width, int height, byte[] bgr) {
        int chromaWidth = width >> 1;
        int uBase = width * height;
        int vBase = uBase + chromaWidth * (height >> 1);
        int stride = width * 3;
        byte[] clamp = CLAMP;
        for (int cy = 0, rows = height >> 1; cy < rows; cy++) {
            int y0 = (cy << 1) * width;   // luma index, upper row of the block row
            int y1 = y0 + width;
            int o0 = (cy << 1) * stride;  // output index, upper row
            int o1 = o0 + stride;
            int c = cy * chromaWidth;
            for (int cx = 0; cx < chromaWidth; cx++, c++) {
                int u = (i420[uBase + c] & 0xff) - 128;
                int v = (i420[vBase + c] & 0xff) - 128;
                int dr = ((CR_R * v + HALF) >> SHIFT) + CLAMP_OFFSET;
                int dg = ((-CB_G * u - CR_G * v + HALF) >> SHIFT) + CLAMP_OFFSET;
                int db = ((CB_B * u + HALF) >> SHIFT) + CLAMP_OFFSET;

                int y = i420[y0] & 0xff;
                bgr[o0] = clamp[y + db];
                bgr[o0 + 1] = clamp[y + dg];
                bgr[o0 + 2] = clamp[y + dr];
                y = i420[y0 + 1] & 0xff;
                bgr[o0 + 3] = clamp[y + db];
                bgr[o0 + 4] = clamp[y + dg];
                bgr[o0 + 5] = clamp[y + dr];
                y = i420[y1] & 0xff;
                bgr[o1] = clamp[y + db];
                bgr[o1 + 1] = clamp[y + dg];
                bgr[o1 + 2] = clamp[y + dr];
                y = i420[y1 + 1] & 0xff;
                bgr[o1 + 3] = clamp[y + db];
                bgr[o1 + 4] = clamp[y + dg];
                bgr[o1 + 5] = clamp[y + dr];
                y0 += 2;
                y1 += 2;
                o0 += 6;
                o1 += 6;
            }
        }
    }

    /**
     * BGR24 to I420 in one pass, averaging each 2x2 block's chroma.
     *
     * @param bgr    packed rows of B, G, R, {@code width * 3} bytes each
     * @param width  even width
     * @param height even height
     * @param dst    at least {@code width * height * 3 / 2} bytes: Y, then U, then V
     */
    public static void bgr24ToI420(byte[] bgr, int width, int height, byte[] dst) {
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
                dst[uBase + c] = (byte) clampByte(((-43 * r - 85 * g + 128 * b + 512) >> 10) + 128);
                dst[vBase + c] = (byte) clampByte(((128 * r - 107 * g - 21 * b + 512) >> 10) + 128);
            }
        }
    }

    private static byte luma(byte[] bgr, int p) {
        int b = bgr[p] & 0xff;
        int g = bgr[p + 1] & 0xff;
        int r = bgr[p + 2] & 0xff;
        return (byte) ((77 * r + 150 * g + 29 * b + 128) >> 8);
    }

    private static int clampByte(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
