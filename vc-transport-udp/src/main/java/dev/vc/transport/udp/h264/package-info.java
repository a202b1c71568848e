/**
 * H.264 over RTP (RFC 6184, packetization mode 1): the first and last step of an H.264 stream on the wire.
 * {@link dev.vc.transport.udp.h264.H264Packetizer} splits an Annex-B access unit into single NAL unit,
 * STAP-A and FU-A packets; {@link dev.vc.transport.udp.h264.H264Depacketizer} rebuilds the access unit;
 * {@link dev.vc.transport.udp.h264.H264ParameterSets} finds the SPS and PPS a receiver (or SDP) needs. An
 * access unit the format cannot carry fails with {@link dev.vc.transport.udp.h264.H264FormatException}.
 *
 * <pre>{@code
 * new H264Packetizer(1200).packetize(annexB, 0, annexB.length, captureNanos, rtp, sink);
 * }</pre>
 */
package dev.vc.transport.udp.h264;
