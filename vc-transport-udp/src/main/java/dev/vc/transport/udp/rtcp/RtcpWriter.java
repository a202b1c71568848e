package dev.vc.transport.udp.rtcp;

import dev.vc.transport.udp.internal.Bytes;
import dev.vc.transport.udp.rtp.RtpSequence;

import java.nio.charset.StandardCharsets;

/**
 * Writes the RTCP packets vc sends (RFC 3550 §6.4, RFC 4585 §6, RFC 5104 §4): sender and receiver reports, SDES
 * CNAME, Generic NACK, PLI, FIR, TMMBR and TMMBN. Each method writes one packet at {@code offset} and returns the offset after it, so
 * packets chain into a compound: a report first, then SDES (RFC 3550 §6.1), then feedback.
 *
 * <pre>{@code
 * int end = RtcpWriter.senderReport(buf, 0, ssrc, ntp, rtpTs, packets, octets, 0);
 * end = RtcpWriter.cname(buf, end, ssrc, cname);
 * channel.send(ByteBuffer.wrap(buf, 0, end), relay);
 * }</pre>
 */
public final class RtcpWriter {
    /** Bytes of one report block. */
    public static final int REPORT_BLOCK_BYTES = 24;

    private RtcpWriter() {
    }

    /**
     * Writes an SR header and sender info; append {@code blocks} report blocks with {@link #reportBlock}.
     *
     * @return the offset where the first report block goes
     */
    public static int senderReport(byte[] out, int offset, int ssrc, long ntpTimestamp, int rtpTimestamp,
                                   long packets, long octets, int blocks) {
        header(out, offset, blocks, RtcpReader.SR, 6 + 6 * blocks);
        Bytes.put32(out, offset + 4, ssrc);
        Bytes.put64(out, offset + 8, ntpTimestamp);
        Bytes.put32(out, offset + 16, rtpTimestamp);
        Bytes.put32(out, offset + 20, (int) packets);
        Bytes.put32(out, offset + 24, (int) octets);
        return offset + 28;
    }

    /**
     * Writes an RR header; append {@code blocks} report blocks with {@link #reportBlock}.
     *
     * @return the offset where the first report block goes
     */
    public static int receiverReport(byte[] out, int offset, int ssrc, int blocks) {
        header(out, offset, blocks, RtcpReader.RR, 1 + 6 * blocks);
        Bytes.put32(out, offset + 4, ssrc);
        return offset + 8;
    }

    /**
     * Writes one report block (RFC 3550 §6.4.1).
     *
     * @return the offset after it
     */
    public static int reportBlock(byte[] out, int offset, int source, int fractionLost, int cumulativeLost,
                                  long extendedHighest, long jitter, long lastSr, long delaySinceLastSr) {
        Bytes.put32(out, offset, source);
        out[offset + 4] = (byte) fractionLost;
        Bytes.put24(out, offset + 5, Math.max(-0x80_0000, Math.min(0x7F_FFFF, cumulativeLost)));
        Bytes.put32(out, offset + 8, (int) extendedHighest);
        Bytes.put32(out, offset + 12, (int) jitter);
        Bytes.put32(out, offset + 16, (int) lastSr);
        Bytes.put32(out, offset + 20, (int) delaySinceLastSr);
        return offset + REPORT_BLOCK_BYTES;
    }

    /**
     * Writes an SDES packet with one chunk holding the CNAME item (RFC 3550 §6.5.1).
     *
     * @param cname the canonical name, at most 255 UTF-8 bytes
     * @return the offset after it
     */
    public static int cname(byte[] out, int offset, int ssrc, String cname) {
        byte[] name = cname.getBytes(StandardCharsets.UTF_8);
        if (name.length > 255) {
            throw new IllegalArgumentException("CNAME longer than 255 bytes");
        }
        int chunk = 4 + 2 + name.length + 1;             // SSRC, type+length, text, END
        int padded = (chunk + 3) & ~3;
        header(out, offset, 1, RtcpReader.SDES, padded / 4);
        Bytes.put32(out, offset + 4, ssrc);
        out[offset + 8] = 1;                             // CNAME
        out[offset + 9] = (byte) name.length;
        System.arraycopy(name, 0, out, offset + 10, name.length);
        for (int i = offset + 10 + name.length; i < offset + 4 + padded; i++) {
            out[i] = 0;                                  // END item and padding to a word
        }
        return offset + 4 + padded;
    }

