package dev.vc.transport.udp.h264;

/**
 * Tells, from one RTP packet's RFC 6184 payload alone, whether the packet starts an access unit from which a
 * decoder can begin: what a relay needs to switch a receiver onto another simulcast layer, or to start forwarding
 * a paused stream, without reassembling frames.
 *
 * <p>A packet starts a keyframe when it is a sequence parameter set or an IDR slice sent whole, a STAP-A that
 * aggregates either (after an access unit delimiter or SEI, say), or the first fragment of an IDR slice's FU-A.
 * vc's senders put SPS and PPS in one STAP-A before each IDR slice, so a switch lands on the parameter sets of the
 * new layer; a sender that sends its IDR first relies on parameter sets the receiver already holds. Reads only
 * within {@code [offset, offset + length)}; never throws.
 *
 * <pre>{@code
 * boolean start = H264KeyframeStart.test(packet, rtp.payloadOffset(), rtp.payloadLength());
 * }</pre>
 */
public final class H264KeyframeStart {
    private H264KeyframeStart() {
    }

    /**
     * @param payload holds the RTP payload
     * @param offset  where it starts
     * @param length  its length
     * @return true if the packet starts a keyframe as described above
     */
    public static boolean test(byte[] payload, int offset, int length) {
        if (length < 1) {
            return false;
        }
        int type = H264.type(payload[offset]);
        return switch (type) {
            case H264.SPS, H264.IDR_SLICE -> true;
            case H264.STAP_A -> aggregatesKeyframeStart(payload, offset, length);
            case H264.FU_A -> length >= 2 && (payload[offset + 1] & H264.FU_START) != 0
                    && H264.type(payload[offset + 1]) == H264.IDR_SLICE;
            default -> false;
        };
    }

    /**
     * Whether the packet carries a sequence parameter set: an SPS sent whole, or a STAP-A that aggregates one. A
     * keyframe that starts so brings its parameter sets; one that starts with its IDR slice brings none, and a
     * decoder starting there needs them from elsewhere (an earlier packet of the access unit, or out of band).
     *
     * @param payload holds the RTP payload
     * @param offset  where it starts
     * @param length  its length
     * @return true if the packet carries an SPS
     */
    public static boolean carriesSps(byte[] payload, int offset, int length) {
        if (length < 1) {
            return false;
        }
        int type = H264.type(payload[offset]);
        return type == H264.SPS || type == H264.STAP_A && aggregates(payload, offset, length, true);
    }

    private static boolean aggregatesKeyframeStart(byte[] payload, int offset, int length) {
        return aggregates(payload, offset, length, false);
    }

    /**
     * Walks a STAP-A's units (RFC 6184 §5.7.1: a 16-bit size, then the unit) for an SPS, or with {@code spsOnly}
     * false an SPS or an IDR slice.
     */
    private static boolean aggregates(byte[] payload, int offset, int length, boolean spsOnly) {
        int end = offset + length;
        int at = offset + 1;
        while (at + 3 <= end) {
            int size = (payload[at] & 0xFF) << 8 | (payload[at + 1] & 0xFF);
            int type = H264.type(payload[at + 2]);
            if (size > 0 && (type == H264.SPS || !spsOnly && type == H264.IDR_SLICE)) {
                return true;
            }
            at += 2 + size;
        }
        return false;
    }
}
