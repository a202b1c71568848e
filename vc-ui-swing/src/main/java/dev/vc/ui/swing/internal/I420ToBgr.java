package dev.vc.ui.swing.internal;

/**
 * Converts a packed I420 picture to packed BGR24 (the raster layout of {@code BufferedImage.TYPE_3BYTE_BGR}),
 * with BT.601 full-range (JFIF) coefficients, the convention of vc's synthetic camera and JPEG codec.
 *
 * <p>One pass of integer arithmetic: the chroma terms of each 2x2 block are computed once and added to its
 * four luma samples; results are clamped through a table. Nothing is allocated.
 *
 * <pre>{@code
 * I420ToBgr.convert(frame.data(), frame.width(), frame.height(), rasterBytes);
 * }</pre>
 */
public final class I420ToBgr {
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

    private I420ToBgr() {
    }

    /**
     * @param i420   Y plane, then U, then V, tightly packed
     * @param width  even width in pixels
     * @param height even height in pixels
     * @param bgr    destination, at least {@code width * height * 3} bytes, rows tightly packed
     */
    public static void convert(byte[] i420, int width, int height, byte[] bgr) {
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
}
