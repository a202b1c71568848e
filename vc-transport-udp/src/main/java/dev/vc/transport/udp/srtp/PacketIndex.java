package dev.vc.transport.udp.srtp;

/**
 * SRTP and SRTCP packet indices (RFC 3711 section 3.3.1): their bounds, and an RTP packet's index from its sequence
 * number and the highest index of its SSRC so far (the rollover counter and highest sequence number of section 3.2.3
 * live in that highest index).
 */
final class PacketIndex {
    /** The largest SRTP index, 2^48 - 1 (a 32-bit rollover counter and a 16-bit sequence number). */
    static final long MAX_SRTP_INDEX = (1L << 48) - 1;
    /** The largest SRTCP index, 2^31 - 1. */
    static final int MAX_SRTCP_INDEX = Integer.MAX_VALUE;

    private PacketIndex() {
    }

    /**
     * The index of an RTP packet with this sequence number (RFC 3711 section 3.3.1 and appendix A): the rollover
     * counter guessed as the highest index's ROC, one less or one more, whichever puts the packet closest to the
     * highest index. Before any packet, the ROC is 0.
     *
     * @param highest  the highest index so far, or -1
     * @param sequence the packet's sequence number, 0..65535
     * @return the index; negative when the packet would precede the stream's first rollover (index 0)
     */
    static long estimate(long highest, int sequence) {
        if (highest < 0) {
            return sequence;
        }
        long roc = highest >>> 16;
        int last = (int) (highest & 0xFFFF);
        long guess;
        if (last < 0x8000) {
            guess = sequence - last > 0x8000 ? roc - 1 : roc;
        } else {
            guess = last - 0x8000 > sequence ? roc + 1 : roc;
        }
        return guess * 0x1_0000L + sequence;
    }
}
