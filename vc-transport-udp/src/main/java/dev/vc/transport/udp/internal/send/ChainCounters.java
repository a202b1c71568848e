package dev.vc.transport.udp.internal.send;

/**
 * What the send chain counts beside each layer's media ({@link SendCounters}): the padding it sent to probe the
 * uplink, the frames it dropped because their layer has no SSRC, and on an encrypted hop the frames held back
 * before the keys and the packets SRTP refused, media and control (RTCP, retransmissions). Written by the sending
 * thread, read by any; {@link #dropsByReason} is what {@code TransportStats.sendDropsByReason} reports.
 */
public final class ChainCounters {
    private volatile long paddingPacketsSent;
    private volatile long paddingBytesSent;
    private volatile long probeClustersSent;
    private volatile long framesWithoutLayer;
    private volatile long framesBeforeKeys;
    private final java.util.concurrent.atomic.LongAdder packetsNotProtected = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder controlNotProtected = new java.util.concurrent.atomic.LongAdder();

    /** Creates zeroed counters. */
    public ChainCounters() {
    }

    void paddingSent(byte[] packet, int offset, int length) { // single writer
        paddingPacketsSent = paddingPacketsSent + 1;
        paddingBytesSent = paddingBytesSent + length;
    }

    void probeClusterSent() { // single writer
        probeClustersSent = probeClustersSent + 1;
    }

    void frameWithoutLayer() { // single writer
        framesWithoutLayer = framesWithoutLayer + 1;
    }

    void frameBeforeKeys() { // single writer
        framesBeforeKeys = framesBeforeKeys + 1;
    }

    void packetNotProtected() { // the send thread and the padding's: two writers
        packetsNotProtected.increment();
    }

    /** Counts an RTCP packet or retransmission not sent: SRTP had no keys yet or refused it (any thread). */
    public void controlNotProtected() {
        controlNotProtected.increment();
    }

    /** @return frames not sent because the encrypted hop had no keys yet (media is never sent in clear) */
    public long framesBeforeKeys() {
        return framesBeforeKeys;
    }

    /** @return packets of the chain SRTP refused to protect (e.g. a repeated index), not sent */
    public long packetsNotProtected() {
        return packetsNotProtected.sum();
    }

    /** @return padding-only packets sent in probe clusters */
    public long paddingPacketsSent() {
        return paddingPacketsSent;
    }

    /** @return their UDP payload bytes */
    public long paddingBytesSent() {
        return paddingBytesSent;
    }

    /** @return probe clusters sent */
    public long probeClustersSent() {
        return probeClustersSent;
    }

    /** @return frames dropped because their layer has no SSRC (the relay granted fewer layers) */
    public long framesWithoutLayer() {
        return framesWithoutLayer;
    }

    /**
     * @return the non-zero counts of what the chain did not send, by reason: {@code FRAME_BEFORE_KEYS},
     *         {@code FRAME_WITHOUT_LAYER}, {@code MEDIA_NOT_PROTECTED}, {@code CONTROL_NOT_PROTECTED}, in that order
     */
    public java.util.Map<String, Long> dropsByReason() {
        java.util.Map<String, Long> drops = new java.util.LinkedHashMap<>();
        putNonZero(drops, "FRAME_BEFORE_KEYS", framesBeforeKeys);
        putNonZero(drops, "FRAME_WITHOUT_LAYER", framesWithoutLayer);
        putNonZero(drops, "MEDIA_NOT_PROTECTED", packetsNotProtected.sum());
        putNonZero(drops, "CONTROL_NOT_PROTECTED", controlNotProtected.sum());
        return drops;
    }

    private static void putNonZero(java.util.Map<String, Long> drops, String reason, long count) {
        if (count != 0) {
            drops.put(reason, count);
        }
    }
}
