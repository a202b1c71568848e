package dev.vc.codec.jpeg.internal;

/**
 * Converts I420 to packed BGR24 with the BT.601 full-range (JFIF) matrix, in 16.16 fixed point: the
 * inverse of what the JPEG encoder applies, so a converted frame keeps its colours through the codec.
 * Chroma terms are tabulated once; each 2x2 block reads its U and V once.
 */
final class I420ToBgr {
    private static final int[] RED_V = new int[256];
    private static final int[] GREEN_U = new int[256];
    private static final int[] GREEN_V = new int[256];
    private static final int[] BLUE_U = new int[256];
    private static final int HALF = 1 << 15;

    static {
        for (int i = 0; i < 256; i++) {
            int c = i - 128;
            RED_V[i] = (int) Math.round(1.402 * 65536 * c);
            GREEN_U[i] = (int) Math.round(-0.344136 * 65536 * c);
            GREEN_V[i] = (int) Math.round(-0.714136 * 65536 * c);
            BLUE_U[i] = (int) Math.round(1.772 * 65536 * c);
        }
    }

    private I420ToBgr() {
    }

    /**
     * @param src    I420 planes, tightly packed
     * @param width  even width in pixels
     * @param height even height in pixels
     * @param dst    receives {@code width * height * 3} BGR bytes
     */
    static void convert(byte[] src, int width, int height, byte[] dst) {
        int chromaWidth = width / 2;
        int uPlane = width * height;
        int vPlane = uPlane + chromaWidth * (height / 2);
        for (int y = 0; y < height; y += 2) {
            int chromaRow = (y / 2) * chromaWidth;
            int top = y * width;
            int bottom = top + width;
            for (int cx = 0; cx < chromaWidth; cx++) {
                int u = src[uPlane + chromaRow + cx] & 0xFF;
                int v = src[vPlane + chromaRow + cx] & 0xFF;
                int r = RED_V[v] + HALF;
                int g = GREEN_U[u] + GREEN_V[v] + HALF;
                int b = BLUE_U[u] + HALF;
                int x = 2 * cx;
                pixel(src[top + x], r, g, b, dst, 3 * (top + x));
                pixel(src[top + x + 1], r, g, b, dst, 3 * (top + x + 1));
                pixel(src[bottom + x], r, g, b, dst, 3 * (bottom + x));
                pixel(src[bottom + x + 1], r, g, b, dst, 3 * (bottom + x + 1));
            }
        }
    }

    private static void pixel(byte luma, int r, int g, int b, byte[] dst, int at) {
        int y = (luma & 0xFF) << 16;
        dst[at] = clamp((y + b) >> 16);
        dst[at + 1] = clamp((y + g) >> 16);
        dst[at + 2] = clamp((y + r) >> 16);
    }

    private static byte clamp(int value) {
        return (byte) ((value & ~0xFF) == 0 ? value : value < 0 ? 0 : 255);
    }
}
