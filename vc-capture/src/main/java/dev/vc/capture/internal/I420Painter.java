package dev.vc.capture.internal;

/**
 * Paints a {@link Scene} as planar I420: luma at full resolution with noise, chroma planes at half
 * resolution, sampled from the same palette and shapes. Table lookups only; no allocation.
 */
final class I420Painter extends FramePainter {
    private final int width;
    private final int height;
    private final int chromaWidth;
    private final int uOffset;
    private final int vOffset;
    private final int[] paletteY;
    private final byte[] paletteU;
    private final byte[] paletteV;
    private final int[] chromaGradientX;
    private final int[] chromaGradientY;

    I420Painter(Scene scene) {
        super(scene);
        this.width = scene.width;
        this.height = scene.height;
        this.chromaWidth = width / 2;
        this.uOffset = width * height;
        this.vOffset = uOffset + chromaWidth * (height / 2);
        paletteY = new int[Scene.PALETTE_SIZE];
        paletteU = new byte[Scene.PALETTE_SIZE];
        paletteV = new byte[Scene.PALETTE_SIZE];
        for (int i = 0; i < Scene.PALETTE_SIZE; i++) {
            paletteY[i] = scene.palette[i].y;
            paletteU[i] = (byte) scene.palette[i].u;
            paletteV[i] = (byte) scene.palette[i].v;
        }
        chromaGradientX = new int[chromaWidth];
        for (int i = 0; i < chromaWidth; i++) {
            chromaGradientX[i] = scene.gradientX[2 * i];
        }
        chromaGradientY = new int[height / 2];
        for (int i = 0; i < chromaGradientY.length; i++) {
            chromaGradientY[i] = scene.gradientY[2 * i];
        }
    }

    @Override
    void paintBackground(long tick, byte[] dst) {
        int shift = scene.gradientShift(tick);
        int[] gradientX = scene.gradientX;
        byte[] noise = scene.noise;
        int[] palette = paletteY;
        for (int y = 0; y < height; y++) {
            int base = scene.gradientY[y] + shift;
            int n = scene.noiseOffset(y, tick);
            int p = y * width;
            for (int x = 0; x < width; x++) {
                dst[p + x] = (byte) (palette[(gradientX[x] + base) & Scene.PALETTE_MASK] + noise[n + x]);
            }
        }
        for (int y = 0; y < chromaGradientY.length; y++) {
            int base = chromaGradientY[y] + shift;
            int u = uOffset + y * chromaWidth;
            int v = vOffset + y * chromaWidth;
            for (int x = 0; x < chromaWidth; x++) {
                int i = (chromaGradientX[x] + base) & Scene.PALETTE_MASK;
                dst[u + x] = paletteU[i];
                dst[v + x] = paletteV[i];
            }
        }
    }

    @Override
    void paintChecker(long tick, byte[] dst) {
        MovingShape checker = scene.checker;
        int x0 = checker.x(tick);
        int y0 = checker.y(tick);
        byte[] noise = scene.noise;
        for (int y = y0; y < y0 + checker.height; y++) {
            int n = scene.noiseOffset(y, tick);
            int p = y * width;
            for (int x = x0; x < x0 + checker.width; x++) {
                int value = Scene.checkerLight(x, y, tick) ? Scene.CHECKER_LIGHT : Scene.CHECKER_DARK;
                dst[p + x] = (byte) (value + noise[n + x]);
            }
        }
        fillChroma(dst, x0 / 2, (x0 + checker.width) / 2, y0 / 2, (y0 + checker.height) / 2, 128, 128);
    }

    @Override
    void paintRectangle(MovingShape shape, long tick, byte[] dst) {
        int x0 = shape.x(tick);
        int y0 = shape.y(tick);
        for (int y = y0; y < y0 + shape.height; y++) {
            lumaSpan(dst, y, x0, x0 + shape.width, shape.colour.y, tick);
        }
        fillChroma(dst, x0 / 2, (x0 + shape.width) / 2, y0 / 2, (y0 + shape.height) / 2, shape.colour.u,
                shape.colour.v);
    }

    @Override
    void paintDisc(MovingShape shape, long tick, byte[] dst) {
        int radius = shape.width / 2;
        int cx = shape.x(tick) + radius;
        int cy = shape.y(tick) + radius;
        int[] half = shape.halfWidth;
        for (int j = 0; j < half.length; j++) {
            lumaSpan(dst, cy + j, cx - half[j], cx + half[j], shape.colour.y, tick);
            lumaSpan(dst, cy - 1 - j, cx - half[j], cx + half[j], shape.colour.y, tick);
        }
        int ccx = cx / 2;
        int ccy = cy / 2;
        int[] halfChroma = shape.halfWidthChroma;
        for (int j = 0; j < halfChroma.length; j++) {
            chromaSpan(dst, ccy + j, ccx - halfChroma[j], ccx + halfChroma[j], shape.colour.u, shape.colour.v);
            chromaSpan(dst, ccy - 1 - j, ccx - halfChroma[j], ccx + halfChroma[j], shape.colour.u, shape.colour.v);
        }
    }

    private void lumaSpan(byte[] dst, int y, int from, int to, int value, long tick) {
        byte[] noise = scene.noise;
        int n = scene.noiseOffset(y, tick);
        int p = y * width;
        for (int x = from; x < to; x++) {
            dst[p + x] = (byte) (value + noise[n + x]);
        }
    }

    private void fillChroma(byte[] dst, int fromX, int toX, int fromY, int toY, int u, int v) {
        for (int y = fromY; y < toY; y++) {
            chromaSpan(dst, y, fromX, toX, u, v);
        }
    }

    private void chromaSpan(byte[] dst, int y, int from, int to, int u, int v) {
        int row = y * chromaWidth;
        java.util.Arrays.fill(dst, uOffset + row + from, uOffset + row + to, (byte) u);
        java.util.Arrays.fill(dst, vOffset + row + from, vOffset + row + to, (byte) v);
    }
}
