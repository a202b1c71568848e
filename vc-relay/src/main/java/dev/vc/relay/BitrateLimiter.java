package dev.vc.relay;

/**
 * A token bucket in bits: a participant may send {@code maxBitrate} bits per second on average, with bursts
 * of up to half a second's worth (a large keyframe fits). The rate may change ({@link #rate}). Used by the media
 * thread only.
 */
final class BitrateLimiter {
    private long maxBitrate;
    private double burstBits;
    private double tokens;
    private long lastNanos;

    BitrateLimiter(long maxBitrate, long nowNanos) {
        this.maxBitrate = maxBitrate;
        this.burstBits = maxBitrate / 2.0;
        this.tokens = burstBits;
        this.lastNanos = nowNanos;
    }

    /** @return true if a packet of {@code bytes} fits under the cap now (and spends its tokens) */
    boolean tryConsume(int bytes, long nowNanos) {
        refill(nowNanos);
        double bits = bytes * 8.0;
        if (tokens < bits) {
            return false;
        }
        tokens -= bits;
        return true;
    }

    /** Changes the rate from now on: the time before {@code nowNanos} is credited at the old rate. */
    void rate(long bitsPerSecond, long nowNanos) {
        refill(nowNanos);
        maxBitrate = bitsPerSecond;
        burstBits = bitsPerSecond / 2.0;
        tokens = Math.min(tokens, burstBits);
    }

    /** @return the current rate, bit/s */
    long rate() {
        return maxBitrate;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burstBits, tokens + elapsed * (maxBitrate / 1e9));
            lastNanos = nowNanos;
        }
    }
}
