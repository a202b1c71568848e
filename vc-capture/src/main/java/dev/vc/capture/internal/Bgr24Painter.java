package dev.vc.capture.internal;

/**
 * Paints a {@link Scene} as packed BGR24, with the same luma noise added to all three channels.
 * Table lookups only; no allocation.
 */
final class Bgr24Painter extends FramePainter {
    private final int width;
    private final int height;
    private final int[] paletteB;
    private final int[] paletteG;
    private final int[] paletteR;

    Bgr24Painter(Scene scene) {
        super(scene);
        this.width = scene.width;
        this.height = scene.height;
        paletteB = new int[Scene.PALETTE_SIZE];
        paletteG = new int[Scene.PALETTE_SIZE];
        paletteR = new int[Scene.PALETTE_SIZE];
        for (int i = 0; i < Scene.PALETTE_SIZE; i++) {
            paletteB[i] = scene.palette[i].b;
            paletteG[i] = scene.palette[i].g;
            paletteR[i] = scene.palette[i].r;
        }
    }

    @Override
    void paintBackground(long tick, byte[] dst) {
        int shift = scene.gradientShift(tick);
        int[] gradientX = scene.gradientX;
        byte[] noise = scene.noise;
        int[] b = paletteB;
        int[] g = paletteG;
        int[] r = paletteR;
        for (int y = 0; y < height; y++) {
            int base = scene.gradientY[y] + shift;
            int n = scene.noiseOffset(y, tick);
            int p = y * width * 3;
            for (int x = 0; x < width; x++, p += 3) {
                int i = (gradientX[x] + base) & Scene.PALETTE_MASK;
                int d = noise[n + x];
                dst[p] = (byte) (b[i] + d);
                dst[p + 1] = (byte) (g[i] + d);
                dst[p + 2] = (byte) (r[i] + d);
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
            int p = (y * width + x0) * 3;
            for (int x = x0; x < x0 + checker.width; x++, p += 3) {
                byte value = (byte) ((Scene.checkerLight(x, y, tick) ? Scene.CHECKER_LIGHT : Scene.CHECKER_DARK)
                        + noise[n + x]);
                dst[p] = value;
                dst[p + 1] = value;
                dst[p + 2] = value;
            }
        }
    }

    @Override
    void paintRectangle(MovingShape shape, long tick, byte[] dst) {
        int x0 = shape.x(tick);
        int y0 = shape.y(tick);
        for (int y = y0; y < y0 + shape.height; y++) {
            span(dst, y, x0, x0 + shape.width, shape.colour, tick);
        }
    }

    @Override
    void paintDisc(MovingShape shape, long tick, byte[] dst) {
        int radius = shape.width / 2;
        int cx = shape.x(tick) + radius;
        int cy = shape.y(tick) + radius;
        int[] half = shape.halfWidth;
        for (int j = 0; j < half.length; j++) {
            span(dst, cy + j, cx - half[j], cx + half[j], shape.colour, tick);
            span(dst, cy - 1 - j, cx - half[j], cx + half[j], shape.colour, tick);
        }
    }

    private void span(byte[] dst, int y, int from, int to, Colour colour, long tick) {
        byte[] noise = scene.noise;
        int n = scene.noiseOffset(y, tick);
        int p = (y * width + from) * 3;
        for (int x = from; x < to; x++, p += 3) {
            int d = noise[n + x];
            dst[p] = (byte) (colour.b + d);
            dst[p + 1] = (byte) (colour.g + d);
            dst[p + 2] = (byte) (colour.r + d);
        }
    }
}
