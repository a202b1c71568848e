package dev.vc.transport.udp.internal.receive;

import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.transport.udp.internal.UdpSettings;

import java.util.concurrent.TimeUnit;

/**
 * The bounds of the receive side, built from the transport's settings home ({@link UdpSettings}) and
 * {@link CoreSettings#MAX_STREAMS}. Worst-case reassembly memory is
 * {@code maxStreams * maxPendingFrames * maxFrameBytes}; buffers grow to that only when a peer sends frames
 * that large.
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
public record ReceiveLimits(int maxFrameBytes, int maxPendingFrames, int maxStreams, long frameTimeoutNanos,
                            long retransmitWaitNanos) {
    /** The defaults of every setting. */
    public static final ReceiveLimits DEFAULTS = from(Config.empty());

    /**
     * @param maxFrameBytes       largest frame scan accepted
     * @param maxPendingFrames    frames of one stream being assembled at once
     * @param maxStreams          remote streams tracked
     * @param frameTimeoutNanos   how long a frame may stay incomplete
     * @param retransmitWaitNanos how long a complete H.264 frame waits for an older incomplete one
     */
    public ReceiveLimits {
        if (maxFrameBytes < 1 || maxPendingFrames < 1 || maxStreams < 1 || frameTimeoutNanos < 1
                || retransmitWaitNanos < 0) {
            throw new IllegalArgumentException("receive limits must be positive");
        }
    }

    /**
     * @param config the configuration
     * @return the limits it sets, defaults elsewhere
     */
    public static ReceiveLimits from(Config config) {
        return new ReceiveLimits(
                config.get(UdpSettings.MAX_FRAME_BYTES),
                config.get(UdpSettings.MAX_PENDING_FRAMES),
                config.get(CoreSettings.MAX_STREAMS),
                TimeUnit.MILLISECONDS.toNanos(config.get(UdpSettings.FRAME_TIMEOUT_MS)),
                TimeUnit.MILLISECONDS.toNanos(config.get(UdpSettings.NACK_WAIT_MS)));
    }
}
