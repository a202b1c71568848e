/**
 * The RTP layer (RFC 3550) under every payload format: {@link dev.vc.transport.udp.rtp.RtpPacketWriter} writes
 * a stream's headers (SSRC, sequence numbers, timestamps, the abs-capture-time extension that carries the
 * capture time: {@link dev.vc.transport.udp.rtp.AbsCaptureTime}), {@link dev.vc.transport.udp.rtp.RtpHeader}
 * parses them on receipt without allocating, {@link dev.vc.transport.udp.rtp.RtpSequence} and
 * {@link dev.vc.transport.udp.rtp.RtpTimestamp} do their wrap-around arithmetic, and
 * {@link dev.vc.transport.udp.rtp.SendHistory} keeps the packets sent for retransmission, which travel as RTX
 * (RFC 4588: {@link dev.vc.transport.udp.rtp.RtxPacket}, {@link dev.vc.transport.udp.rtp.RtxPacketWriter}).
 *
 * <pre>{@code
 * RtpHeader rtp = new RtpHeader().parse(datagram, 0, length);
 * }</pre>
 */
package dev.vc.transport.udp.rtp;
