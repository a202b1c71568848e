package dev.vc.capture.internal;

/**
 * A tiny, fully specified pseudo-random generator (SplitMix64), so the synthetic picture for a seed is the
 * same on every JVM. Used only while a {@link Scene} is built.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** @return a uniform integer in {@code [min, max]} */
    int between(int min, int max) {
        return min + (int) Long.remainderUnsigned(nextLong(), (long) max - min + 1);
    }

    /** @return a uniform double in {@code [0, 1)} */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** @return -1 or 1 */
    int sign() {
        return (nextLong() & 1) == 0 ? -1 : 1;
    }

    /** The SplitMix64 finaliser, also usable as a stateless hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
