package dev.vc.capture.internal;

/**
 * One colour in both pixel formats the synthetic camera writes: 8-bit R, G, B and its BT.601 full-range
 * (JFIF) Y, U, V. Computed when a {@link Scene} is built, never per pixel.
 */
final class Colour {
    final int r;
    final int g;
    final int b;
    final int y;
    final int u;
    final int v;

    Colour(int r, int g, int b) {
        this.r = r;
        this.g = g;
        this.b = b;
        this.y = clamp(Math.round(0.299 * r + 0.587 * g + 0.114 * b));
        this.u = clamp(Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b));
        this.v = clamp(Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b));
    }

    private static int clamp(long value) {
        return (int) Math.max(0, Math.min(255, value));
    }
}
