package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.internal.control.SenderReportCounts;

/**
 * The send side's counters behind {@code TransportStats} and the RTCP sender report: written by the one
 * sending thread (plain volatile writes), read by any thread. Each counter on its own is exact; the sender
 * report's packet and octet counts, which must describe one instant, are read together from
 * {@link #senderReportCounts()}.
 */
public final class SendCounters {
    private volatile long packetsSent;
    private volatile long bytesSent;
    private volatile long payloadBytesSent;
    private volatile long framesSent;
    /** {@link SenderReportCounts} of packets and payload octets, published in one write with each packet. */
    private volatile long senderReportCounts;

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
        long packets = packetsSent + 1;
        long payload = payloadBytesSent + payloadBytes;
        packetsSent = packets;
        bytesSent = bytesSent + bytes;
        payloadBytesSent = payload;
        senderReportCounts = SenderReportCounts.pack(packets, payload);
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

    /**
     * @return the sender report's packet count and RTP payload octet count of one instant, as
     *         {@link SenderReportCounts}
     */
    public long senderReportCounts() {
        return senderReportCounts;
    }

    /** @return frames sent */
    public long framesSent() {
        return framesSent;
    }
}
