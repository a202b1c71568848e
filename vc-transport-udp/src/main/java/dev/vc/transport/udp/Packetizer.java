package dev.vc.transport.udp;

import dev.vc.transport.udp.h264.H264FormatException;
import dev.vc.transport.udp.h264.H264Packetizer;
import dev.vc.transport.udp.jpeg.JpegFormatException;
import dev.vc.transport.udp.jpeg.JpegPacketizer;
import dev.vc.transport.udp.rtp.RtpPacketWriter;

/**
 * Splits one encoded frame into RTP packets of one payload format: bytes in, packets out, no socket. One
 * implementation per format: {@link JpegPacketizer} (RFC 2435) and {@link H264Packetizer} (RFC 6184), so a
 * sender picks the packetizer once per codec and calls them alike.
 *
 * <pre>{@code
 * Packetizer packetizer = codec == VideoCodec.H264 ? new H264Packetizer(1200) : new JpegPacketizer(1200);
 * packetizer.packetize(frame.data(), 0, frame.length(), frame.captureTimeNanos(), rtp,
 *         (packet, offset, length) -> channel.send(ByteBuffer.wrap(packet, offset, length), remote));
 * }</pre>
 *
 * <p>Implementations reuse one packet buffer and are not thread-safe.
 */
public interface Packetizer {
    /**
     * Packetizes one frame. The frame is checked completely before the first packet, so a rejected frame
     * produces no packet and consumes no sequence number.
     *
     * @param data             buffer holding the encoded frame
     * @param offset           where it starts
     * @param length           its length
     * @param captureTimeNanos capture time, epoch nanoseconds: sets the RTP timestamp and abs-capture-time
     * @param rtp              the stream's header writer, its payload type already set
     * @param sink             receives each packet
     * @return the number of packets produced
     * @throws dev.vc.api.TransportException if the payload format cannot carry the frame: a
     *                                         {@link JpegFormatException} or an {@link H264FormatException}
     */
    int packetize(byte[] data, int offset, int length, long captureTimeNanos, RtpPacketWriter rtp, PacketSink sink);
}
