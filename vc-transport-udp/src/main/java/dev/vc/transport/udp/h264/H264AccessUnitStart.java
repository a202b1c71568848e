package dev.vc.transport.udp.h264;

/**
 * Tells whether an RTP packet's RFC 6184 payload begins an access unit, so that nothing of that access unit can
 * have come before it (ITU-T H.264 §7.4.1.2.3): its first NAL unit (sent alone, first in a STAP-A, or the start
 * fragment of an FU-A) is
 * <ul>
 *   <li>an access unit delimiter, a sequence or picture parameter set, or SEI: these come before the first slice
 *   of the primary coded picture;</li>
 *   <li>a slice (types 1, 2 or 5) whose {@code first_mb_in_slice} is 0: the picture's first slice. That field is
 *   the slice header's first value, an Exp-Golomb code whose value 0 is the single bit 1, so the byte after the
 *   NAL header has its top bit set.</li>
 * </ul>
 * This is what real senders begin a stream with: vc's and GStreamer's keyframes begin with the SPS, ffmpeg's with
 * the SPS or, when its parameter sets travel out of band, an SEI or the IDR slice. The standard lets a picture
 * parameter set stand between the slices of one picture; no encoder we know of puts it there. Reads only within
 * {@code [offset, offset + length)}; never throws.
 */
final class H264AccessUnitStart {
    /** NAL unit type of a coded slice data partition A, which begins with a slice header. */
    private static final int PARTITION_A = 2;

    private H264AccessUnitStart() {
    }

    /**
     * @param payload holds the RTP payload
     * @param offset  where it starts
     * @param length  its length
     * @return true if the payload begins an access unit as described above
     */
    static boolean test(byte[] payload, int offset, int length) {
        int at = firstUnitAt(payload, offset, length);
        if (at < 0) {
            return false;
        }
        int end = offset + length;
        if (H264.type(payload[offset]) == H264.STAP_A) {
            int size = (payload[offset + 1] & 0xFF) << 8 | (payload[offset + 2] & 0xFF);
            end = Math.min(end, at + size);             // the first unit, not the ones after it
        }
        return beginsAccessUnit(H264.type(payload[at]), payload, at + 1, end - at - 1);
    }

    /**
     * Whether the payload opens an access unit with everything needed to decode it after it: its first NAL unit
     * (alone, first in a STAP-A, or an FU-A's start) is an access unit delimiter or a sequence parameter set. Before
     * an SPS an access unit holds at most a delimiter and SEI, which a decoder does without; unlike a PPS, SEI or
     * first slice, it cannot be the tail of parameter sets sent in an earlier packet (a new SPS, another size).
     *
     * @param payload holds the RTP payload
     * @param offset  where it starts
     * @param length  its length
     * @return true if the payload's first NAL unit is an AUD or SPS
     */
    static boolean opensDecodable(byte[] payload, int offset, int length) {
        int at = firstUnitAt(payload, offset, length);
        int type = at < 0 ? -1 : H264.type(payload[at]);
        return type == H264.AUD || type == H264.SPS;
    }

    /**
     * Where the payload's first NAL unit is said: its header when sent alone or first in a STAP-A (F|NRI|24, a 16-bit
     * size, then the unit), an FU-A's FU header when the fragment is the unit's start (its type in the same five
     * bits); the unit's bytes follow it.
     *
     * @return the index of that byte, or -1 if the payload holds no unit's start
     */
    private static int firstUnitAt(byte[] payload, int offset, int length) {
        if (length < 1) {
            return -1;
        }
        return switch (H264.type(payload[offset])) {
            case H264.STAP_A -> length < 4 ? -1 : offset + 3;
            case H264.FU_A -> length >= 2 && (payload[offset + 1] & H264.FU_START) != 0 ? offset + 1 : -1;
            default -> offset;
        };
    }

    /** @param at where the NAL unit's bytes after its header start; {@code available} of them may be read */
    private static boolean beginsAccessUnit(int type, byte[] payload, int at, int available) {
        return switch (type) {
            case H264.AUD, H264.SPS, H264.PPS, H264.SEI -> true;
            case H264.NON_IDR_SLICE, PARTITION_A, H264.IDR_SLICE -> available >= 1 && (payload[at] & 0x80) != 0;
            default -> false;
        };
    }
}
