package dev.vc.api.session;

/**
 * Skips pictures while an encoder's output runs ahead of its bitrate (after libwebrtc's
 * {@code media_opt::FrameDropper}, simplified): a leaky bucket of the bits encoded, drained at the bitrate the
 * encoder was given over the time since the last picture, and at least one capture interval per picture (so a source
 * slower than the configured frame rate, a 15 fps camera for a 30 fps call, is not held to half its rate, and
 * pictures handed over in a burst still drain). While the bucket holds more than {@value #WINDOW_SECONDS} s of that
 * bitrate, the next picture is not encoded.
 *
 * <p>Why: an encoder told a much lower bitrate reaches it only over its rate control's window (libopenh264 takes
 * about a second to come down from 2.5 to 0.5 Mbit/s), and for that second the sender keeps filling a link that just
 * narrowed. Skipping pictures (not encoding them leaves the reference chain whole) holds what leaves to the bitrate
 * within a frame or two. Keyframes are not charged (libwebrtc spreads them over the frames that follow): the pictures
 * skipped after each would stall the first second of a stream and every periodic keyframe, and what is asked is
 * that the encoder keeps to a rate, not that a keyframe be smaller.
 *
 * <p>Pure arithmetic over what it is told; send thread only.
 *
 * <pre>{@code
 * FrameDropper dropper = new FrameDropper(30);
 * if (dropper.admit(bitrateBps, System.nanoTime())) { encode(...); dropper.onEncoded(frame.length(), frame.keyframe()); }
 * }</pre>
 */
final class FrameDropper {
    /** Encoded bits beyond the bitrate, in seconds of it, that are let through before pictures are skipped. */
    static final double WINDOW_SECONDS = 0.25;

    /** Longest time one picture drains: a source that paused does not earn a burst. */
    static final long MAX_DRAIN_NANOS = 1_000_000_000L;

    private final long intervalNanos;
    private double bits;
    private long lastNanos;
    private boolean started;
    private long skipped;

    /** @param frameRate the capture frame rate: one picture is one interval of draining */
    FrameDropper(int frameRate) {
        if (frameRate < 1) {
            throw new IllegalArgumentException("frame rate below 1: " + frameRate);
        }
        this.intervalNanos = 1_000_000_000L / frameRate;
    }

    /**
     * Drains the time since the last picture (at least one capture interval, at most a second) at {@code bitrateBps}
     * and decides whether this picture may be encoded.
     *
     * @param bitrateBps the bitrate the encoder is held to, bit/s; 0 or less: nothing is held back
     * @param nowNanos   now, in any monotonic clock
     * @return false to skip the picture
     */
    boolean admit(long bitrateBps, long nowNanos) {
        long elapsed = started ? Math.min(MAX_DRAIN_NANOS, Math.max(intervalNanos, nowNanos - lastNanos))
                : intervalNanos;
        started = true;
        lastNanos = nowNanos;
        if (bitrateBps <= 0) {
            bits = 0;
            return true;
        }
        bits = Math.max(0, bits - bitrateBps * (elapsed / 1e9));
        if (bits > bitrateBps * WINDOW_SECONDS) {
            skipped++;
            return false;
        }
        return true;
    }

    /**
     * @param bytes    the size of the frame just encoded from an admitted picture
     * @param keyframe whether it is a keyframe (not charged)
     */
    void onEncoded(int bytes, boolean keyframe) {
        if (!keyframe) {
            bits += 8.0 * bytes;
        }
    }

    /** @return pictures skipped because the encoder ran ahead of its bitrate */
    long skipped() {
        return skipped;
    }
}
