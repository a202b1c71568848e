package dev.vc.transport.udp.internal.send;

/**
 * What the send chain counts beside each layer's media ({@link SendCounters}): the padding it sent to probe the
 * uplink, and the frames it dropped because their layer has no SSRC. Written by the sending thread, read by any.
 */
public final class ChainCounters {
    private volatile long paddingPacketsSent;
    private volatile long paddingBytesSent;
    private volatile long probeClustersSent;
    private volatile long framesWithoutLayer;

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
}
