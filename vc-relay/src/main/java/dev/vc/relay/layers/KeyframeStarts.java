package dev.vc.relay.layers;

import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264KeyframeStart;

/**
 * Whether an RTP packet starts a picture a decoder can begin from, by the sender's codec, from its payload alone:
 * where {@link ForwardedStream} may switch a receiver onto a layer. H.264: {@link H264KeyframeStart}. JPEG (RFC
 * 2435): every frame is a keyframe, so the packet holding a frame's first fragment (fragment offset 0) starts one.
 * Never throws; allocates nothing.
 */
public final class KeyframeStarts {
    /** RFC 2435 main JPEG header: type-specific (1), fragment offset (3), type, Q, width, height. */
    private static final int JPEG_HEADER_BYTES = 8;

    private KeyframeStarts() {
    }

    /**
     * @param codec   the sender's codec
     * @param packet  holds the packet
     * @param offset  where its RTP payload starts
     * @param length  the payload's length, padding excluded
     * @return true if the packet starts a keyframe
     */
    public static boolean test(VideoCodec codec, byte[] packet, int offset, int length) {
        return switch (codec) {
            case H264 -> H264KeyframeStart.test(packet, offset, length);
            case JPEG -> length >= JPEG_HEADER_BYTES
                    && (packet[offset + 1] | packet[offset + 2] | packet[offset + 3]) == 0;
        };
    }
}
