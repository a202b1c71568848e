package dev.vc.transport.udp.internal.send;

/**
 * The send side's counters behind {@code TransportStats} and the RTCP sender report: written by the one
 * sending thread (plain volatile writes), read by any thread.
 */
public final class SendCounters {
    private volatile long packetsSent;
    private volatile long bytesSent;
    private volatile long payloadBytesSent;
    private volatile long framesSent;

    /** Creates zeroed counters. */
    public SendCounters() {
    }

    /**
     * Counts one sent packet. Called only from the sending thread.
     *
     * @param bytes        its UDP payload size
     * @param payloadBytes its RTP payload size
     */
    void packetSent(int bytes, int payloadBytes) { // single writer: read-modify-write of a volatile is safe
        packetsSent = packetsSent + 1;
        bytesSent = bytesSent + bytes;
        payloadBytesSent = payloadBytesSent + payloadBytes;
    }

    /** Counts one sent frame. Called only from the sending thread. */
    void frameSent() { // single writer
        framesSent = framesSent + 1;
    }

    /** @return RTP packets sent */
    public long packetsSent() {
        return packetsSent;
    }

    /** @return UDP payload bytes sent */
    public long bytesSent() {
        return bytesSent;
    }

    /** @return RTP payload octets sent (the sender report's octet count) */
    public long payloadBytesSent() {
        return payloadBytesSent;
    }

    /** @return frames sent */
    public long framesSent() {
        return framesSent;
    }
}
