package dev.vc.transport.udp.h264;

/** NAL unit types and header fields of H.264 (ITU-T H.264 §7.4.1) and RFC 6184 shared by this package. */
final class H264 {
    static final int NON_IDR_SLICE = 1;
    static final int IDR_SLICE = 5;
    static final int SEI = 6;
    static final int SPS = 7;
    static final int PPS = 8;
    static final int AUD = 9;
    /** Highest type a byte stream may carry; 24-31 are left to transport formats such as RFC 6184. */
    static final int MAX_SINGLE_TYPE = 23;
    /** RFC 6184 §5.7.1 single-time aggregation packet. */
    static final int STAP_A = 24;
    /** RFC 6184 §5.8 fragmentation unit without decoding order number. */
    static final int FU_A = 28;

    static final int FORBIDDEN_BIT = 0x80;
    static final int NRI_MASK = 0x60;
    static final int TYPE_MASK = 0x1F;
    static final int FU_START = 0x80;
    static final int FU_END = 0x40;

    private H264() {
    }

    static int type(int nalHeader) {
        return nalHeader & TYPE_MASK;
    }
}
