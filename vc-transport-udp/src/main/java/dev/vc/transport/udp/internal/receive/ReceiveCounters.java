package dev.vc.transport.udp.internal.receive;

import dev.vc.api.TransportStats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link TransportStats}: the send side is written by the one sending thread (plain
 * volatile writes), the receive side by the receive thread; any thread may take a {@link #snapshot()}.
 */
final class TransportCounters {
    private volatile long packetsSent;
    private volatile long bytesSent;
    private volatile long payloadBytesSent;
    private volatile long framesSent;
    final LongAdder packetsReceived = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder framesReceived = new LongAdder();
    final LongAdder packetsDropped = new LongAdder();
    final LongAdder framesIncomplete = new LongAdder();
    /** Part of {@link #packetsDropped}: our own packets reflected back to us. */
    final LongAdder ownPacketsDropped = new LongAdder();

    /**
     * Counts one sent packet. Called only from the sending thread.
     *
     * @param bytes its UDP payload size
     */
    void packetSent(int bytes, int payloadBytes) { // single writer: read-modify-write of a volatile is safe
        packetsSent = packetsSent + 1;
        bytesSent = bytesSent + bytes;
        payloadBytesSent = payloadBytesSent + payloadBytes;
    }

    /** Counts one sent frame. Called only from the sending thread. */
    long packetsSent() {
        return packetsSent;
    }

    long bytesSent() {
        return bytesSent;
    }

    /** @return RTP payload octets sent (the sender report's octet count) */
    long payloadBytesSent() {
        return payloadBytesSent;
    }

    void frameSent() { // single writer
        framesSent = framesSent + 1;
    }

    /** @return the current values */
    TransportStats snapshot() {
        return new TransportStats(packetsSent, bytesSent, framesSent, packetsReceived.sum(), bytesReceived.sum(),
                framesReceived.sum(), packetsDropped.sum(), framesIncomplete.sum());
    }
}
