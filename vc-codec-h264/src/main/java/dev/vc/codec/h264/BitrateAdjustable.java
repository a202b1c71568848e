package dev.vc.codec.h264;

/**
 * An encoder whose target bitrate can change while it runs, e.g. to follow a congestion controller's
 * estimate. Both H.264 encoders of this module implement it; test for it with {@code instanceof}:
 *
 * <pre>{@code
 * if (encoder instanceof BitrateAdjustable adjustable) {
 *     adjustable.setBitrate(estimate.bitsPerSecond());
 * }
 * }</pre>
 *
 * <p>Called from the thread that calls {@code encode}; the new target applies from the next frame.
 */
public interface BitrateAdjustable {
    /** Smallest target accepted, in bits per second (matches {@code vc.bitrate}'s lower bound). */
    int MIN_BITRATE = 10_000;
    /** Largest target accepted, in bits per second (matches {@code vc.bitrate}'s upper bound). */
    int MAX_BITRATE = 100_000_000;

    /**
     * @param bitsPerSecond the new target, {@value #MIN_BITRATE}..{@value #MAX_BITRATE}
     * @throws IllegalArgumentException if out of range
     */
    void setBitrate(int bitsPerSecond);

    /** @return the current target in bits per second */
    int bitrate();

    /**
     * Validates a bitrate argument.
     *
     * @param bitsPerSecond the value to check
     * @return the value
     * @throws IllegalArgumentException if out of range
     */
    static int checkBitrate(int bitsPerSecond) {
        if (bitsPerSecond < MIN_BITRATE || bitsPerSecond > MAX_BITRATE) {
            throw new IllegalArgumentException("bitrate must be in " + MIN_BITRATE + ".." + MAX_BITRATE + " bit/s, got "
                    + bitsPerSecond);
        }
        return bitsPerSecond;
    }
}
