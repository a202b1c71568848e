package dev.vc.transport.udp.cc;

import dev.vc.transport.udp.MalformedPacketException;

/**
 * Send-side bandwidth estimation for one hop (draft-ietf-rmcat-gcc-02 as libwebrtc's goog_cc does it): the
 * sender logs every packet it sends with its transport-wide sequence number, feeds in every transport-cc
 * feedback message that comes back, and reads the target bitrate to give its encoder and pacer.
 *
 * <p>Per feedback message: packets are matched against the {@code SentPacketLog} (each counts once, however
 * often it is reported); the acknowledged ones, in arrival order, update the
 * {@code AcknowledgedBitrateEstimator} and the {@code DelayBasedBandwidthEstimator}; the newly reported ones
 * give the {@code LossBasedBandwidthEstimator} its loss; their one-way delays above the last ten seconds' smallest
 * give the queueing delay ({@link #queueingDelayMicros}, for a caller that must act before the trendline says
 * over-use); the target is the loss-based rate capped by the
 * delay-based one, within the {@link BitrateLimits}. Probe clusters ({@link #probeDue}, sent as padding and logged
 * with their cluster id) are measured by the {@code ProbeBitrateEstimator}: a result raises the delay- and
 * loss-based estimates to it, by at most 1.1-1.25 x the estimate the cluster was sent at (never lowers
 * them), so capacity the sender does not use yet is found and a result a link's burst allowance inflated costs one
 * step; the
 * {@code ProbeController} decides when to probe. The round-trip time comes from the feedback itself (mean
 * of the last 32 messages' longest send-to-feedback time less the receiver's batching). The receiver's 24-bit
 * reference time is unwrapped across messages, so its clock may start anywhere.
 *
 * <p>Time is passed in (µs of one monotonic clock for send and feedback times); nothing reads a clock, starts a
 * thread or touches a socket, and nothing allocates per packet. Methods are synchronized, so the send thread
 * and the RTCP thread may call it concurrently.
 *
 * <pre>{@code
 * SendSideBandwidthEstimator bwe = new SendSideBandwidthEstimator(BitrateLimits.DEFAULT);
 * // per RTP packet sent on the hop:
 * bwe.onPacketSent(transportSeq, nowMicros, datagramLength);
 * // per RTCP RTPFB FMT 15 packet received from the hop's other end:
 * bwe.onFeedback(datagram, rtcpOffset, rtcpLength, nowMicros);
 * encoder.setBitrate(bwe.targetBitrateBps());
 * }</pre>
 */
public final class SendSideBandwidthEstimator {
    /** Packets remembered by default: 4096, over a second of 30 Mbit/s in 1200-byte packets. */
    public static final int DEFAULT_LOG_CAPACITY = 4096;
    /** Feedback messages the RTT is averaged over ({@code kMaxFeedbackRttWindow}). */
    public static final int RTT_WINDOW = 32;
    /** Longest RTT sample taken: feedback is the peer's word, so an absurd one must not stall the estimator. */
    public static final long MAX_RTT_MICROS = 10_000_000;
    /**
     * Sending this long without any feedback (the receiver left, or the path died) halves the estimate, and
     * again for every further such period, down to the minimum: a sender must not keep filling a queue nobody
     * reports on. Feedback normally comes every 50 ms.
     */
    public static final long FEEDBACK_TIMEOUT_MICROS = 1_000_000;
    /**
     * A pause in sending at least this long (video switched off, a source that stalled) starts the count towards
     * {@link #FEEDBACK_TIMEOUT_MICROS} again from the first packet after it: the receiver had nothing to report, and
     * a sender that resumed has not yet sent long without feedback. Half the timeout, so a sender that keeps sending
     * (at 2 fps or more) to a path that died is still cut.
     */
    static final long SENDING_PAUSE_MICROS = FEEDBACK_TIMEOUT_MICROS / 2;
    /** A probe cluster's duration for a sender that paces clusters without waiting. */
    public static final long LONG_PROBE_MICROS = ProbeController.LONG_DURATION_MICROS;
    /**
     * How far back the arrivals a large drop is judged by reach ({@link ProbeController#onLargeDrop}): short, so a
     * path that narrowed shows its new rate by the time its estimate falls.
     */
    static final long CARRIED_AT_DROP_MICROS = 200_000;

