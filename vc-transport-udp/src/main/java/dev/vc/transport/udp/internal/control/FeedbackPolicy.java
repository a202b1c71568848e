package dev.vc.transport.udp.internal.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a sender does with its receivers' feedback, bounded: NACKs are answered from the send history only within
 * a retransmission budget (a fifth of what we send, at least 16 kB/s, half a second of burst), and PLIs cause
 * at most one keyframe per {@link #KEYFRAME_INTERVAL_NANOS} and simulcast layer. Whoever reaches our socket, a NACK storm then
 * costs at most a fifth more bandwidth and a PLI storm two keyframes a second. Refusals are counted by reason.
 *
 * <pre>{@code
 * if (policy.allowRetransmission(length, now)) output.send(packet, length);
 * if (policy.allowKeyframe(layer, now)) listener.onKeyframeRequest(layer);
 * policy.onSent(totalPayloadBytes, now);     // about once a second, from the report timer
 * }</pre>
 *
 * Retransmissions and keyframe requests arrive on the receive thread, {@link #onSent} on the timer thread.
 */
public final class FeedbackPolicy {
    /** Shortest spacing of the keyframes PLIs may cause. */
    public static final long KEYFRAME_INTERVAL_NANOS = 500_000_000L;
    /** Share of the send rate retransmissions may add. */
    static final double RETRANSMISSION_SHARE = 0.2;
    /** The retransmission budget when we send little or have not measured yet, bytes/s. */
    static final double MIN_RETRANSMISSION_BYTES_PER_SECOND = 16_000;

    private volatile double budgetBytesPerSecond = MIN_RETRANSMISSION_BYTES_PER_SECOND;
    private double tokens = MIN_RETRANSMISSION_BYTES_PER_SECOND / 2;
    private long lastRefillNanos = Long.MIN_VALUE;
    private final long[] lastKeyframeNanos = {Long.MIN_VALUE / 2, Long.MIN_VALUE / 2, Long.MIN_VALUE / 2};
    private long sentAtLastSample = -1;
    private long lastSampleNanos;
    private final LongAdder overBudget = new LongAdder();
    private final LongAdder keyframesSkipped = new LongAdder();

    /**
     * Receive thread: whether a retransmission of {@code bytes} fits the budget now (and spends it).
     */
    public synchronized boolean allowRetransmission(int bytes, long nowNanos) {
        double rate = budgetBytesPerSecond;
        if (lastRefillNanos == Long.MIN_VALUE) {
            lastRefillNanos = nowNanos;
        }
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(rate / 2, tokens + elapsed * rate / 1e9);
            lastRefillNanos = nowNanos;
        }
        if (tokens < bytes) {
            overBudget.increment();
            return false;
        }
        tokens -= bytes;
        return true;
    }

    /**
     * Receive thread: whether a PLI or FIR may cause a keyframe of a layer now.
     *
     * @param layer    the simulcast layer asked for, 0..2
     * @param nowNanos {@link System#nanoTime()}
     * @return whether to ask the layer's encoder for a keyframe
     */
    public synchronized boolean allowKeyframe(int layer, long nowNanos) {
        if (nowNanos - lastKeyframeNanos[layer] < KEYFRAME_INTERVAL_NANOS) {
            keyframesSkipped.increment();
            return false;
        }
        lastKeyframeNanos[layer] = nowNanos;
        return true;
    }

    /**
     * Timer thread: sets the retransmission budget from what we sent since the last call.
     *
     * @param totalBytesSent bytes sent since the start
     * @param nowNanos       {@link System#nanoTime()}
     */
    public void onSent(long totalBytesSent, long nowNanos) {
        if (sentAtLastSample >= 0 && nowNanos > lastSampleNanos) {
            double rate = (totalBytesSent - sentAtLastSample) * 1e9 / (nowNanos - lastSampleNanos);
            budgetBytesPerSecond = Math.max(MIN_RETRANSMISSION_BYTES_PER_SECOND, rate * RETRANSMISSION_SHARE);
        }
        sentAtLastSample = totalBytesSent;
        lastSampleNanos = nowNanos;
    }

    /** @return what was refused, by reason: {@code RETRANSMISSION_BUDGET}, {@code KEYFRAME_INTERVAL}; non-zero only */
    public Map<String, Long> refused() {
        Map<String, Long> map = new LinkedHashMap<>();
        if (overBudget.sum() > 0) {
            map.put("RETRANSMISSION_BUDGET", overBudget.sum());
        }
        if (keyframesSkipped.sum() > 0) {
            map.put("KEYFRAME_INTERVAL", keyframesSkipped.sum());
        }
        return map;
    }
}
