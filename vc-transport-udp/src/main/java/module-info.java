/**
 * RTP over UDP for vc: the wire formats, by package in the order a frame meets them (the RFC 2435 JPEG and
 * RFC 6184 H.264 payload formats {@code dev.vc.transport.udp.jpeg} and {@code .h264}, the RTP header, its
 * arithmetic and the abs-capture-time extension {@code .rtp}, reports and feedback {@code .rtcp}, and what
 * they share, the relay hello and SDP {@code dev.vc.transport.udp}; SRTP keys {@code .srtp} and the DTLS-SRTP
 * handshake that exports them {@code .dtls}, built on BouncyCastle's DTLS 1.2), and the {@code udp}
 * {@link dev.vc.api.TransportProvider} built on them (internal).
 *
 * <p>Data flows {@code EncodedFrame -> JpegPacketizer | H264Packetizer -> send history -> pacing ->
 * DatagramChannel -> demux -> RtpHeader -> stream -> frame assembly -> JpegDepacketizer | H264Depacketizer ->
 * TransportListener}. The relay reads RTP headers with {@link dev.vc.transport.udp.rtp.RtpHeader} and forwards
 * packets without decoding them.
 */
module dev.vc.transport.udp {
    requires transitive dev.vc.api;
    requires org.bouncycastle.tls;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;

    exports dev.vc.transport.udp;
    exports dev.vc.transport.udp.jpeg;
    exports dev.vc.transport.udp.h264;
    exports dev.vc.transport.udp.rtp;
    exports dev.vc.transport.udp.rtcp;
    exports dev.vc.transport.udp.cc;
    exports dev.vc.transport.udp.srtp;
    exports dev.vc.transport.udp.dtls;

    provides dev.vc.api.TransportProvider with dev.vc.transport.udp.internal.UdpTransportProvider;
}
