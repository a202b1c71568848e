/**
 * JPEG over RTP (RFC 2435): the first and last step of a JPEG stream on the wire.
 * {@link dev.vc.transport.udp.jpeg.JpegPacketizer} splits a baseline JFIF into packets with its quantization
 * tables inline; {@link dev.vc.transport.udp.jpeg.JpegPayloadHeader} reads a packet's JPEG header and
 * {@link dev.vc.transport.udp.jpeg.JpegDepacketizer} rebuilds the JFIF from the fragments, whatever their
 * order. A JPEG the format cannot carry fails with {@link dev.vc.transport.udp.jpeg.JpegFormatException}.
 *
 * <pre>{@code
 * new JpegPacketizer(1200).packetize(jpeg, 0, jpeg.length, captureNanos, rtp, sink);
 * }</pre>
 */
package dev.vc.transport.udp.jpeg;
