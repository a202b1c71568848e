/**
 * The wire formats of vc's RTP over UDP, bytes in and packets out with no socket, by format: {@code jpeg} and
 * {@code h264} packetize frames and rebuild them (RFC 2435, RFC 6184), {@code rtp} writes and reads the RTP
 * header and keeps the packets sent, {@code rtcp} writes and reads reports and feedback. This package holds
 * what they share and what stands beside them: {@link dev.vc.transport.udp.Packetizer}, the one interface of
 * both packetizers, and the {@link dev.vc.transport.udp.PacketSink} they write to; the typed
 * {@link dev.vc.transport.udp.MalformedPacketException} of every reader; the relay's authenticated hello
 * ({@link dev.vc.transport.udp.MediaHello}); and {@link dev.vc.transport.udp.Sdp}, so standard tools can
 * receive vc streams.
 *
 * <p>Sending, a frame goes {@code Packetizer -> RtpPacketWriter -> PacketSink}; receiving, a datagram goes
 * {@code RtpHeader -> JpegDepacketizer | H264Depacketizer}. The {@code udp} transport composes these
 * (not exported); the relay reads RTP headers and hellos with them.
 */
package dev.vc.transport.udp;
