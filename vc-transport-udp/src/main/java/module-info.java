/**
 * RTP over UDP for vc: the RTP header reader/writer, sequence arithmetic, the abs-capture-time header
 * extension and the RFC 2435 JPEG payload format ({@code dev.vc.transport.udp}), and the {@code udp}
 * {@link dev.vc.api.TransportProvider} built on them (internal).
 *
 * <p>Data flows {@code EncodedFrame -> JpegPacketizer -> DatagramChannel -> RtpHeader -> frame assembly ->
 * JpegDepacketizer -> TransportListener}. The relay reads RTP headers with {@link dev.vc.transport.udp.RtpHeader}
 * and forwards packets without decoding them.
 */
module dev.vc.transport.udp {
    requires transitive dev.vc.api;

    exports dev.vc.transport.udp;

    provides dev.vc.api.TransportProvider with dev.vc.transport.udp.internal.UdpTransportProvider;
}
