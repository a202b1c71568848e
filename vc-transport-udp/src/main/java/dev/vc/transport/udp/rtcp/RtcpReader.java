package dev.vc.transport.udp.rtcp;

import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.internal.Bytes;

/**
 * Reads compound RTCP packets (RFC 3550 §6.1) and reports their content to an {@link RtcpHandler}: sender and
 * receiver reports with their report blocks, BYE, and the RFC 4585 / RFC 5104 feedback messages vc uses (Generic
 * NACK, PLI, FIR, TMMBR and TMMBN, and transport-cc feedback, handed over whole to be read by
 * {@code cc.TransportFeedbackReader}). SDES, APP and unknown types are skipped by their length. Allocates nothing.
 *
 * <pre>{@code
 * if (RtcpReader.isRtcp(packet, 0, length)) {
 *     RtcpReader.read(packet, 0, length, handler);   // throws MalformedPacketException
 * }
 * }</pre>
 */
public final class RtcpReader {
    /** Sender report. */
    public static final int SR = 200;
    /** Receiver report. */
    public static final int RR = 201;
    /** Source description. */
    public static final int SDES = 202;
    /** Goodbye. */
    public static final int BYE = 203;
    /** Transport-layer feedback (RFC 4585); FMT 1 is Generic NACK. */
    public static final int RTPFB = 205;
    /** FMT of a Temporary Maximum Media Stream Bit Rate Request in an {@link #RTPFB} packet (RFC 5104 §4.2.1). */
    public static final int TMMBR = 3;
    /** FMT of a Temporary Maximum Media Stream Bit Rate Notification in an {@link #RTPFB} packet (RFC 5104 §4.2.2). */
    public static final int TMMBN = 4;
    /** FMT of transport-cc feedback in an {@link #RTPFB} packet (draft-holmer-rmcat-transport-wide-cc-extensions-01). */
    public static final int TRANSPORT_CC = 15;
    /** Payload-specific feedback (RFC 4585); FMT 1 is PLI. */
    public static final int PSFB = 206;
    /** FMT of a Full Intra Request in a {@link #PSFB} packet (RFC 5104 §4.3.1). */
    public static final int FIR = 4;

    private RtcpReader() {
    }

    /**
     * Tells RTCP from RTP on a shared port (RFC 5761 §4): version 2 and a packet type in 192..223.
     *
     * @param packet a datagram
     * @param offset its first byte
     * @param length its length
     * @return true if it is RTCP
     */
    public static boolean isRtcp(byte[] packet, int offset, int length) {
        if (length < 4 || (packet[offset] & 0xC0) != 0x80) {
            return false;
        }
        int type = packet[offset + 1] & 0xFF;
        return type >= 192 && type <= 223;
    }

    /**
     * Reads every packet of a compound RTCP datagram.
     *
     * @param packet  the datagram
     * @param offset  its first byte
     * @param length  its length
     * @param handler receives what is found, in order
     * @throws MalformedPacketException if a packet's version, length or content is inconsistent; items
     *                                  before the bad packet have already been reported
     */
    public static void read(byte[] packet, int offset, int length, RtcpHandler handler) {
        if (length < 4) {
            throw new MalformedPacketException("RTCP shorter than a header: " + length + " bytes");
        }
        int end = offset + length;
        int at = offset;
        while (at < end) {
            if (end - at < 4) {
                throw new MalformedPacketException("trailing " + (end - at) + " bytes after the last RTCP packet");
            }
            int first = packet[at] & 0xFF;
            if ((first >>> 6) != 2) {
                throw new MalformedPacketException("RTCP version " + (first >>> 6));
            }
            int count = first & 0x1F;
            int type = packet[at + 1] & 0xFF;
            int bytes = (Bytes.u16(packet, at + 2) + 1) * 4;
            if (bytes > end - at) {
                throw new MalformedPacketException("RTCP length " + bytes + " past the datagram's end");
            }
            int contentEnd = at + bytes;
            if ((first & 0x20) != 0) {
                // Padding is only allowed on the last packet of a compound (RFC 3550 §6.4.1).
                int pad = packet[contentEnd - 1] & 0xFF;
                if (contentEnd != end || pad == 0 || pad > bytes - 4) {
                    throw new MalformedPacketException("bad RTCP padding");
                }
                contentEnd -= pad;
            }
            boolean feedback = type == RTPFB || type == PSFB;
            handler.onPacket(type, count, contentEnd - at >= 8 ? Bytes.i32(packet, at + 4) : 0,
                    feedback && contentEnd - at >= 12 ? Bytes.i32(packet, at + 8) : 0);
            readOne(packet, at, type, count, contentEnd, handler);
            if (type == RTPFB && count == TRANSPORT_CC) {
                handler.onTransportFeedback(packet, at, bytes);
            }
            at += bytes;
        }
    }

