package dev.vc.transport.udp.internal.receive;

import java.util.concurrent.atomic.LongAdder;

/**
 * The receive side's counters behind {@code TransportStats}: written by the receive thread, read by any
 * thread.
 */
public final class ReceiveCounters {
    final LongAdder packetsReceived = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder framesReceived = new LongAdder();
    final LongAdder framesIncomplete = new LongAdder();
    /** Every drop, by reason. */
    final ReceiveDrops packetsDropped = new ReceiveDrops();
    /** When the first packet was accepted ({@link System#nanoTime()}), or {@code Long.MIN_VALUE} before. */
    private volatile long firstPacketNanos = Long.MIN_VALUE;

    /** Creates zeroed counters. */
    public ReceiveCounters() {
    }

    /** Receive thread: counts a packet accepted into a frame; the first one's arrival is kept. */
    void onPacketAccepted(long nowNanos) {
        if (firstPacketNanos == Long.MIN_VALUE) {
            firstPacketNanos = nowNanos;
        }
        packetsReceived.increment();
    }

    /** @return when the first RTP packet was accepted into a frame ({@link System#nanoTime()}), or Long.MIN_VALUE */
    public long firstPacketNanos() {
        return firstPacketNanos;
    }

    /** @return RTP packets accepted into a frame */
    public long packetsReceived() {
        return packetsReceived.sum();
    }

    /** @return UDP payload bytes received, every datagram */
    public long bytesReceived() {
        return bytesReceived.sum();
    }

    /** @return complete frames handed to the listener */
    public long framesReceived() {
        return framesReceived.sum();
    }

    /** @return frames discarded because a packet of theirs never arrived */
    public long framesIncomplete() {
        return framesIncomplete.sum();
    }

    /** @return datagrams dropped, by reason */
    public ReceiveDrops drops() {
        return packetsDropped;
    }
}