    private final BitrateLimits limits;
    private final SentPacketLog log;
    private final AcknowledgedBitrateEstimator acknowledged = new AcknowledgedBitrateEstimator();
    private final RecentArrivalRate recentArrivals = new RecentArrivalRate();
    private final QueueingDelay queueing = new QueueingDelay();
    private final DelayBasedBandwidthEstimator delayBased;
    private final LossBasedBandwidthEstimator lossBased;
    private final FeedbackCollector collector = new FeedbackCollector();
    private final ProbeBitrateEstimator probes = new ProbeBitrateEstimator();
    private final ProbeController probeController;

    // One message's acknowledged packets, preallocated to the log's capacity.
    private final long[] ackSend;
    private final long[] ackArrival;
    private final int[] ackSize;
    private final int[] ackCluster;
    private final int[] order;
    private int acks;
    private long lostInMessage;
    private long expectedInMessage;

    private boolean referenceKnown;
    private long unwrappedReference;
    private long arrivalOffsetMicros;

    private final long[] rttSamples = new long[RTT_WINDOW];
    private int rttCount;
    private int rttNext;
    private long rttSum;

    private long targetBps;
    private BandwidthUsage lastUsage = BandwidthUsage.NORMAL;
    private long lastOveruseMicros = Long.MIN_VALUE;
    private long probeResults;
    private long lastProbeBps = -1;
    private long feedbackMessages;
    private long lastFeedbackMicros;
    private long lastTimeoutCutMicros;
    /** When the latest packet was sent, and when the sender last started sending after a pause. */
    private long lastSentMicros = Long.MIN_VALUE / 2;
    private long sendingSinceMicros;
    private long feedbackTimeouts;
    private long unknownReports;

    /** @param limits the bounds of the target */
    public SendSideBandwidthEstimator(BitrateLimits limits) {
        this(limits, DEFAULT_LOG_CAPACITY);
    }

    /**
     * @param limits      the bounds of the target
     * @param logCapacity packets remembered for matching feedback, a power of two up to 32768; should cover
     *                    what is sent in about a second
     */
    public SendSideBandwidthEstimator(BitrateLimits limits, int logCapacity) {
        this(limits, logCapacity, ProbeCluster.MIN_DURATION_MICROS);
    }

    /**
     * @param limits              the bounds of the target
     * @param logCapacity         packets remembered for matching feedback, a power of two up to 32768
     * @param probeDurationMicros how long a probe cluster after the initial two lasts: the shortest
     *                            ({@link ProbeCluster#MIN_DURATION_MICROS}) for a sender whose thread waits out a
     *                            cluster, longer (e.g. {@link #LONG_PROBE_MICROS}) for one that paces it between other
     *                            work, so a link's burst allowance does not pass for its rate
     */
    public SendSideBandwidthEstimator(BitrateLimits limits, int logCapacity, long probeDurationMicros) {
        this.limits = limits;
        this.log = new SentPacketLog(logCapacity);
        this.delayBased = new DelayBasedBandwidthEstimator(limits.startBps(), limits.minBps(), limits.maxBps());
        this.lossBased = new LossBasedBandwidthEstimator(limits.startBps(), limits.minBps(), limits.maxBps());
        this.ackSend = new long[logCapacity];
        this.ackArrival = new long[logCapacity];
        this.ackSize = new int[logCapacity];
        this.ackCluster = new int[logCapacity];
        this.order = new int[logCapacity];
        this.targetBps = limits.startBps();
        this.probeController = new ProbeController(limits, probeDurationMicros);
    }

    /**
     * Logs a packet as it is sent.
     *
     * @param transportSequence the transport-wide sequence number it carries
     * @param sendMicros        when it left
     * @param sizeBytes         its size (e.g. the UDP payload length)
     * @return true if the target was just lowered because no feedback came for {@link #FEEDBACK_TIMEOUT_MICROS}
     */
    public synchronized boolean onPacketSent(int transportSequence, long sendMicros, int sizeBytes) {
        log.onPacketSent(transportSequence, sendMicros, sizeBytes);
        return cutIfFeedbackStopped(sendMicros);
    }

    /**
     * Logs a packet as it is sent, as part of a probe cluster.
     *
     * @param transportSequence the transport-wide sequence number it carries
     * @param sendMicros        when it left
     * @param sizeBytes         its size
     * @param cluster           the {@link ProbeCluster#id()} it belongs to, or {@link ProbeCluster#NONE} for media
     * @return true if the target was just lowered because no feedback came for {@link #FEEDBACK_TIMEOUT_MICROS}
     */
    public synchronized boolean onPacketSent(int transportSequence, long sendMicros, int sizeBytes, int cluster) {
        log.onPacketSent(transportSequence, sendMicros, sizeBytes, cluster);
        if (cluster != ProbeCluster.NONE) {
            probes.onSent(cluster);
        }
        return cutIfFeedbackStopped(sendMicros);
    }

