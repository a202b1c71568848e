package dev.vc.relay;

import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.cc.BandwidthUsage;
import dev.vc.transport.udp.cc.BitrateLimits;
import dev.vc.transport.udp.cc.ProbeCluster;
import dev.vc.transport.udp.cc.SendSideBandwidthEstimator;
import dev.vc.transport.udp.cc.TransportFeedbackRecorder;
import dev.vc.transport.udp.cc.TransportSequenceNumber;

import java.util.concurrent.atomic.LongAdder;

/**
 * The relay's two hops with one member (see {@code dev.vc.transport.udp.cc}):
 *
 * <ul>
 *   <li><b>Uplink</b> (member -> relay): the relay is the receiving end. {@link #onUplinkPacket} records each
 *       packet's transport-wide sequence number and arrival; {@link #writeUplinkFeedback} writes the
 *       transport-cc feedback that is due (every 50 ms while packets arrive), relay SSRC as sender, the member's
 *       SSRC as media source. The member's estimator reads it and its encoder follows.</li>
 *   <li><b>Downlink</b> (relay -> member): the relay is the sending end. {@link #stampDownlink} gives each
 *       packet forwarded to the member the member's own next transport-wide sequence number, in place, and
 *       logs it; {@link #onDownlinkFeedback} takes the member's feedback. {@link #downlinkEstimateBps} is
 *       what per-receiver layer selection will fit the member's streams into.</li>
 * </ul>
 *
 * <p>Hostile-safe: only the member's own feedback reaches its estimator (the router checks the RTCP sender
 * SSRC is the member's), so one member's feedback never moves another's estimate; malformed feedback is
 * counted and changes nothing; feedback beyond {@code feedbackPerSecond} (a token bucket with a second of
 * burst) is dropped before it is parsed. Memory is fixed at construction ({@code windowPackets} slots on each
 * hop). Media thread only (the getters on any); nothing allocates per packet.
 */
final class MemberCongestion {
    /**
     * Loss on the downlink at or above which it counts as overflowing (GCC's high-loss threshold): the queue at
     * its bottleneck is full, so what is sent into it is lost or waits its whole length.
     */
    static final double OVERFLOW_LOSS = 0.10;
    /**
     * Loss in one feedback message at or above which the downlink counts as overflowing at once, before a loss
     * fraction over {@value #OVERFLOW_LOSS}'s twenty packets is in: a queue that has just filled loses a large share
     * of what arrives (half when the sender sends twice the capacity), which one message shows.
     */
    static final double OVERFLOW_MESSAGE_LOSS = 0.25;
    /** Packets one feedback message must report for its own loss to count. */
    static final int OVERFLOW_MESSAGE_PACKETS = 8;
    /**
     * Queueing delay on the downlink at or above which, growing at {@link #SURGE_GROWTH_MICROS} over
     * {@link #SURGE_SPAN_MICROS}, the link has narrowed under what is sent into it: a surge.
     */
    static final long SURGE_QUEUE_MICROS = 200_000;
    /** The span a surge's growth is measured over. */
    static final long SURGE_SPAN_MICROS = 200_000;
    /**
     * A surge's growth over {@link #SURGE_SPAN_MICROS}: half the span, so twice what the link carries goes into it.
     * Feedback comes at the rate the link delivers, and each acknowledged packet waited {@code 1 - capacity / rate}
     * longer per unit of arrival time than the one before: a quarter of the rate sent grows the delay by 75 ms per
     * 100 ms of feedback, never by the whole span (the threshold was once the span itself, which only the jitter of
     * feedback timing could reach). A keyframe's burst grows the queue by one frame's worth and stops.
     */
    static final long SURGE_GROWTH_MICROS = 100_000;
    /**
     * The most a surging link carries over {@link #SURGE_SPAN_MICROS}, as a share of the downlink estimate: a link
     * that narrowed carries its new capacity, far under the estimate of what it carried before. A keyframe larger
     * than {@value #SURGE_QUEUE_MICROS} µs of the link's rate grows the queue as fast as a surge does while it
     * drains (its packets left together and arrive one by one at the link's rate), but that rate is about the
     * estimate: cutting the receiver to its small layers for it would cost seconds of picture quality and a
     * keyframe of their own for a queue that drains by itself.
     */
    static final double SURGE_CARRIED_SHARE = 0.6;
    /**
     * How long after the downlink's last over-use its media is paced ({@link #pacingEstimateBps}): the link showed a
     * limit, and bursts would queue at it.
     */
    static final long PACING_AFTER_OVERUSE_MICROS = 10_000_000;
    /** The downlink estimate's bounds: from 30 kbit/s, starting at 1 Mbit/s, up to 100 Mbit/s. */
    static final BitrateLimits DOWNLINK_LIMITS = new BitrateLimits(30_000, 1_000_000, 100_000_000);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final TransportFeedbackRecorder uplink;
    private final SendSideBandwidthEstimator downlink;
    private final double feedbackPerNano;
    private final double feedbackBurst;
    private double feedbackTokens;
    private long lastFeedbackNanos;
    private int nextDownlinkSequence;
    private int clusterInFlight = ProbeCluster.NONE;
    private long clusterBytes;
    private boolean messageOverflowing;
    private volatile long downlinkEstimateBps = -1;
    /** Media thread only, as the pacer that reads it. */
    private long pacingEstimateBps = -1;

