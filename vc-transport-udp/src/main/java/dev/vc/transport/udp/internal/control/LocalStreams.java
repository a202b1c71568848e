package dev.vc.transport.udp.internal.control;

import dev.vc.transport.udp.rtp.RtxPacketWriter;

/**
 * The local RTP streams the {@link RtcpSession} reports on and answers feedback for: one per simulcast layer
 * (layer 0 the largest), each with its own SSRC, send history, RTX stream and counters.
 *
 * <p>Any thread: the counters are read by the report timer, the histories by the receive thread.
 */
public interface LocalStreams {
    /** @return how many layers there are, 1..3 */
    int count();

    /**
     * @param layer 0 .. {@link #count()} - 1
     * @return that layer's SSRC
     */
    int ssrc(int layer);

    /**
     * @param ssrc an SSRC from a report block or feedback
     * @return the layer sending with it, or -1 if none of ours does
     */
    int layerOf(int ssrc);

    /**
     * Copies a packet a layer sent lately, for retransmission.
     *
     * @param layer    the layer
     * @param sequence the RTP sequence number asked for
     * @param out      destination, at least the MTU long
     * @return the packet's length, or 0 if it is no longer kept
     */
    int copySent(int layer, int sequence, byte[] out);

    /**
     * @param layer the layer
     * @return the writer of its retransmissions (RTX, RFC 4588); receive thread only
     */
    RtxPacketWriter rtx(int layer);

    /**
     * @param layer the layer
     * @return RTP packets it sent
     */
    long packetsSent(int layer);

    /**
     * @param layer the layer
     * @return RTP payload octets it sent
     */
    long payloadBytesSent(int layer);

    /**
     * @param layer the layer
     * @return its sender report's packet and octet counts of one instant ({@link SenderReportCounts}); the two
     *         figures above, read one after the other, may be a packet apart
     */
    long senderReportCounts(int layer);

    /**
     * @param layer the layer
     * @return UDP payload bytes it sent
     */
    long bytesSent(int layer);
}
