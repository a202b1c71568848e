package dev.vc.transport.udp.internal.send;

/**
 * Spreads a frame's packets over time instead of bursting them: a token bucket in bytes, refilled at the
 * pacing rate, holding at most a small burst. A large frame (a keyframe, a JPEG) then leaves at the pacing
 * rate, so a switch or Wi-Fi queue is not hit by dozens of back-to-back datagrams; small frames go out at once.
 *
 * <p>Pure arithmetic over a caller-supplied clock, so it is tested without sleeping; the send thread sleeps
 * for what {@link #waitNanos} answers. Send thread only.
 */
final class Pacer {
    private double bytesPerNano;
    private final double burstBytes;
    private double tokens;
    private long lastNanos;

    /**
     * @param bitsPerSecond pacing rate; 0 turns pacing off
     * @param burstBytes    bytes that may leave back to back
     * @param nowNanos      the clock's current value
     */
    Pacer(long bitsPerSecond, int burstBytes, long nowNanos) {
        this.bytesPerNano = bitsPerSecond / 8e9;
        this.burstBytes = burstBytes;
        this.tokens = burstBytes;
        this.lastNanos = nowNanos;
    }

    /**
     * Changes the rate for the packets that follow (the congestion controller's pacing rate).
     *
     * @param bitsPerSecond the new rate; 0 turns pacing off
     */
    void setRate(long bitsPerSecond) {
        this.bytesPerNano = bitsPerSecond / 8e9;
    }

    /**
     * Accounts for a packet about to be sent.
     *
     * @param bytes    its size
     * @param nowNanos the clock's current value
     * @return how long to wait before sending it, 0 to send now
     */
    long waitNanos(int bytes, long nowNanos) {
        if (bytesPerNano == 0) {
            return 0;
        }
        tokens = Math.min(burstBytes, tokens + (nowNanos - lastNanos) * bytesPerNano);
        lastNanos = nowNanos;
        tokens -= bytes;
        if (tokens >= 0) {
            return 0;
        }
        long wait = (long) Math.ceil(-tokens / bytesPerNano);
        // The packet leaves after the wait: the tokens it used are spent by then.
        tokens = 0;
        lastNanos = nowNanos + wait;
        return wait;
    }
}
