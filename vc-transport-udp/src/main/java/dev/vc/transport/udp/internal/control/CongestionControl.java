package dev.vc.transport.udp.internal.control;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.cc.BitrateLimits;
import dev.vc.transport.udp.cc.ProbeCluster;
import dev.vc.transport.udp.cc.SendSideBandwidthEstimator;
import dev.vc.transport.udp.cc.TransportFeedbackRecorder;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import dev.vc.transport.udp.internal.UdpSettings;
import dev.vc.transport.udp.rtcp.RtcpReader;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A transport's two hops of congestion control (see {@code dev.vc.transport.udp.cc}): it is the sending end
 * of its uplink (stamps a transport-wide sequence number on every RTP packet that leaves, logs it in a
 * {@link SendSideBandwidthEstimator}, reads the transport-cc feedback the other end sends back) and the
 * receiving end of its downlink (records the arrival of every RTP packet that carries the extension in a
 * {@link TransportFeedbackRecorder} and sends feedback about every 50 ms).
 *
 * <p>It also probes the uplink (when {@code vc.udp.cc.probe} is on): {@link #probeDue} hands the send chain the
 * probe clusters the estimator asks for (two at start, later while the sender wants more than the estimate,
 * {@link #setWantedBitrateBps}), which it sends as padding, stamped with {@link #stamp(byte[], int, int, long, int)}.
 *
 * <p>The target it answers is -1 until the first feedback arrives: a peer that sends none (an older relay)
 * leaves the sender at its configured rate. The pacing rate is 2.5 x the target (libwebrtc's
 * {@code kDefaultPaceMultiplier}), never above the configured one.
 *
 * <p>Threads: {@link #stamp} on the send thread and on whichever thread resends a packet (the sequence number
 * is atomic, the estimator synchronized); {@link #onRtp} and {@link #onFeedback} on the receive thread; the
 * getters on any. Nothing allocates per packet.
 *
 * <pre>{@code
 * CongestionControl cc = new CongestionControl(ssrc, BitrateLimits.DEFAULT, 4096, 1200, pacingBps, true);
 * cc.output(session::send);                       // where downlink feedback goes
 * cc.stamp(packet, 0, length, System.nanoTime()); // per RTP packet leaving
 * cc.onRtp(packet, length, ssrc, arrivalNanos);   // per RTP packet arriving
 * cc.onFeedback(packet, at, length, nowNanos);    // per transport-cc message arriving
 * encoder.setBitrate((int) cc.targetBitrateBps());
 * }</pre>
 */
public final class CongestionControl {
    /** Pacing rate over target, as libwebrtc paces. */
    public static final double PACE_MULTIPLIER = 2.5;

    private final SendSideBandwidthEstimator estimator;
    private final TransportFeedbackRecorder recorder;
    private final AtomicInteger nextSequence = new AtomicInteger();
    private final long configuredPacingBps;
    private final boolean probing;
    private final byte[] feedback;
    private volatile RtcpSession.Output output;
    private volatile long targetBps = -1;
    private final LongAdder feedbackReceived = new LongAdder();
    private final LongAdder feedbackMalformed = new LongAdder();
    private final LongAdder feedbackSent = new LongAdder();

    /**
     * @param ownSsrc       the SSRC put in the feedback this end sends
     * @param limits        the bounds of the uplink's target
     * @param windowPackets packets remembered on each hop, a power of two up to 16384
     * @param mtu           the largest feedback message written
     * @param pacingBps     the configured pacing rate, the pacer's ceiling; 0 for no pacing
     * @param probing       whether {@link #probeDue} hands out probe clusters
     */
    public CongestionControl(int ownSsrc, BitrateLimits limits, int windowPackets, int mtu, long pacingBps,
                             boolean probing) {
        this.estimator = new SendSideBandwidthEstimator(limits, windowPackets);
        this.recorder = new TransportFeedbackRecorder(ownSsrc, windowPackets, mtu,
                TransportFeedbackRecorder.DEFAULT_INTERVAL_MICROS);
        this.feedback = new byte[mtu];
        this.configuredPacingBps = pacingBps;
        this.probing = probing;
    }

    /**
     * The transport's congestion control as configured by {@link UdpSettings} ({@code vc.udp.cc.*},
     * {@code vc.udp.pacing.kbps}); the sender is taken to want {@link CoreSettings#BITRATE} until it says
     * otherwise ({@link #setWantedBitrateBps}).
     *
     * @param ownSsrc the transport's SSRC
     * @param config  the configuration
     * @param mtu     the largest packet
     * @return a new instance
     * @throws ConfigException if the window is not a power of two
     */
    public static CongestionControl from(int ownSsrc, Config config, int mtu) {
        int window = config.get(UdpSettings.CC_WINDOW_PACKETS);
        if (Integer.bitCount(window) != 1) {
            throw new ConfigException(UdpSettings.CC_WINDOW_PACKETS.key() + " must be a power of two, got " + window);
        }
        long min = config.get(UdpSettings.CC_MIN_KBPS) * 1000L;
        long max = Math.max(min, config.get(UdpSettings.CC_MAX_KBPS) * 1000L);
        long start = Math.max(min, Math.min(max, config.get(UdpSettings.CC_START_KBPS) * 1000L));
        CongestionControl congestion = new CongestionControl(ownSsrc, new BitrateLimits(min, start, max), window,
                mtu, config.get(UdpSettings.PACING_KBPS) * 1000L, config.get(UdpSettings.CC_PROBE));
        congestion.setWantedBitrateBps(config.get(CoreSettings.BITRATE));
        return congestion;
    }

    /** @param output where downlink feedback is sent (the transport's control output) */
    public void output(RtcpSession.Output output) {
        this.output = output;
    }

    /**
     * Sending end: gives an RTP packet that carries the extension the next transport-wide sequence number, in
     * place, and logs it. Packets without the extension (and RTCP, STUN) are left alone.
     *
     * @param packet   the datagram
     * @param offset   where it starts
     * @param length   its length
     * @param nowNanos {@link System#nanoTime()} as it leaves
     * @return whether it was stamped
     */
    public boolean stamp(byte[] packet, int offset, int length, long nowNanos) {
        return stamp(packet, offset, length, nowNanos, ProbeCluster.NONE);
    }

    /**
     * Sending end: stamps and logs a packet as part of a probe cluster ({@link #stamp(byte[], int, int, long)}
     * for media).
     *
     * @param packet   the datagram
     * @param offset   where it starts
     * @param length   its length
     * @param nowNanos {@link System#nanoTime()} as it leaves
     * @param cluster  the {@link ProbeCluster#id()} it belongs to, or {@link ProbeCluster#NONE}
     * @return whether it was stamped
     */
    public boolean stamp(byte[] packet, int offset, int length, long nowNanos, int cluster) {
        if (length < 12 || RtcpReader.isRtcp(packet, offset, length)) {
            return false;
        }
        int at = TransportSequenceNumber.locate(packet, offset, length, TransportSequenceNumber.DEFAULT_ID);
        if (at == TransportSequenceNumber.ABSENT) {
            return false;
        }
        int sequence = nextSequence.getAndIncrement() & 0xFFFF;
        TransportSequenceNumber.rewrite(packet, at, sequence);
        if (estimator.onPacketSent(sequence, nowNanos / 1000, length, cluster)) {
            targetBps = estimator.targetBitrateBps();  // feedback stopped coming: the estimate was cut
        }
        return true;
    }

    /**
     * Sending end: the probe cluster to send now, if probing is on and one is due.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return the cluster, or null
     */
    public ProbeCluster probeDue(long nowNanos) {
        return probing ? estimator.probeDue(nowNanos / 1000) : null;
    }

    /** @param cluster the id of a probe cluster the send chain has now sent whole */
    public void onProbeSent(int cluster) {
        estimator.onProbeSent(cluster);
    }

    /**
     * Sending end: the most the sender would use now; while the estimate is below it the uplink is probed.
     *
     * @param bps bit/s (the sum of the active layers' maximum rates)
     */
    public void setWantedBitrateBps(long bps) {
        estimator.setWantedBitrateBps(bps);
    }

    /**
     * Sending end: takes one transport-cc feedback message about the uplink. A malformed one is counted and
     * leaves the estimate as it was.
     *
     * @param packet   the datagram
     * @param offset   where the message starts
     * @param length   its length
     * @param nowNanos {@link System#nanoTime()} at arrival
     */
    public void onFeedback(byte[] packet, int offset, int length, long nowNanos) {
        try {
            estimator.onFeedback(packet, offset, length, nowNanos / 1000);
        } catch (MalformedPacketException e) {
            feedbackMalformed.increment();
            return;
        }
        feedbackReceived.increment();
        targetBps = estimator.targetBitrateBps();
    }

    /**
     * Receiving end: records an RTP packet's arrival if it carries the extension, and sends the feedback that
     * is due. Receive thread only.
     *
     * @param packet   the datagram, from offset 0
     * @param length   its length
     * @param ssrc     its SSRC
     * @param nowNanos {@link System#nanoTime()} at arrival
     */
    public void onRtp(byte[] packet, int length, int ssrc, long nowNanos) {
        int sequence = TransportSequenceNumber.find(packet, 0, length, TransportSequenceNumber.DEFAULT_ID);
        if (sequence == TransportSequenceNumber.ABSENT) {
            return;
        }
        long nowMicros = nowNanos / 1000;
        recorder.onPacket(sequence, ssrc, nowMicros);
        RtcpSession.Output out = output;
        while (out != null && recorder.isFeedbackDue(nowMicros)) {
            int n = recorder.writeFeedback(feedback, 0, nowMicros);
            if (n == 0) {
                break;
            }
            out.send(feedback, n);
            feedbackSent.increment();
        }
    }

    /** @return the uplink's target bitrate, bit/s, or -1 until the first feedback */
    public long targetBitrateBps() {
        return targetBps;
    }

    /**
     * @return the pacing rate for the current target: 2.5 x the target, at most the configured rate; the
     *         configured rate while there is no estimate
     */
    public long pacingBps() {
        long target = targetBps;
        if (target < 0 || configuredPacingBps == 0) {
            return configuredPacingBps;
        }
        return Math.min(configuredPacingBps, (long) (target * PACE_MULTIPLIER));
    }

    /** @return the estimator, for its detail (RTT, loss, delay- and loss-based rates) */
    public SendSideBandwidthEstimator estimator() {
        return estimator;
    }

    /** @return transport-cc messages taken about the uplink */
    public long feedbackReceived() {
        return feedbackReceived.sum();
    }

    /** @return transport-cc messages about the uplink that were malformed, and ignored */
    public long feedbackMalformed() {
        return feedbackMalformed.sum();
    }

    /** @return transport-cc messages sent about the downlink */
    public long feedbackSent() {
        return feedbackSent.sum();
    }
}