    private static void readOne(byte[] p, int at, int type, int count, int end, RtcpHandler handler) {
        switch (type) {
            case SR -> {
                need(p, at, 28, end, "SR");
                int ssrc = Bytes.i32(p, at + 4);
                handler.onSenderReport(ssrc, Bytes.i64(p, at + 8), Bytes.i32(p, at + 16),
                        Bytes.i32(p, at + 20) & 0xFFFF_FFFFL, Bytes.i32(p, at + 24) & 0xFFFF_FFFFL);
                reportBlocks(p, at + 28, count, end, ssrc, handler);
            }
            case RR -> {
                need(p, at, 8, end, "RR");
                reportBlocks(p, at + 8, count, end, Bytes.i32(p, at + 4), handler);
            }
            case BYE -> {
                need(p, at, 4 + 4 * count, end, "BYE");
                for (int i = 0; i < count; i++) {
                    handler.onBye(Bytes.i32(p, at + 4 + 4 * i));
                }
            }
            case RTPFB -> {
                need(p, at, 12, end, "RTPFB");
                if (count == 1) {
                    int sender = Bytes.i32(p, at + 4);
                    int media = Bytes.i32(p, at + 8);
                    if ((end - at - 12) % 4 != 0) {
                        throw new MalformedPacketException("NACK FCI not a multiple of 4 bytes");
                    }
                    for (int f = at + 12; f < end; f += 4) {
                        handler.onNack(sender, media, Bytes.u16(p, f), Bytes.u16(p, f + 2));
                    }
                } else if (count == TMMBR || count == TMMBN) {
                    bitrateTuples(p, at, count, end, handler);
                }
            }
            case PSFB -> {
                need(p, at, 12, end, "PSFB");
                if (count == 1) {
                    handler.onPictureLossIndication(Bytes.i32(p, at + 4), Bytes.i32(p, at + 8));
                } else if (count == FIR) {
                    if ((end - at - 12) % 8 != 0) {
                        throw new MalformedPacketException("FIR FCI not a multiple of 8 bytes");
                    }
                    for (int f = at + 12; f < end; f += 8) {
                        handler.onFullIntraRequest(Bytes.i32(p, at + 4), Bytes.i32(p, f), Bytes.u8(p, f + 4));
                    }
                }
            }
            default -> {
                // SDES, APP, XR and others: skipped by length.
            }
        }
    }

    /** The FCI of a TMMBR (one or more entries) or TMMBN (zero or more), 8 bytes each (RFC 5104 §4.2.1.1). */
    private static void bitrateTuples(byte[] p, int at, int format, int end, RtcpHandler handler) {
        int bytes = end - at - 12;
        if (bytes % 8 != 0 || (format == TMMBR && bytes == 0)) {
            throw new MalformedPacketException((format == TMMBR ? "TMMBR" : "TMMBN") + " FCI of " + bytes + " bytes");
        }
        int sender = Bytes.i32(p, at + 4);
        for (int f = at + 12; f < end; f += 8) {
            int word = Bytes.i32(p, f + 4);
            long bitrate = BitrateTuple.bitrate(word);
            int overhead = BitrateTuple.overhead(word);
            if (format == TMMBR) {
                handler.onTmmbr(sender, Bytes.i32(p, f), bitrate, overhead);
            } else {
                handler.onTmmbn(sender, Bytes.i32(p, f), bitrate, overhead);
            }
        }
    }

    private static void reportBlocks(byte[] p, int from, int count, int end, int reporter, RtcpHandler handler) {
        if (from + 24 * count > end) {
            throw new MalformedPacketException(count + " report blocks do not fit the packet");
        }
        for (int i = 0; i < count; i++) {
            int b = from + 24 * i;
            int cumulative = Bytes.u24(p, b + 5);
            if ((cumulative & 0x80_0000) != 0) {
                cumulative |= 0xFF00_0000;  // 24-bit signed
            }
            handler.onReportBlock(reporter, Bytes.i32(p, b), Bytes.u8(p, b + 4), cumulative,
                    Bytes.i32(p, b + 8) & 0xFFFF_FFFFL, Bytes.i32(p, b + 12) & 0xFFFF_FFFFL,
                    Bytes.i32(p, b + 16) & 0xFFFF_FFFFL, Bytes.i32(p, b + 20) & 0xFFFF_FFFFL);
        }
    }

    private static void need(byte[] p, int at, int bytes, int end, String what) {
        if (end - at < bytes) {
            throw new MalformedPacketException(what + " shorter than " + bytes + " bytes");
        }
    }
}
