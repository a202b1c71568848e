/**
 * RTCP (RFC 3550 §6, RFC 4585, RFC 5104, RFC 5506), the feedback that flows back against the media:
 * {@link dev.vc.transport.udp.rtcp.RtcpWriter} writes sender and receiver reports, SDES, Generic NACK, PLI, FIR,
 * and the bit rate limits of RFC 5104 (TMMBR, TMMBN, their rate encoded by
 * {@link dev.vc.transport.udp.rtcp.BitrateTuple});
 * {@link dev.vc.transport.udp.rtcp.RtcpReader} reads compound or reduced-size packets into an
 * {@link dev.vc.transport.udp.rtcp.RtcpHandler}; {@link dev.vc.transport.udp.rtcp.ReceptionStatistics} keeps
 * what a receiver report says of one stream (loss, jitter, last SR).
 *
 * <pre>{@code
 * int end = RtcpWriter.pli(buffer, 0, ownSsrc, mediaSsrc);
 * RtcpReader.read(packet, 0, length, handler);
 * }</pre>
 */
package dev.vc.transport.udp.rtcp;
