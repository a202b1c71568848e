package dev.vc.transport.udp.internal.receive;

import dev.vc.api.Config;
import dev.vc.transport.udp.JpegDepacketizer;

import java.util.concurrent.TimeUnit;

/**
 * The bounds of the receive side, the one home of the {@code udp} transport's configuration. Worst-case
 * reassembly memory is {@code maxStreams * maxPendingFrames * maxFrameBytes}; buffers grow to that only when
 * a peer sends frames that large.
 *
 * @param maxFrameBytes     largest frame scan accepted ({@code vc.udp.max.frame.bytes}, 4 MiB)
 * @param maxPendingFrames  frames of one stream being assembled at once ({@code vc.udp.max.pending.frames}, 8:
 *                          a quarter of a second at 30 fps, so frames can wait for a retransmission)
 * @param maxStreams        remote streams tracked; the least recently active is evicted
 *                          ({@code vc.max.streams}, 64)
 * @param frameTimeoutNanos how long a frame may stay incomplete ({@code vc.udp.frame.timeout.ms}, 1000)
 * @param retransmitWaitNanos how long a complete H.264 frame waits for an older incomplete one whose missing
 *                          packets were asked for again ({@code vc.udp.nack.wait.ms}, 150; 0 never waits)
 */
record ReceiveLimits(int maxFrameBytes, int maxPendingFrames, int maxStreams, long frameTimeoutNanos,
                     long retransmitWaitNanos) {
    static final ReceiveLimits DEFAULTS = new ReceiveLimits(JpegDepacketizer.DEFAULT_MAX_FRAME_BYTES, 8, 64,
            TimeUnit.SECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(150));

    ReceiveLimits {
        if (maxFrameBytes < 1 || maxPendingFrames < 1 || maxStreams < 1 || frameTimeoutNanos < 1
                || retransmitWaitNanos < 0) {
            throw new IllegalArgumentException("receive limits must be positive");
        }
    }

    /**
     * @param config the configuration
     * @return the limits it sets, defaults elsewhere
     */
    static ReceiveLimits from(Config config) {
        return new ReceiveLimits(
                config.getInt("vc.udp.max.frame.bytes", DEFAULTS.maxFrameBytes, 64 * 1024, 16 * 1024 * 1024 - 1),
                config.getInt("vc.udp.max.pending.frames", DEFAULTS.maxPendingFrames, 1, 16),
                config.getInt("vc.max.streams", DEFAULTS.maxStreams, 1, 1024),
                TimeUnit.MILLISECONDS.toNanos(config.getInt("vc.udp.frame.timeout.ms", 1000, 10, 60_000)),
                TimeUnit.MILLISECONDS.toNanos(config.getInt("vc.udp.nack.wait.ms",
                        (int) TimeUnit.NANOSECONDS.toMillis(DEFAULTS.retransmitWaitNanos), 0, 10_000)));
    }
}