    final LongAdder uplinkFeedbackSent = new LongAdder();
    final LongAdder downlinkFeedbackTaken = new LongAdder();

    /**
     * @param relaySsrc         the SSRC the relay puts in its feedback
     * @param windowPackets     packets remembered on each hop, a power of two up to 16384
     * @param mtu               largest feedback message
     * @param feedbackPerSecond feedback messages taken from the member per second
     * @param nowNanos          {@link System#nanoTime()} now
     */
    MemberCongestion(int relaySsrc, int windowPackets, int mtu, int feedbackPerSecond, long nowNanos) {
        this.uplink = new TransportFeedbackRecorder(relaySsrc, windowPackets, mtu,
                TransportFeedbackRecorder.DEFAULT_INTERVAL_MICROS);
        this.downlink = new SendSideBandwidthEstimator(DOWNLINK_LIMITS, windowPackets,
                SendSideBandwidthEstimator.LONG_PROBE_MICROS);
        this.feedbackPerNano = (double) feedbackPerSecond / NANOS_PER_SECOND;
        this.feedbackBurst = feedbackPerSecond;
        this.feedbackTokens = feedbackPerSecond;
        this.lastFeedbackNanos = nowNanos;
    }

    /**
     * Uplink: records a packet received from the member.
     *
     * @param transportSequence its transport-wide sequence number
     * @param ssrc              its SSRC (the member's)
     * @param nowNanos          arrival
     */
    void onUplinkPacket(int transportSequence, int ssrc, long nowNanos) {
        uplink.onPacket(transportSequence, ssrc, nowNanos / 1000);
    }

    /**
     * Uplink: writes the feedback that is due, if any.
     *
     * @param out      destination, at least the MTU long
     * @param nowNanos now
     * @return the message's length, or 0 if none is due
     */
    int writeUplinkFeedback(byte[] out, long nowNanos) {
        long nowMicros = nowNanos / 1000;
        if (!uplink.isFeedbackDue(nowMicros)) {
            return 0;
        }
        int length = uplink.writeFeedback(out, 0, nowMicros);
        if (length > 0) {
            uplinkFeedbackSent.increment();
        }
        return length;
    }

    /**
     * Downlink: gives a packet about to be forwarded to the member the member's next transport-wide sequence
     * number and logs it (as part of the probe cluster in flight, if any: {@link #clusterInFlight}). The same buffer is rewritten for each receiver, just before its send.
     *
     * @param packet   the forwarded packet, from offset 0
     * @param at       where its transport-wide sequence number is ({@link TransportSequenceNumber#locate})
     * @param length   its length
     * @param nowNanos now
     */
    void stampDownlink(byte[] packet, int at, int length, long nowNanos) {
        stampDownlink(packet, at, length, nowNanos, clusterInFlight);
    }

