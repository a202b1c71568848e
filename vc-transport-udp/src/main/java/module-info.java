/**
 * RTP over UDP for vc: the RTP header reader/writer, sequence arithmetic, the abs-capture-time header
 * extension, the RFC 2435 JPEG and RFC 6184 H.264 payload formats, SDP for standard receivers
 * ({@code dev.vc.transport.udp}), and the {@code udp} {@link dev.vc.api.TransportProvider} built on them
 * (internal).
 *
 * <p>Data flows {@code EncodedFrame -> JpegPacketizer | H264Packetizer -> DatagramChannel -> RtpHeader -> frame
 * assembly -> JpegDepacketizer | H264Depacketizer -> TransportListener}. The relay reads RTP headers with {@link dev.vc.transport.udp.RtpHeader}
 * and forwards packets without decoding them.
 */
module dev.vc.transport.udp {
    requires transitive dev.vc.api;

    exports dev.vc.transport.udp;
    exports dev.vc.transport.udp.cc;

    provides dev.vc.api.TransportProvider with dev.vc.transport.udp.internal.UdpTransportProvider;
}
