package dev.vc.transport.udp.internal.receive;

import dev.vc.api.VideoCodec;

/**
 * The remote streams a transport tracks, by SSRC, at most {@link ReceiveLimits#maxStreams()}: a new stream
 * beyond that evicts the least recently active one (its pending frames count as incomplete).
 *
 * <p>A linear scan over a small array with a last-hit cache: no boxing, no allocation per packet.
 * Receive thread only.
 */
final class StreamTable {
    private final ReceiveLimits limits;
    private final ReceiveCounters counters;
    private final int[] ssrcs;
    private final ReceiveStream[] streams;
    private int size;
    private int lastHit;

    StreamTable(ReceiveLimits limits, ReceiveCounters counters) {
        this.limits = limits;
        this.counters = counters;
        this.ssrcs = new int[limits.maxStreams()];
        this.streams = new ReceiveStream[limits.maxStreams()];
    }

    /**
     * @param ssrc     a remote stream's SSRC
     * @param codec    the codec of the packet at hand, for a new stream
     * @param nowNanos {@link System#nanoTime()}, recorded as its last activity
     * @return the stream, created (and the least recently active evicted if the table is full) if new
     */
    ReceiveStream get(int ssrc, VideoCodec codec, long nowNanos) {
        int index = indexOf(ssrc);
        if (index < 0) {
            index = size < streams.length ? size++ : evictLeastRecentlyActive();
            ssrcs[index] = ssrc;
            streams[index] = new ReceiveStream(ssrc, codec, limits, counters);
        }
        lastHit = index;
        ReceiveStream stream = streams[index];
        stream.lastActiveNanos = nowNanos;
        return stream;
    }

    /**
     * @param ssrc a remote stream's SSRC
     * @return the stream, or null if none is tracked (nothing is created)
     */
    ReceiveStream find(int ssrc) {
        int index = indexOf(ssrc);
        return index < 0 ? null : streams[index];
    }

    private int indexOf(int ssrc) {
        if (lastHit < size && ssrcs[lastHit] == ssrc) {
            return lastHit;
        }
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                return i;
            }
        }
        return -1;
    }

    private int evictLeastRecentlyActive() {
        int victim = 0;
        for (int i = 1; i < size; i++) {
            if (streams[i].lastActiveNanos - streams[victim].lastActiveNanos < 0) {
                victim = i;
            }
        }
        streams[victim].assembler.discardAll();
        return victim;
    }

    /**
     * Discards frames pending longer than the frame timeout, in every stream.
     *
     * @param nowNanos {@link System#nanoTime()}
     */
    void expire(long nowNanos) {
        for (int i = 0; i < size; i++) {
            streams[i].assembler.expire(nowNanos);
        }
    }

    /** @return the number of streams tracked */
    int size() {
        return size;
    }
}
