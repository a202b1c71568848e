package dev.vc.transport.udp.internal.control;

/**
 * The packet count and octet count of an RTCP sender report (RFC 3550 §6.4.1) packed into one {@code long}, so a
 * sending thread publishes both in one volatile write and the report timer reads both of one instant, without a
 * lock or an allocation: the packet count in the high 32 bits, the octet count in the low 32. Both are 32-bit
 * fields in the report that wrap, so nothing is lost by keeping only their low 32 bits.
 */
public final class SenderReportCounts {
    private SenderReportCounts() {
    }

    /**
     * @param packets RTP packets sent so far
     * @param octets  RTP payload octets sent so far
     * @return both, packed
     */
    public static long pack(long packets, long octets) {
        return packets << 32 | (octets & 0xFFFF_FFFFL);
    }

    /** @return the packet count of {@code counts}, as the report's unsigned 32-bit field */
    public static long packets(long counts) {
        return counts >>> 32;
    }

    /** @return the octet count of {@code counts}, as the report's unsigned 32-bit field */
    public static long octets(long counts) {
        return counts & 0xFFFF_FFFFL;
    }
}
