package dev.vc.transport.udp.cc;

/**
 * Constants of the transport-cc feedback message, RTCP RTPFB (PT {@value #PACKET_TYPE}) FMT {@value #FORMAT}
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1), shared by {@link TransportFeedbackWriter} and
 * {@link TransportFeedbackReader}:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * |                     SSRC of packet sender                     |
 * |                      SSRC of media source                     |
 * |      base sequence number     |      packet status count      |
 * |                 reference time                | fb pkt. count |
 * |          packet chunk         |         packet chunk          |
 * .                              ...                              .
 * |         packet chunk          |  recv delta   |  recv delta   |
 * .                              ...                              .
 * |           recv delta          |  recv delta   | padding       |
 * </pre>
 *
 * <ul>
 *   <li>A <b>run-length chunk</b> ({@code 0 SS LLLLLLLLLLLLL}) says that {@code L} (up to 8191) consecutive
 *       packets have status {@code SS}.</li>
 *   <li>A <b>status vector chunk</b> ({@code 1 S ...}) lists 14 one-bit symbols ({@code S = 0}: not received /
 *       received with a small delta) or 7 two-bit symbols ({@code S = 1}).</li>
 *   <li>Symbols: {@link #NOT_RECEIVED}, {@link #SMALL_DELTA} (the receive delta is one unsigned byte, 0 to
 *       63.75 ms), {@link #LARGE_DELTA} (two signed bytes, -8192 to 8191.75 ms; also any negative delta);
 *       3 is reserved and makes the message malformed.</li>
 *   <li>Receive deltas are in {@value #DELTA_TICK_MICROS} µs ticks; the first is relative to the reference
 *       time (24 bits, in {@value #REFERENCE_TICK_MICROS} µs units), each next one to the previous received
 *       packet.</li>
 * </ul>
 *
 * <pre>{@code
 * if (type == TransportFeedback.PACKET_TYPE && fmt == TransportFeedback.FORMAT) {
 *     TransportFeedbackReader.read(packet, at, length, handler);
 * }
 * }</pre>
 *
 * <p>Like libwebrtc, vc pads the message to a 32-bit boundary with RTCP padding (P bit set, the last byte
 * holds the padding count), so a message vc writes must be the last of a compound; the reader accepts both
 * that and plain zero padding.
 */
public final class TransportFeedback {
    /** RTCP packet type: transport-layer feedback (RFC 4585). */
    public static final int PACKET_TYPE = 205;
    /** Feedback message type of transport-cc. */
    public static final int FORMAT = 15;
    /** Bytes before the first packet chunk: RTCP header, two SSRCs, base, count, reference time, fb count. */
    public static final int HEADER_LENGTH = 20;
    /** Packet status symbol: the packet was not received (yet). */
    public static final int NOT_RECEIVED = 0;
    /** Packet status symbol: received, with a one-byte receive delta. */
    public static final int SMALL_DELTA = 1;
    /** Packet status symbol: received, with a two-byte (large or negative) receive delta. */
    public static final int LARGE_DELTA = 2;
    /** The unit of receive deltas. */
    public static final int DELTA_TICK_MICROS = 250;
    /** The unit of the reference time (64 ms). */
    public static final int REFERENCE_TICK_MICROS = 64_000;
    /** How far the 24-bit reference time runs before it wraps, about 12.4 days. */
    public static final long REFERENCE_WRAP_MICROS = (1L << 24) * REFERENCE_TICK_MICROS;
    /** Most statuses one message can carry (16-bit count). */
    public static final int MAX_STATUS_COUNT = 0xFFFF;
    /** Longest run of one run-length chunk. */
    static final int MAX_RUN_LENGTH = 0x1FFF;
    /** Symbols in a one-bit status vector chunk. */
    static final int ONE_BIT_CAPACITY = 14;
    /** Symbols in a two-bit status vector chunk. */
    static final int TWO_BIT_CAPACITY = 7;

    private TransportFeedback() {
    }

    /**
     * Unwraps a reference time read from a message, given the unwrapped reference time of the message before:
     * the result is the value congruent to {@code reference} modulo 2<sup>24</sup> nearest to
     * {@code previous}, so times stay continuous across the wrap.
     *
     * <pre>{@code
     * long ref = TransportFeedback.unwrapReference(0x000002, 0xFFFFFE);   // 0x1000002
     * }</pre>
     *
     * @param reference the 24-bit field as read
     * @param previous  the previous unwrapped value, or {@code reference} itself for the first message
     * @return the unwrapped reference time, in {@value #REFERENCE_TICK_MICROS} µs units
     */
    public static long unwrapReference(int reference, long previous) {
        int delta = ((reference - (int) previous) << 8) >> 8;   // signed 24-bit distance
        return previous + delta;
    }
}
