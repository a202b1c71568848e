package dev.vc.transport.udp.rtcp;

import dev.vc.transport.udp.rtp.RtpSequence;

/**
 * What a receiver knows of one RTP source, kept as RFC 3550 Appendix A prescribes: the extended highest
 * sequence number with wrap-around cycles (A.1), packets expected and lost in total and since the last
 * report (A.3), interarrival jitter (A.8), and the last sender report for LSR/DLSR (§6.4.1). It writes the
 * report block of a receiver report. Not thread-safe: callers on several threads synchronize on the instance.
 * Allocates nothing.
 */
public final class ReceptionStatistics {
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private final int ssrc;
    private boolean started;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;
    private long lastSrMiddle;
    private long lastSrArrivalNanos;
    private long bytes;
    private int lastFraction;

    /** @param ssrc the source */
    public ReceptionStatistics(int ssrc) {
        this.ssrc = ssrc;
    }

    /** @return the source */
    public int ssrc() {
        return ssrc;
    }

    /**
     * Counts one arrived packet.
     *
     * @param sequence      its sequence number
     * @param rtpTimestamp  its RTP timestamp
     * @param arrivalRtp    its arrival time in the same 90 kHz units (any fixed origin)
     * @param payloadBytes  its size
     */
    public void onPacket(int sequence, int rtpTimestamp, long arrivalRtp, int payloadBytes) {
        if (!started) {
            started = true;
            maxSeq = sequence;
            baseSeq = sequence;
            cycles = 0;
        } else {
            int delta = (sequence - maxSeq) & 0xFFFF;
            if (delta > 0 && delta < MAX_DROPOUT) {
                if (sequence < maxSeq) {
                    cycles += RtpSequence.MODULUS;
                }
                maxSeq = sequence;
            } else if (delta != 0 && delta <= RtpSequence.MODULUS - MAX_MISORDER) {
                // A very large jump: the source restarted; start counting afresh (A.1, simplified).
                maxSeq = sequence;
                baseSeq = sequence + cycles;
                received = 0;
                expectedPrior = 0;
                receivedPrior = 0;
            }
            // Otherwise a duplicate or reordered packet: counted as received, maxSeq unchanged.
        }
        received++;
        bytes += payloadBytes;
        long transit = arrivalRtp - (rtpTimestamp & 0xFFFF_FFFFL);
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /**
     * Records a sender report from this source.
     *
     * @param ntpTimestamp its NTP time
     * @param nowNanos     {@link System#nanoTime()} at arrival
     */
    public void onSenderReport(long ntpTimestamp, long nowNanos) {
        lastSrMiddle = (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
        lastSrArrivalNanos = nowNanos;
    }

    /** @return the highest sequence number received (16 bits), or -1 before the first packet */
    public int highestSequence() {
        return started ? maxSeq : -1;
    }

    /** @return the fraction lost in the last completed report interval, 0..1 */
    public double lastFractionLost() {
        return lastFraction / 256.0;
    }

    /** @return the extended highest sequence number received */
    public long extendedHighest() {
        return cycles + maxSeq;
    }

    /** @return packets received, duplicates included */
    public long received() {
        return received;
    }

    /** @return payload bytes received */
    public long bytes() {
        return bytes;
    }

    /** @return packets lost since the start (negative with duplicates) */
    public long cumulativeLost() {
        return started ? extendedHighest() - baseSeq + 1 - received : 0;
    }

    /** @return interarrival jitter, RTP timestamp units */
    public long jitter() {
        return (long) jitter;
    }

    /**
     * Writes this source's report block and starts a new reporting interval.
     *
     * @param out      destination
     * @param offset   where the block goes
     * @param nowNanos {@link System#nanoTime()} now, for DLSR
     * @return the offset after the block
     */
    public int writeReportBlock(byte[] out, int offset, long nowNanos) {
        long expected = started ? extendedHighest() - baseSeq + 1 : 0;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        lastFraction = Math.min(255, fraction);
        long dlsr = lastSrArrivalNanos == 0 ? 0 : ((nowNanos - lastSrArrivalNanos) << 16) / 1_000_000_000L;
        return RtcpWriter.reportBlock(out, offset, ssrc, Math.min(255, fraction), (int) cumulativeLost(),
                extendedHighest(), jitter(), lastSrMiddle, dlsr);
    }
}