    /**
     * Halves the target once per {@link #FEEDBACK_TIMEOUT_MICROS} of sending without feedback, after the first; a
     * pause in sending of {@link #SENDING_PAUSE_MICROS} or more does not count, so a sender whose video was off for a
     * while resumes at the estimate it had.
     */
    private boolean cutIfFeedbackStopped(long nowMicros) {
        if (nowMicros - lastSentMicros >= SENDING_PAUSE_MICROS) {
            sendingSinceMicros = nowMicros;
        }
        lastSentMicros = Math.max(lastSentMicros, nowMicros);
        long silentSince = Math.max(Math.max(lastFeedbackMicros, lastTimeoutCutMicros), sendingSinceMicros);
        if (feedbackMessages == 0 || nowMicros - silentSince < FEEDBACK_TIMEOUT_MICROS) {
            return false;
        }
        lastTimeoutCutMicros = nowMicros;
        feedbackTimeouts++;
        long cut = Math.max(limits.minBps(), targetBps / 2);
        delayBased.lowerTo(cut, nowMicros);
        lossBased.lowerTo(cut, nowMicros);
        targetBps = cut;
        return true;
    }

    /** @return times the target was halved because feedback stopped coming */
    public synchronized long feedbackTimeouts() {
        return feedbackTimeouts;
    }

    /**
     * Asks whether a probe cluster is due: two at start (once feedback flows), later one now and then while
     * the sender wants more than the estimate ({@link #setWantedBitrateBps}) and the path shows no over-use.
     * The caller sends the cluster it gets, each packet logged with its id, then calls {@link #onProbeSent}.
     *
     * @param nowMicros the current time, in the clock of {@link #onPacketSent}
     * @return the cluster to send now, or null
     */
    public synchronized ProbeCluster probeDue(long nowMicros) {
        if (feedbackMessages == 0) {
            return null;
        }
        ProbeCluster cluster = probeController.poll(nowMicros, targetBps, lastOveruseMicros,
                delayBased.isNearLinkCapacity());
        if (cluster != null) {
            probes.onClusterStarted(cluster.id(), cluster.bytes());
        }
        return cluster;
    }

    /** @param cluster the id of a cluster the sender has now sent whole */
    public synchronized void onProbeSent(int cluster) {
        probes.onClusterSent(cluster);
    }

    /**
     * States the most the sender would use now (its encoders' combined maximum): while the estimate is below it,
     * the estimator asks for probes.
     *
     * @param bps bit/s; 0 or less for no probing beyond the initial clusters
     */
    public synchronized void setWantedBitrateBps(long bps) {
        probeController.setWantedBitrateBps(bps);
    }

    /** @return probe results that came in (each cluster may give more than one as its feedback arrives) */
    public synchronized long probeResults() {
        return probeResults;
    }

    /** @return the last probe result, bit/s, or -1 while there was none */
    public synchronized long lastProbeBitrateBps() {
        return lastProbeBps;
    }

    /** @return probe clusters asked for by {@link #probeDue} */
    public synchronized long probeClusters() {
        return probeController.clusters();
    }

    /** @return those of them sent to recover from a large drop that was an over-shoot (protocol.md section 2b) */
    public synchronized long recoveryProbeClusters() {
        return probeController.recoveries();
    }

    /**
     * Takes one transport-cc feedback message and updates the estimate.
     *
     * @param packet    buffer holding the RTCP packet (PT 205, FMT 15)
     * @param offset    where it starts
     * @param length    its length
     * @param nowMicros when it arrived, in the clock of {@link #onPacketSent}
     * @throws MalformedPacketException if the message is malformed; the estimate is then unchanged
     */
    public synchronized void onFeedback(byte[] packet, int offset, int length, long nowMicros) {
        acks = 0;
        lostInMessage = 0;
        expectedInMessage = 0;
        TransportFeedbackReader.read(packet, offset, length, collector);
        feedbackMessages++;
        lastFeedbackMicros = nowMicros;
        process(nowMicros);
    }

    /** @return the target bitrate in bit/s: what the encoder and pacer should use now */
    public synchronized long targetBitrateBps() {
        return targetBps;
    }

