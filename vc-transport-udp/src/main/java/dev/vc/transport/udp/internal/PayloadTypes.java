package dev.vc.transport.udp.internal;

import dev.vc.api.Config;
import dev.vc.api.VideoCodec;

/**
 * The RTP payload type of each codec, on the wire both ways: JPEG has the static type 26 (RFC 3551); H.264
 * a dynamic one, 96 unless {@code vc.rtp.pt.h264} (96..127) says otherwise, and sender and receiver must agree.
 *
 * @param jpeg the JPEG payload type
 * @param h264 the H.264 payload type
 */
record PayloadTypes(int jpeg, int h264) {
    /** Configuration key of the H.264 payload type. */
    static final String H264_KEY = "vc.rtp.pt.h264";
    /** 26 and 96, the defaults of {@link VideoCodec}. */
    static final PayloadTypes DEFAULTS = new PayloadTypes(VideoCodec.JPEG.defaultPayloadType(),
            VideoCodec.H264.defaultPayloadType());

    PayloadTypes {
        if (jpeg < 0 || jpeg > 127 || h264 < 0 || h264 > 127 || jpeg == h264) {
            throw new IllegalArgumentException("payload types must be distinct values in 0..127");
        }
    }

    /**
     * @param config the configuration, or null
     * @return the payload types it sets, defaults elsewhere
     */
    static PayloadTypes from(Config config) {
        return config == null ? DEFAULTS : new PayloadTypes(DEFAULTS.jpeg,
                config.getInt(H264_KEY, DEFAULTS.h264, 96, 127));
    }

    /**
     * @param codec a codec
     * @return its payload type
     */
    int of(VideoCodec codec) {
        return codec == VideoCodec.H264 ? h264 : jpeg;
    }

    /**
     * @param payloadType a received packet's PT
     * @return the codec it carries, or null if vc does not know the payload type
     */
    VideoCodec codecOf(int payloadType) {
        if (payloadType == h264) {
            return VideoCodec.H264;
        }
        return payloadType == jpeg ? VideoCodec.JPEG : null;
    }
}
