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

    /** Creates zeroed counters. */
    public ReceiveCounters() {
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
