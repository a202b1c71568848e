package dev.vc.codec.h264.internal;

/**
 * Walks the NAL units of an Annex-B byte stream ({@code 00 00 01} or {@code 00 00 00 01} start codes).
 *
 * <pre>{@code
 * AnnexB.forEachNal(frame.data(), 0, frame.length(), (data, start, end) -> {
 *     int type = data[start] & 0x1f;          // 5 = IDR slice, 7 = SPS, 8 = PPS
 * });
 * }</pre>
 */
public final class AnnexB {
    /** NAL unit type of a slice of a non-IDR picture. */
    public static final int NAL_SLICE = 1;
    /** NAL unit type of a slice of an IDR picture. */
    public static final int NAL_IDR = 5;
    /** NAL unit type of a sequence parameter set. */
    public static final int NAL_SPS = 7;
    /** NAL unit type of a picture parameter set. */
    public static final int NAL_PPS = 8;

    /** Receives one NAL unit: {@code data[start]} is its header byte, {@code end} is exclusive. */
    @FunctionalInterface
    public interface NalVisitor {
        /**
         * @param data  the buffer
         * @param start index of the NAL header byte
         * @param end   index after the last byte (trailing zero bytes excluded)
         */
        void visit(byte[] data, int start, int end);
    }

    private AnnexB() {
    }

    /**
     * Calls {@code visitor} for each non-empty NAL unit in {@code data[offset, offset + length)}. Bytes before
     * the first start code are ignored.
     *
     * @param data    the buffer
     * @param offset  first byte of the stream
     * @param length  number of bytes
     * @param visitor receives each NAL unit
     * @return the number of NAL units visited
     */
    public static int forEachNal(byte[] data, int offset, int length, NalVisitor visitor) {
        int end = offset + length;
        int start = nextNalStart(data, offset, end);
        int count = 0;
        while (start < end) {
            int next = nextNalStart(data, start, end);
            int nalEnd = next < end ? next - 3 : end;
            while (nalEnd > start && data[nalEnd - 1] == 0) {
                nalEnd--;
            }
            if (nalEnd > start) {
                visitor.visit(data, start, nalEnd);
                count++;
            }
            start = next;
        }
        return count;
    }

    /**
     * @param data   the buffer
     * @param from   where to start looking
     * @param end    exclusive end
     * @return the index just after the next {@code 00 00 01} at or after {@code from}, or {@code end}
     */
    static int nextNalStart(byte[] data, int from, int end) {
        for (int i = from; i + 2 < end; i++) {
            if ((data[i + 2] & 0xff) > 1) {
                i += 2;             // neither of the next three positions can start a start code here
            } else if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i + 3;
            }
        }
        return end;
    }

    /**
     * The type of the first slice NAL unit (types 1..5), found without walking the rest of the stream: what
     * kind of picture an access unit starts. Allocates nothing.
     *
     * @param data   the buffer
     * @param offset first byte of the stream
     * @param length number of bytes
     * @return the first slice's NAL unit type, or -1 if there is no slice
     */
    public static int firstSliceType(byte[] data, int offset, int length) {
        int end = offset + length;
        for (int start = nextNalStart(data, offset, end); start < end; start = nextNalStart(data, start, end)) {
            int type = data[start] & 0x1f;
            if (type >= NAL_SLICE && type <= NAL_IDR) {
                return type;
            }
        }
        return -1;
    }

    /**
     * @param data   the buffer
     * @param offset first byte of the stream
     * @param length number of bytes
     * @param type   a NAL unit type (0..31)
     * @return whether a NAL unit of that type is present
     */
    public static boolean containsNalType(byte[] data, int offset, int length, int type) {
        boolean[] found = new boolean[1];
        forEachNal(data, offset, length, (d, s, e) -> found[0] |= (d[s] & 0x1f) == type);
        return found[0];
    }
}
