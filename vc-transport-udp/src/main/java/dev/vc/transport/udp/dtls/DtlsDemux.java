package dev.vc.transport.udp.dtls;

/**
 * The RFC 7983 rule that tells DTLS apart from STUN (first byte 0..3) and RTP/RTCP (128..191) on one port: a
 * datagram whose first byte is 20..63 is DTLS.
 */
public final class DtlsDemux {
    /** Lowest first byte of a DTLS record (change_cipher_spec). */
    public static final int FIRST = 20;
    /** Highest first byte RFC 7983 assigns to DTLS. */
    public static final int LAST = 63;

    private DtlsDemux() {
    }

    /**
     * @param firstByte the datagram's first byte, signed or not
     * @return whether the datagram goes to DTLS
     */
    public static boolean isDtls(int firstByte) {
        int b = firstByte & 0xFF;
        return b >= FIRST && b <= LAST;
    }
}