    /** @return the delay-based estimate in bit/s */
    public synchronized long delayBasedBitrateBps() {
        return delayBased.rateBps();
    }

    /** @return the loss-based estimate in bit/s */
    public synchronized long lossBasedBitrateBps() {
        return lossBased.rateBps();
    }

    /** @return the acknowledged (received) rate in bit/s, or -1 while unknown */
    public synchronized long acknowledgedBitrateBps() {
        return (long) acknowledged.rateBps();
    }

    /**
     * @param windowMicros how far back from the latest acknowledged arrival, up to half a second (rounded up to
     *                     50 ms)
     * @return the rate the acknowledged packets arrived at over that span, bit/s, or -1 while less than half of it
     *         is known: while the bottleneck's queue is not empty, the bottleneck's own rate
     */
    public synchronized long arrivalBitrateBps(long windowMicros) {
        return (long) recentArrivals.rateBps(windowMicros);
    }

    /** @return the last loss fraction measured, 0..1 */
    public synchronized double lossFraction() {
        return lossBased.lossFraction();
    }

    /** @return packets the last feedback message newly reported lost (less those it showed were only late) */
    public synchronized long lastMessageLostPackets() {
        return lostInMessage;
    }

    /** @return packets the last feedback message newly reported, lost or received */
    public synchronized long lastMessageReportedPackets() {
        return expectedInMessage;
    }

    /**
     * @return how long the path's bottleneck held the latest acknowledged packet: its one-way delay above the
     *         smallest of the last ten seconds, µs; 0 until a packet was acknowledged
     */
    public synchronized long queueingDelayMicros() {
        return queueing.delayMicros();
    }

    /**
     * @param spanMicros how far back to compare, at least
     * @return how much {@link #queueingDelayMicros()} grew since the latest feedback message taken at least
     *         {@code spanMicros} before the last one, µs (negative while the queue drains; 0 until known)
     */
    public synchronized long queueingDelayGrowthMicros(long spanMicros) {
        return queueing.growthMicros(spanMicros);
    }

    /**
     * @return when the delay-based detector last said over-use, in the clock of {@link #onFeedback}, or
     *         {@code Long.MIN_VALUE} if it never did
     */
    public synchronized long lastOveruseMicros() {
        return lastOveruseMicros;
    }

    /** @return the delay-based detector's state after the last feedback message */
    public synchronized BandwidthUsage usage() {
        return delayBased.usage();
    }

    /** @return the mean round-trip time from feedback, µs, or -1 while unknown */
    public synchronized long roundTripMicros() {
        return rttCount == 0 ? -1 : rttSum / rttCount;
    }

    /** @return feedback messages taken */
    public synchronized long feedbackMessages() {
        return feedbackMessages;
    }

    /** @return packet reports that named no packet in the log (too old, never sent) */
    public synchronized long unknownReports() {
        return unknownReports;
    }

    /** @return the bounds it works within */
    public BitrateLimits limits() {
        return limits;
    }

