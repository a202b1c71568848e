package dev.vc.transport.udp.internal;

import dev.vc.api.Config;
import dev.vc.transport.udp.JpegDepacketizer;

import java.util.concurrent.TimeUnit;

/**
 * The bounds of the receive side, the one home of the {@code udp} transport's configuration. Worst-case
 * reassembly memory is {@code maxStreams * maxPendingFrames * maxFrameBytes}; buffers grow to that only when
 * a peer sends frames that large.
 *
 * @param maxFrameBytes     largest frame scan accepted ({@code vc.udp.max.frame.bytes}, 4 MiB)
 * @param maxPendingFrames  frames of one stream being assembled at once ({@code vc.udp.max.pending.frames}, 4)
 * @param maxStreams        remote streams tracked; the least recently active is evicted
 *                          ({@code vc.max.streams}, 64)
 * @param frameTimeoutNanos how long a frame may stay incomplete ({@code vc.udp.frame.timeout.ms}, 1000)
 */
record ReceiveLimits(int maxFrameBytes, int maxPendingFrames, int maxStreams, long frameTimeoutNanos) {
    static final ReceiveLimits DEFAULTS = new ReceiveLimits(JpegDepacketizer.DEFAULT_MAX_FRAME_BYTES, 4, 64,
            TimeUnit.SECONDS.toNanos(1));

    ReceiveLimits {
        if (maxFrameBytes < 1 || maxPendingFrames < 1 || maxStreams < 1 || frameTimeoutNanos < 1) {
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
                TimeUnit.MILLISECONDS.toNanos(config.getInt("vc.udp.frame.timeout.ms", 1000, 10, 60_000)));
    }
}
