package dev.vc.capture.internal;

/**
 * Everything the synthetic picture is made of, derived from a seed and the frame size when a camera opens:
 * a cyclic colour palette swept diagonally across the frame (the moving gradient), a table of mild noise,
 * a scrolling checkerboard patch and a few bouncing shapes.
 *
 * <p>The picture for frame slot {@code tick} is a pure function of the seed, the size and {@code tick}.
 * The painters ({@link I420Painter}, {@link Bgr24Painter}) only look values up in these tables, so they
 * allocate nothing per frame. Palette and noise are chosen so that every sum stays inside 0..255 without
 * clamping.
 */
final class Scene {
    /** Palette entries; a power of two so indices wrap with a mask. */
    static final int PALETTE_SIZE = 1024;
    static final int PALETTE_MASK = PALETTE_SIZE - 1;
    /** Noise samples; each row reads {@code width} consecutive ones from a per-row, per-frame offset. */
    static final int NOISE_SIZE = 1 << 16;
    /** Checker cells are 4x4 pixels. */
    static final int CHECKER_SHIFT = 2;
    static final int CHECKER_DARK = 96;
    static final int CHECKER_LIGHT = 160;

    final int width;
    final int height;
    final Colour[] palette = new Colour[PALETTE_SIZE];
    /** Palette index contribution of column x (full resolution). */
    final int[] gradientX;
    /** Palette index contribution of row y (full resolution). */
    final int[] gradientY;
    /** Palette entries the gradient moves per frame slot. */
    final int gradientSpeed;
    /** Noise values in -2..2. */
    final byte[] noise = new byte[NOISE_SIZE];
    final MovingShape[] shapes;
    final MovingShape checker;
    private final long noiseSalt;

    Scene(int width, int height, long seed) {
        this.width = width;
        this.height = height;
        SplitMix64 random = new SplitMix64(seed);
        fillPalette(random);
        gradientX = ramp(width, random.between(160, 480));
        gradientY = ramp(height, random.between(100, 400));
        gradientSpeed = random.sign() * random.between(3, 9);
        for (int i = 0; i < NOISE_SIZE; i++) {
            noise[i] = (byte) (Long.remainderUnsigned(random.nextLong(), 5) - 2);
        }
        noiseSalt = random.nextLong();
        int small = Math.min(width, height);
        shapes = new MovingShape[] {
            MovingShape.rectangle(width / random.between(5, 9), height / random.between(4, 8), vivid(random), random,
                    width, height),
            MovingShape.disc(small / random.between(7, 12), vivid(random), random, width, height),
            MovingShape.rectangle(width / random.between(8, 14), height / random.between(3, 6), vivid(random), random,
                    width, height),
            MovingShape.disc(small / random.between(10, 16), vivid(random), random, width, height),
        };
        checker = MovingShape.rectangle(width / 4, height / 4, new Colour(128, 128, 128), random, width, height);
    }

    /** A cosine palette: each channel a phase-shifted cosine of the entry, phases and frequencies from the seed. */
    private void fillPalette(SplitMix64 random) {
        double[] phase = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
        int[] frequency = {random.between(1, 2), random.between(1, 2), random.between(1, 3)};
        int[] rgb = new int[3];
        for (int i = 0; i < PALETTE_SIZE; i++) {
            double t = (double) i / PALETTE_SIZE;
            for (int c = 0; c < 3; c++) {
                rgb[c] = (int) Math.round(128 + 100 * Math.cos(2 * Math.PI * (frequency[c] * t + phase[c])));
            }
            palette[i] = new Colour(rgb[0], rgb[1], rgb[2]);
        }
    }

    /** A saturated colour: one channel high, one low, one anywhere, in a seeded order. */
    private static Colour vivid(SplitMix64 random) {
        int[] rgb = {random.between(190, 235), random.between(20, 60), random.between(20, 235)};
        int first = random.between(0, 2);
        int second = (first + random.between(1, 2)) % 3;
        int third = 3 - first - second;
        return new Colour(rgb[first], rgb[second], rgb[third]);
    }

    /** @return {@code (i * slope256) / 256} for i in [0, n) */
    private static int[] ramp(int n, int slope256) {
        int[] ramp = new int[n];
        for (int i = 0; i < n; i++) {
            ramp[i] = (i * slope256) >> 8;
        }
        return ramp;
    }

    /** @return the palette offset of the whole gradient at frame slot {@code tick}, in [0, PALETTE_SIZE) */
    int gradientShift(long tick) {
        return (int) ((tick * gradientSpeed) & PALETTE_MASK);
    }

    /** @return where row {@code row} of frame slot {@code tick} starts reading {@link #noise}; room for a full row */
    int noiseOffset(int row, long tick) {
        long hash = SplitMix64.mix(noiseSalt ^ (tick * 0x9E3779B97F4A7C15L) ^ (row * 0xC2B2AE3D27D4EB4FL));
        return (int) Long.remainderUnsigned(hash, NOISE_SIZE - width + 1);
    }

    /** @return whether checker cell (x, y) at frame slot {@code tick} is light; the pattern scrolls one pixel a slot */
    static boolean checkerLight(int x, int y, long tick) {
        int phase = (int) (tick & 0xFFFF);
        return ((((x + phase) >> CHECKER_SHIFT) ^ ((y + (phase >> 1)) >> CHECKER_SHIFT)) & 1) != 0;
    }
}