    /**
     * Media forwarded while a probe cluster is in flight is logged as part of it: the cluster then measures all
     * that crossed the downlink in its time.
     *
     * @param cluster the cluster {@link DownlinkProbes} is sending the member now, or {@link ProbeCluster#NONE}
     */
    void clusterInFlight(int cluster) {
        clusterInFlight = cluster;
        clusterBytes = 0;
    }

    /** @return bytes sent the member as part of the cluster in flight (media and padding), since it started */
    long clusterBytes() {
        return clusterBytes;
    }

    /** @return the probe cluster media forwarded to the member is logged with now, or {@link ProbeCluster#NONE} */
    int clusterInFlight() {
        return clusterInFlight;
    }

    /**
     * Downlink: stamps and logs a packet as part of a probe cluster ({@link #probeDue}).
     *
     * @param cluster the cluster's id, or {@link ProbeCluster#NONE} for media
     */
    void stampDownlink(byte[] packet, int at, int length, long nowNanos, int cluster) {
        int sequence = nextDownlinkSequence;
        nextDownlinkSequence = (sequence + 1) & 0xFFFF;
        TransportSequenceNumber.rewrite(packet, at, sequence);
        if (cluster != ProbeCluster.NONE) {
            clusterBytes += length;
        }
        if (downlink.onPacketSent(sequence, nowNanos / 1000, length, cluster)) {
            downlinkEstimateBps = downlink.targetBitrateBps();  // the member stopped sending feedback
            updatePacing(nowNanos / 1000);
        }
    }

    /**
     * Downlink: takes a transport-cc feedback message from the member.
     *
     * @param packet   the datagram
     * @param offset   where the message starts
     * @param length   its length
     * @param nowNanos arrival
     * @return null if taken, else why it was dropped ({@link DropReason#FEEDBACK_FLOOD},
     *         {@link DropReason#MALFORMED_FEEDBACK})
     */
    DropReason onDownlinkFeedback(byte[] packet, int offset, int length, long nowNanos) {
        feedbackTokens = Math.min(feedbackBurst, feedbackTokens + (nowNanos - lastFeedbackNanos) * feedbackPerNano);
        lastFeedbackNanos = nowNanos;
        if (feedbackTokens < 1) {
            return DropReason.FEEDBACK_FLOOD;
        }
        feedbackTokens -= 1;
        try {
            downlink.onFeedback(packet, offset, length, nowNanos / 1000);
        } catch (MalformedPacketException e) {
            return DropReason.MALFORMED_FEEDBACK;
        }
        downlinkFeedbackTaken.increment();
        downlinkEstimateBps = downlink.targetBitrateBps();
        updatePacing(nowNanos / 1000);
        long reported = downlink.lastMessageReportedPackets();
        messageOverflowing = reported >= OVERFLOW_MESSAGE_PACKETS
                && downlink.lastMessageLostPackets() >= OVERFLOW_MESSAGE_LOSS * reported;
        return null;
    }

    /**
     * Downlink: the most the member's views would take (the layers they ask for); while the estimate is below
     * it, the downlink is probed.
     *
     * @param bps bit/s
     */
    void setDownlinkWantedBps(long bps) {
        downlink.setWantedBitrateBps(bps);
    }

    /**
     * Downlink: the probe cluster to send the member now, if one is due.
     *
     * @param nowNanos now
     * @return the cluster, or null
     */
    ProbeCluster probeDue(long nowNanos) {
        return downlink.probeDue(nowNanos / 1000);
    }

    /** @param cluster the id of a probe cluster sent whole to the member */
    void onProbeSent(int cluster) {
        downlink.onProbeSent(cluster);
    }

    /** @return probe clusters sent the member */
    long probeClusters() {
        return downlink.probeClusters();
    }