    private void process(long nowMicros) {
        sortByArrival();
        long maxArrival = Long.MIN_VALUE;
        for (int i = 0; i < acks; i++) {
            maxArrival = Math.max(maxArrival, ackArrival[i]);
        }
        long maxRtt = Long.MIN_VALUE;
        for (int k = 0; k < acks; k++) {
            int i = order[k];
            acknowledged.onAcknowledged(ackArrival[i], ackSize[i]);
            recentArrivals.onArrival(ackArrival[i], ackSize[i]);
            queueing.onPacket(ackSend[i], ackArrival[i]);
            if (ackCluster[i] != ProbeCluster.NONE) {
                probes.onReceived(ackCluster[i], ackSend[i], ackArrival[i], ackSize[i]);
            }
            long rtt = nowMicros - ackSend[i] - (maxArrival - ackArrival[i]);
            maxRtt = Math.max(maxRtt, rtt);
        }
        queueing.onMessage(nowMicros);
        if (acks > 0 && maxRtt > 0) {
            addRttSample(Math.min(maxRtt, MAX_RTT_MICROS));
            long rtt = rttSum / rttCount;
            delayBased.setRoundTripTime(rtt);
            lossBased.setRoundTripTime(rtt);
        }
        for (int k = 0; k < acks; k++) {
            int i = order[k];
            delayBased.onPacket(ackSend[i], ackArrival[i], ackSize[i], nowMicros);
        }
        long delayBps = acks > 0 ? delayBased.update(acknowledged.rateBps(), recentArrivals.rateBps(),
                queueing.standingMicros(DelayBasedBandwidthEstimator.STANDING_SPAN_MICROS), nowMicros)
                : delayBased.rateBps();
        if (delayBased.usage() == BandwidthUsage.OVERUSING) {
            lastOveruseMicros = nowMicros;
        }
        long probeBps = probes.evaluate(probeController);
        if (probeBps > 0) {
            probeResults++;
            lastProbeBps = probeBps;
            if (delayBased.usage() != BandwidthUsage.OVERUSING) {
                long raised = Math.min(probeBps, probeController.maxRaisedBps());
                delayBps = delayBased.raiseTo(raised, nowMicros);
                lossBased.raiseTo(Math.min(raised, delayBps), nowMicros);
            }
        }
        lossBased.onPacketResults(lostInMessage, expectedInMessage, nowMicros);
        long lossBps = lossBased.update(delayBps, nowMicros);
        long before = targetBps;
        targetBps = Math.max(limits.minBps(), Math.min(limits.maxBps(), Math.min(lossBps, delayBps)));
        if (before > 0 && targetBps < ProbeController.LARGE_DROP_RATIO * before) {
            probeController.onLargeDrop(nowMicros, before, (long) recentArrivals.rateBps(CARRIED_AT_DROP_MICROS));
        }
        BandwidthUsage usage = delayBased.usage();
        if (lastUsage == BandwidthUsage.UNDERUSING && usage == BandwidthUsage.NORMAL) {
            probeController.onRecovered(nowMicros);
        }
        lastUsage = usage;
    }

    private void addRttSample(long rtt) {
        if (rttCount == RTT_WINDOW) {
            rttSum -= rttSamples[rttNext];
        } else {
            rttCount++;
        }
        rttSamples[rttNext] = rtt;
        rttSum += rtt;
        rttNext = (rttNext + 1) % RTT_WINDOW;
    }

    /** Insertion sort of the acknowledged packets by arrival: linear when (as usual) already in order. */
    private void sortByArrival() {
        for (int i = 0; i < acks; i++) {
            int current = i;
            int j = i - 1;
            while (j >= 0 && ackArrival[order[j]] > ackArrival[current]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = current;
        }
    }

    /** Matches one message's reports against the log; one instance, reused. */
    private final class FeedbackCollector implements TransportFeedbackHandler {
        @Override
        public void onFeedback(int senderSsrc, int mediaSsrc, int baseSequence, int statusCount,
                               int referenceTime, int feedbackPacketCount) {
            if (!referenceKnown) {
                referenceKnown = true;
                unwrappedReference = referenceTime;
            } else {
                unwrappedReference = TransportFeedback.unwrapReference(referenceTime, unwrappedReference);
            }
            arrivalOffsetMicros = (unwrappedReference - referenceTime) * TransportFeedback.REFERENCE_TICK_MICROS;
        }

        @Override
        public void onReceived(int sequence, long arrivalMicros) {
            if (!log.isKnown(sequence)) {
                unknownReports++;
                return;
            }
            int state = log.state(sequence);
            if (state == SentPacketLog.RECEIVED || acks == ackSend.length) {
                return;                                 // already counted
            }
            int cluster = log.cluster(sequence);
            if (state == SentPacketLog.REPORTED_LOST) {
                lostInMessage--;                        // it was late, not lost
                if (cluster != ProbeCluster.NONE) {
                    probes.onLost(cluster, -1);
                }
            } else {
                expectedInMessage++;
            }
            log.setState(sequence, SentPacketLog.RECEIVED);
            ackSend[acks] = log.sendTimeMicros(sequence);
            ackArrival[acks] = arrivalMicros + arrivalOffsetMicros;
            ackSize[acks] = log.sizeBytes(sequence);
            ackCluster[acks] = cluster;
            acks++;
        }

        @Override
        public void onNotReceived(int sequence) {
            if (!log.isKnown(sequence)) {
                unknownReports++;
                return;
            }
            if (log.state(sequence) == SentPacketLog.SENT) {
                log.setState(sequence, SentPacketLog.REPORTED_LOST);
                if (log.cluster(sequence) != ProbeCluster.NONE) {
                    probes.onLost(log.cluster(sequence), 1);
                }
                lostInMessage++;
                expectedInMessage++;
            }
        }
    }
}