    /**
     * Writes a Picture Loss Indication (RFC 4585 §6.3.1).
     *
     * @return the offset after it
     */
    public static int pli(byte[] out, int offset, int sender, int media) {
        header(out, offset, 1, RtcpReader.PSFB, 2);
        Bytes.put32(out, offset + 4, sender);
        Bytes.put32(out, offset + 8, media);
        return offset + 12;
    }

    /**
     * Writes a Full Intra Request (RFC 5104 §4.3.1) for one stream.
     *
     * @param sequence the command sequence number, 0..255: the next one for a new request, the same for a repeat
     * @return the offset after it
     */
    public static int fir(byte[] out, int offset, int sender, int media, int sequence) {
        header(out, offset, RtcpReader.FIR, RtcpReader.PSFB, 4);
        Bytes.put32(out, offset + 4, sender);
        Bytes.put32(out, offset + 8, 0);
        Bytes.put32(out, offset + 12, media);
        Bytes.put32(out, offset + 16, (sequence & 0xFF) << 24);
        return offset + 20;
    }

    /**
     * Writes a Generic NACK (RFC 4585 §6.2.1) for the given lost sequence numbers, packing runs within 17
     * of each other into one FCI entry.
     *
     * @param lost  lost sequence numbers, in sending order
     * @param count how many of {@code lost} to use
     * @return the offset after it
     */
    public static int nack(byte[] out, int offset, int sender, int media, int[] lost, int count) {
        int fci = offset + 12;
        int i = 0;
        while (i < count) {
            int pid = lost[i++];
            int blp = 0;
            while (i < count) {
                int distance = RtpSequence.distance(pid, lost[i]);
                if (distance < 1 || distance > 16) {
                    break;
                }
                blp |= 1 << (distance - 1);
                i++;
            }
            Bytes.put16(out, fci, pid);
            Bytes.put16(out, fci + 2, blp);
            fci += 4;
        }
        header(out, offset, 1, RtcpReader.RTPFB, (fci - offset) / 4 - 1);
        Bytes.put32(out, offset + 4, sender);
        Bytes.put32(out, offset + 8, media);
        return fci;
    }

    /**
     * Writes a TMMBR (RFC 5104 §4.2.1) with one FCI entry: {@code media} should send at most {@code maxBitrateBps}.
     * The header's media source is 0 (§4.2.1.2); the stream is named in the FCI. The rate is rounded down to what
     * the 17-bit mantissa and 6-bit exponent hold ({@link BitrateTuple#encode}).
     *
     * @param sender        the requester's SSRC
     * @param media         the stream to limit
     * @param maxBitrateBps the limit, bit/s, 0 or more
     * @param overhead      the per-packet overhead below RTP the limit counts, bytes, 0..511
     * @return the offset after it
     */
    public static int tmmbr(byte[] out, int offset, int sender, int media, long maxBitrateBps, int overhead) {
        return bitrateTuple(out, offset, RtcpReader.TMMBR, sender, media, maxBitrateBps, overhead);
    }

    /**
     * Writes a TMMBN (RFC 5104 §4.2.2) with one FCI entry: the media sender {@code sender} obeys the limit that
     * {@code owner} asked for.
     *
     * @param sender        the notifying media sender's SSRC (the stream that obeys)
     * @param owner         the SSRC of the requester whose limit it obeys
     * @param maxBitrateBps the limit, bit/s, as the request stated it
     * @param overhead      its overhead, bytes, 0..511
     * @return the offset after it
     */
    public static int tmmbn(byte[] out, int offset, int sender, int owner, long maxBitrateBps, int overhead) {
        return bitrateTuple(out, offset, RtcpReader.TMMBN, sender, owner, maxBitrateBps, overhead);
    }

    private static int bitrateTuple(byte[] out, int offset, int format, int sender, int fciSsrc, long bitrateBps,
                                    int overhead) {
        header(out, offset, format, RtcpReader.RTPFB, 4);
        Bytes.put32(out, offset + 4, sender);
        Bytes.put32(out, offset + 8, 0);
        Bytes.put32(out, offset + 12, fciSsrc);
        Bytes.put32(out, offset + 16, BitrateTuple.encode(bitrateBps, overhead));
        return offset + 20;
    }

    private static void header(byte[] out, int offset, int countOrFormat, int type, int lengthWords) {
        out[offset] = (byte) (0x80 | countOrFormat);
        out[offset + 1] = (byte) type;
        Bytes.put16(out, offset + 2, lengthWords);
    }
}
