package dev.vc.capture.internal;

/**
 * A solid rectangle or disc of one colour that bounces around the frame at a constant velocity.
 *
 * <p>Positions, sizes and disc radii are even, so the shape covers whole 2x2 blocks and its I420 chroma
 * lines up with its luma. The disc's span half-widths are tabulated at construction.
 */
final class MovingShape {
    final boolean disc;
    final int width;
    final int height;
    final Colour colour;
    /** Disc only: half-width of the luma row {@code j} rows away from the centre line, j in [0, radius). */
    final int[] halfWidth;
    /** Disc only: the same on the half-resolution chroma grid. */
    final int[] halfWidthChroma;
    private final int startX;
    private final int startY;
    private final int velocityX;
    private final int velocityY;
    private final int rangeX;
    private final int rangeY;

    private MovingShape(boolean disc, int width, int height, Colour colour, int startX, int startY,
                        int velocityX, int velocityY, int frameWidth, int frameHeight) {
        this.disc = disc;
        this.width = width;
        this.height = height;
        this.colour = colour;
        this.startX = startX;
        this.startY = startY;
        this.velocityX = velocityX;
        this.velocityY = velocityY;
        this.rangeX = frameWidth - width;
        this.rangeY = frameHeight - height;
        this.halfWidth = disc ? spans(width / 2) : new int[0];
        this.halfWidthChroma = disc ? spans(width / 4) : new int[0];
    }

    /**
     * A rectangle of even size, at most the frame's even part.
     */
    static MovingShape rectangle(int width, int height, Colour colour, SplitMix64 random, int frameWidth,
                                 int frameHeight) {
        int w = clampEven(width, frameWidth);
        int h = clampEven(height, frameHeight);
        return new MovingShape(false, w, h, colour, random.between(0, Math.max(0, frameWidth - w)),
                random.between(0, Math.max(0, frameHeight - h)), random.sign() * random.between(2, 8),
                random.sign() * random.between(1, 6), frameWidth, frameHeight);
    }

    /**
     * A disc whose diameter is a multiple of 4 (so its chroma radius is whole), at most the frame's size.
     */
    static MovingShape disc(int radius, Colour colour, SplitMix64 random, int frameWidth, int frameHeight) {
        int limit = Math.min(frameWidth, frameHeight) & ~3;
        int diameter = Math.max(4, Math.min(limit, (2 * radius) & ~3));
        return new MovingShape(true, diameter, diameter, colour, random.between(0, Math.max(0, frameWidth - diameter)),
                random.between(0, Math.max(0, frameHeight - diameter)), random.sign() * random.between(2, 8),
                random.sign() * random.between(1, 6), frameWidth, frameHeight);
    }

    private static int clampEven(int size, int frame) {
        return Math.max(2, Math.min(size, frame) & ~1);
    }

    private static int[] spans(int radius) {
        int[] half = new int[radius];
        for (int j = 0; j < radius; j++) {
            double dy = j + 0.5;
            half[j] = (int) Math.round(Math.sqrt((double) radius * radius - dy * dy));
        }
        return half;
    }

    /** @return the left edge at frame slot {@code tick}, even */
    int x(long tick) {
        return bounce(startX + velocityX * tick, rangeX) & ~1;
    }

    /** @return the top edge at frame slot {@code tick}, even */
    int y(long tick) {
        return bounce(startY + velocityY * tick, rangeY) & ~1;
    }

    /** A triangle wave: {@code position} folded into {@code [0, range]}. */
    static int bounce(long position, int range) {
        if (range <= 0) {
            return 0;
        }
        long period = 2L * range;
        long folded = Math.floorMod(position, period);
        return (int) (folded <= range ? folded : period - folded);
    }
}