    /**
     * The relay's estimate of its downlink to the member, as metrics report it. Any thread.
     *
     * @return the estimate, bit/s, or -1 until the member's first feedback
     */
    long downlinkEstimateBps() {
        return downlinkEstimateBps;
    }

    /**
     * What per-receiver layer selection fits the streams sent to this member into, and what its retransmissions are
     * a share of: the downlink estimate, or before the member's first feedback the estimator's start rate
     * ({@link #DOWNLINK_LIMITS}). A link is not taken to carry more than that until feedback shows it does: a
     * sender's uplink estimate grows within its first round trips, and forwarding its preferred layer at that rate
     * into a narrow downlink of unknown capacity filled a 1 Mbit/s link's queue for a second at the start of a call
     * with a 100 ms round trip (the first feedback comes a round trip after the first packet). Any thread.
     *
     * @return bit/s, above 0
     */
    long downlinkBudgetBps() {
        long estimate = downlinkEstimateBps;
        return estimate < 0 ? DOWNLINK_LIMITS.startBps() : estimate;
    }

    /**
     * What the member's {@link DownlinkPacer} paces to. Media thread.
     *
     * @return the downlink estimate while the downlink over-used within the last
     *         {@value #PACING_AFTER_OVERUSE_MICROS} µs, else -1: a path that showed no limit (a LAN, loopback) is not
     *         paced, as its bursts queue nowhere, and waiting in the pacer would only add to their latency
     */
    long pacingEstimateBps() {
        return pacingEstimateBps;
    }

    private void updatePacing(long nowMicros) {
        long lastOveruse = downlink.lastOveruseMicros();
        pacingEstimateBps = lastOveruse != Long.MIN_VALUE && nowMicros - lastOveruse < PACING_AFTER_OVERUSE_MICROS
                ? downlinkEstimateBps : -1;
    }

    /**
     * Media thread.
     *
     * @return true while the downlink's delay detector sees a queue growing or draining (not {@code NORMAL})
     */
    boolean downlinkQueueing() {
        return downlink.usage() != BandwidthUsage.NORMAL;
    }

    /**
     * Media thread.
     *
     * @return true while the last loss fraction measured on the downlink is at least {@value #OVERFLOW_LOSS}, or
     *         the last feedback message reported at least {@value #OVERFLOW_MESSAGE_PACKETS} packets of which
     *         {@value #OVERFLOW_MESSAGE_LOSS} or more lost
     */
    boolean downlinkOverflowing() {
        return messageOverflowing || downlink.lossFraction() >= OVERFLOW_LOSS;
    }

    /**
     * Media thread. A surge fills a drop-tail queue within a few hundred milliseconds, and what fills it is lost
     * or waits its whole length; seen from the delay it is known a feedback interval or two after it starts, where
     * the trendline needs several and the loss comes only once the queue is full.
     *
     * @return true while the downlink's queueing delay is at least {@value #SURGE_QUEUE_MICROS} µs, grew by
     *         {@value #SURGE_GROWTH_MICROS} µs or more over the last {@value #SURGE_SPAN_MICROS} µs of feedback, and
     *         what arrived over that span came at most at {@value #SURGE_CARRIED_SHARE} x the estimate
     */
    boolean downlinkSurging() {
        if (downlink.queueingDelayMicros() < SURGE_QUEUE_MICROS
                || downlink.queueingDelayGrowthMicros(SURGE_SPAN_MICROS) < SURGE_GROWTH_MICROS) {
            return false;
        }
        long carried = downlink.arrivalBitrateBps(SURGE_SPAN_MICROS);
        return carried < SURGE_CARRIED_SHARE * downlink.targetBitrateBps();
    }

    /** @return true while the downlink {@linkplain #downlinkOverflowing overflows} or {@linkplain #downlinkSurging surges} */
    boolean downlinkFull() {
        return downlinkOverflowing() || downlinkSurging();
    }

    /** @return the downlink's estimator, for its detail (RTT, loss) */
    SendSideBandwidthEstimator downlinkEstimator() {
        return downlink;
    }
}
