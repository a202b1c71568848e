package dev.vc.transport.udp.internal;

import dev.vc.api.Config;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.rtp.RtxPacket;

/**
 * The RTP payload type of each codec, on the wire both ways: JPEG has the static type 26 (RFC 3551); H.264
 * a dynamic one, 96 unless {@link UdpSettings#H264_PAYLOAD_TYPE} (96..127) says otherwise, and sender and
 * receiver must agree. The send side picks a packetizer and payload type per codec from it, the receive side
 * maps a packet's payload type back to its codec. Each has an RTX payload type for its retransmissions
 * ({@link RtxPacket#payloadTypeFor}: 35 for JPEG, the other of H.264's even/odd pair, 97 for 96).
 *
 * @param jpeg the JPEG payload type
 * @param h264 the H.264 payload type
 */
public record PayloadTypes(int jpeg, int h264) {
    /** 26 and 96, the defaults of {@link VideoCodec}. */
    public static final PayloadTypes DEFAULTS = new PayloadTypes(VideoCodec.JPEG.defaultPayloadType(),
            VideoCodec.H264.defaultPayloadType());

    /**
     * @param jpeg the JPEG payload type
     * @param h264 the H.264 payload type
     */
    public PayloadTypes {
        if (jpeg < 0 || jpeg > 127 || h264 < 0 || h264 > 127 || jpeg == h264) {
            throw new IllegalArgumentException("payload types must be distinct values in 0..127");
        }
    }

    /**
     * @param config the configuration
     * @return the payload types it sets, defaults elsewhere
     */
    public static PayloadTypes from(Config config) {
        return new PayloadTypes(DEFAULTS.jpeg, config.get(UdpSettings.H264_PAYLOAD_TYPE));
    }

    /**
     * @param payloadType a received packet's PT
     * @return whether it is the RTX payload type (RFC 4588) of one of the codecs' ({@link RtxPacket#payloadTypeFor}):
     *         a retransmission, whose original's PT is {@link RtxPacket#associatedPayloadType}
     */
    public boolean isRtx(int payloadType) {
        return payloadType == RtxPacket.payloadTypeFor(h264) || payloadType == RtxPacket.payloadTypeFor(jpeg);
    }

    /**
     * @param payloadType a received packet's PT
     * @return the codec it carries, or null if vc does not know the payload type
     */
    public VideoCodec codecOf(int payloadType) {
        if (payloadType == h264) {
            return VideoCodec.H264;
        }
        return payloadType == jpeg ? VideoCodec.JPEG : null;
    }
}
