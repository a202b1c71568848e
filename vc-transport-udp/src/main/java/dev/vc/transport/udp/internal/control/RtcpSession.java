package dev.vc.transport.udp.internal.control;

import dev.vc.api.MediaClock;
import dev.vc.api.RtpStreamStats;
import dev.vc.api.TransportListener;
import dev.vc.transport.udp.rtp.NtpTime;
import dev.vc.transport.udp.rtcp.ReceptionStatistics;
import dev.vc.transport.udp.rtcp.RtcpHandler;
import dev.vc.transport.udp.rtcp.RtcpReader;
import dev.vc.transport.udp.rtcp.RtcpWriter;
import dev.vc.transport.udp.rtp.RtpHeader;
import dev.vc.transport.udp.rtp.RtpSequence;
import dev.vc.transport.udp.rtp.RtxPacket;
import dev.vc.transport.udp.rtp.SendHistory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The transport's RTCP (RFC 3550 §6, RFC 4585): reception statistics per remote stream, sender/receiver
 * reports with SDES CNAME once a second, Generic NACK for packets that went missing, repeated while they stay
 * missing ({@link NackList}; answered by resending from the {@link SendHistory} as RTX, RFC 4588, on the layer's
 * RTX SSRC with sequence numbers of its own), PLI to ask a sender for a
 * keyframe, and round-trip time from the receivers' LSR/DLSR.
 *
 * <p>The local side is one stream per simulcast layer ({@link LocalStreams}): each layer has its own sender
 * report (with the same CNAME), a PLI or FIR naming a layer's SSRC asks that layer for a keyframe
 * ({@link TransportListener#onKeyframeRequest(int)}, rate-limited per layer), a NACK naming it is answered from
 * that layer's history, and report blocks about any layer are taken. Layer 0's SSRC is the one this end sends
 * its own reports about remote streams and its feedback with. A TMMBR naming a layer's SSRC (RFC 5104 §4.2.1: the
 * relay caps the layer to what its receivers can take) is kept as that layer's {@link #layerCap} until the next one,
 * and answered at once with a TMMBN from the layer's SSRC (§4.2.2) naming the requester and the limit obeyed.
 *
 * <p>Threads: {@link #onRtp}, {@link #onRtcp} on the receive thread; {@link #report} on the timer thread;
 * {@link #requestKeyframe} on any. Reports are compound (SR or RR, then SDES); feedback goes out alone, as
 * reduced-size RTCP (RFC 5506), so a relay can route it to the stream it names.
 */
public final class RtcpSession implements RtcpHandler {
    /** Sends a datagram to the remote end. */
    public interface Output {
        /**
         * @param data   holds the datagram from offset 0
         * @param length its length
         */
        void send(byte[] data, int length);
    }

    private static final int MAX_REPORT_BLOCKS = 31;
    private static final int MAX_NACK_GAP = 32;
    /** Shortest spacing of keyframe requests for one stream: a keyframe wait asks again this often. */
    private static final long MIN_PLI_INTERVAL_NANOS = 200_000_000L;
    /** Their spacing while the round trip is not known yet. */
    private static final long DEFAULT_PLI_INTERVAL_NANOS = 500_000_000L;
    /** Shortest wait before asking for a missing packet again. */
    private static final long MIN_NACK_RETRY_NANOS = 20_000_000L;
    /** The wait before asking again while the round trip is not known yet. */
    private static final long DEFAULT_NACK_RETRY_NANOS = 100_000_000L;
    private static final long STALE_STATS_NANOS = 5_000_000_000L;
    private static final int MAX_TRACKED = 64;

    private final LocalStreams local;
    private final int ownSsrc;
    private final String cname;
    private final LocalFigures[] figures;
    private final Output output;
    private final TransportListener listener;
    private final CongestionControl congestion;
    private final Map<Integer, Remote> remotes = new ConcurrentHashMap<>();
    private final byte[] feedback = new byte[4 + 12 + 4 * MAX_NACK_GAP];
    /** The packet asked for, as sent, then its retransmission as RTX (receive thread). */
    private final byte[] original;
    private final byte[] retransmit;
    private final int[] lost = new int[MAX_NACK_GAP];
    private final byte[] reportBuffer = new byte[28 + 24 * MAX_REPORT_BLOCKS + 300];
    /** Arrival time of the RTCP packet being read (receive thread). */
    private long nowNanos;

    /** Per layer: the remote end's last bit rate limit (TMMBR), bit/s, or -1 for none. */
    private final AtomicLongArray caps;
    /** The TMMBN answering a TMMBR (receive thread). */
    private final byte[] notification = new byte[20];

    private final FeedbackPolicy policy = new FeedbackPolicy();
    private volatile double roundTripMillis = Double.NaN;

    /** What the receivers told us of one local layer. */
    private static final class LocalFigures {
        final LongAdder nacksReceived = new LongAdder();
        final LongAdder retransmissions = new LongAdder();
        final LongAdder keyframeRequests = new LongAdder();
        volatile long reportedLost;
        volatile double reportedFraction;
        volatile double reportedJitterMillis;
    }

    /** What we know of one remote stream. */
    public static final class Remote {
        final ReceptionStatistics stats;
        volatile long lastPacketNanos;
        volatile long lastPliNanos = Long.MIN_VALUE / 2;
        final NackList missing = new NackList();
        final LongAdder nacksSent = new LongAdder();
        final LongAdder plisSent = new LongAdder();
        final LongAdder retransmissionsReceived = new LongAdder();

        Remote(int ssrc) {
            stats = new ReceptionStatistics(ssrc);
        }

        /** Receive thread: counts a retransmission (RTX) of this stream that was put back into it. */
        public void retransmissionReceived() {
            retransmissionsReceived.increment();
        }
    }

    /**
     * @param local      the local streams, one per layer: SSRCs, what they sent, their send histories
     * @param cname      the SDES CNAME of every layer
     * @param mtu        largest packet
     * @param output     sends RTCP and retransmissions to the remote end
     * @param listener   told of keyframe requests
     * @param congestion the transport's congestion control, which takes the transport-cc feedback and records
     *                   arrivals; null for none
     */
    public RtcpSession(LocalStreams local, String cname, int mtu, Output output, TransportListener listener,
                       CongestionControl congestion) {
        this.congestion = congestion;
        this.local = local;
        this.ownSsrc = local.ssrc(0);
        this.cname = cname;
        this.figures = new LocalFigures[local.count()];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = new LocalFigures();
        }
        this.original = new byte[mtu];
        this.retransmit = new byte[mtu + RtxPacket.OSN_LENGTH];
        this.caps = new AtomicLongArray(local.count());
        for (int i = 0; i < local.count(); i++) {
            caps.set(i, -1);
        }
        this.output = output;
        this.listener = listener;
    }

    /** @return the statistics of a remote stream, created on its first packet (receive thread) */
    public Remote remote(int ssrc, long nowNanos) {
        Remote remote = remotes.get(ssrc);
        if (remote == null) {
            if (remotes.size() >= MAX_TRACKED) {
                return null;
            }
            remote = new Remote(ssrc);
            remote.lastPacketNanos = nowNanos;
            remotes.put(ssrc, remote);
        }
        return remote;
    }

    /**
     * Receive thread: counts an RTP packet, asks at once for the packets a gap says are missing, and again for
     * those still missing after a retry interval ({@link NackList}).
     */
    public void onRtp(Remote remote, RtpHeader rtp, int length, long nowNanos) {
        remote.lastPacketNanos = nowNanos;
        int count;
        synchronized (remote.stats) {
            int highest = remote.stats.highestSequence();
            remote.missing.arrived(rtp.sequence());
            if (highest >= 0) {
                int gap = RtpSequence.distance(highest, rtp.sequence());
                if (gap > 1 && gap <= MAX_NACK_GAP) {
                    for (int s = 1; s < gap; s++) {
                        remote.missing.missing((highest + s) & 0xFFFF);
                    }
                }
            }
            remote.stats.onPacket(rtp.sequence(), rtp.timestamp(), nowNanos * 9 / 100_000, length);
            count = remote.missing.due(nowNanos, nackRetryNanos(), lost);
        }
        if (count > 0) {
            int end = RtcpWriter.nack(feedback, 0, ownSsrc, remote.stats.ssrc(), lost, count);
            output.send(feedback, end);
            remote.nacksSent.add(count);
        }
    }

    /**
     * @return how long to wait for a retransmission before asking again: one and a half round trips (measured
     *         on our own stream, whose receivers are the same peers behind the same relay), at least 20 ms
     */
    private long nackRetryNanos() {
        double rtt = roundTripMillis;
        return Double.isNaN(rtt) ? DEFAULT_NACK_RETRY_NANOS
                : Math.max(MIN_NACK_RETRY_NANOS, (long) (rtt * 1.5e6));
    }

    /**
     * @param roundTripMillis the round trip measured on our own stream, NaN if unknown
     * @return how long after a PLI the next one for the same stream may go: two round trips, at least 200 ms
     *         (WebRTC asks again after 200 ms), 500 ms while the round trip is unknown. A lost PLI or a lost
     *         keyframe is then asked for again soon, without asking again for a keyframe still on its way.
     */
    public static long pliIntervalNanos(double roundTripMillis) {
        return Double.isNaN(roundTripMillis) ? DEFAULT_PLI_INTERVAL_NANOS
                : Math.max(MIN_PLI_INTERVAL_NANOS, (long) (roundTripMillis * 2e6));
    }

    /**
     * Receive thread: reads a compound RTCP packet.
     *
     * @throws dev.vc.transport.udp.MalformedPacketException if it is not valid RTCP
     */
    public void onRtcp(byte[] packet, int length, long nowNanos) {
        this.nowNanos = nowNanos;
        RtcpReader.read(packet, 0, length, this);
    }

    @Override
    public void onSenderReport(int ssrc, long ntpTimestamp, int rtpTimestamp, long packets, long octets) {
        Remote remote = remotes.get(ssrc);
        if (remote != null) {
            synchronized (remote.stats) {
                remote.stats.onSenderReport(ntpTimestamp, nowNanos);
            }
        }
    }

    @Override
    public void onReportBlock(int reporter, int source, int fractionLost, int cumulativeLost, long extendedHighest,
                              long jitter, long lastSr, long delaySinceLastSr) {
        int layer = local.layerOf(source);
        if (layer < 0) {
            return;
        }
        LocalFigures f = figures[layer];
        f.reportedLost = Math.max(f.reportedLost, cumulativeLost);
        f.reportedFraction = fractionLost / 256.0;
        f.reportedJitterMillis = jitter / 90.0;
        if (lastSr != 0) {
            long nowMiddle = (NtpTime.fromEpochNanos(MediaClock.nowNanos()) >>> 16) & 0xFFFF_FFFFL;
            long rtt = (nowMiddle - lastSr - delaySinceLastSr) & 0xFFFF_FFFFL;
            if (rtt < 0x8000_0000L) {
                roundTripMillis = rtt * 1000.0 / 65536;
            }
        }
    }

    @Override
    public void onTransportFeedback(byte[] packet, int offset, int length) {
        if (congestion != null) {
            congestion.onFeedback(packet, offset, length, nowNanos);
        }
    }

    /** @return the transport's congestion control, or null */
    public CongestionControl congestion() {
        return congestion;
    }

    @Override
    public void onPictureLossIndication(int sender, int media) {
        keyframeRequested(local.layerOf(media));
    }

    @Override
    public void onFullIntraRequest(int sender, int media, int sequence) {
        keyframeRequested(local.layerOf(media));
    }

    private void keyframeRequested(int layer) {
        if (layer < 0) {
            return;
        }
        figures[layer].keyframeRequests.increment();
        if (policy.allowKeyframe(layer, nowNanos)) {
            listener.onKeyframeRequest(layer);
        }
    }

    @Override
    public void onTmmbr(int sender, int media, long maxBitrateBps, int overhead) {
        int layer = local.layerOf(media);
        if (layer < 0) {
            return;  // a limit for a stream that is not ours
        }
        caps.set(layer, maxBitrateBps);
        output.send(notification, RtcpWriter.tmmbn(notification, 0, media, sender, maxBitrateBps, overhead));
    }

    /**
     * Any thread.
     *
     * @param layer a local layer
     * @return the remote end's last bit rate limit for it (TMMBR), bit/s, or -1 for none
     */
    public long layerCap(int layer) {
        return layer >= 0 && layer < caps.length() ? caps.get(layer) : -1;
    }

    @Override
    public void onNack(int sender, int media, int pid, int blp) {
        int layer = local.layerOf(media);
        if (layer < 0) {
            return;
        }
        resend(layer, pid);
        for (int i = 0; i < 16; i++) {
            if ((blp & (1 << i)) != 0) {
                resend(layer, (pid + i + 1) & 0xFFFF);
            }
        }
    }

    /** Resends a packet of the layer's history as RTX on the layer's RTX stream, within the budget. */
    private void resend(int layer, int sequence) {
        LocalFigures f = figures[layer];
        f.nacksReceived.increment();
        int length = local.copySent(layer, sequence, original);
        if (length > 0 && policy.allowRetransmission(length + RtxPacket.OSN_LENGTH, nowNanos)) {
            int rtx = local.rtx(layer).wrap(original, 0, length, retransmit, 0);
            if (rtx > 0) {
                output.send(retransmit, rtx);
                f.retransmissions.increment();
            }
        }
    }

    /** Any thread: sends a PLI for a remote stream, at most one per stream per {@link #pliIntervalNanos}. */
    public void requestKeyframe(int ssrc) {
        Remote remote = remotes.get(ssrc);
        long now = System.nanoTime();
        if (remote == null || now - remote.lastPliNanos < pliIntervalNanos(roundTripMillis)) {
            return;
        }
        remote.lastPliNanos = now;
        byte[] pli = new byte[12];
        RtcpWriter.pli(pli, 0, ownSsrc, ssrc);
        output.send(pli, pli.length);
        remote.plisSent.increment();
    }

    /**
     * Timer thread: sends one compound report per layer. Layer 0's: an SR if it has sent media, else an RR, with
     * a block per remote stream heard from recently, then SDES CNAME; each other layer that has sent media: its
     * SR, then SDES CNAME (the same name: one participant). One datagram each, so a relay sees one SSRC's report
     * per datagram.
     *
     * @param rtpNow the RTP timestamp of "now", the same on every layer's clock
     */
    public void report(int rtpNow) {
        long now = System.nanoTime();
        long ntpNow = NtpTime.fromEpochNanos(MediaClock.nowNanos());
        long sentOctets = 0;
        for (int layer = 0; layer < local.count(); layer++) {
            sentOctets += local.payloadBytesSent(layer);
        }
        policy.onSent(sentOctets, now);
        List<Remote> active = new ArrayList<>();
        for (Map.Entry<Integer, Remote> e : remotes.entrySet()) {
            if (now - e.getValue().lastPacketNanos > STALE_STATS_NANOS) {
                remotes.remove(e.getKey(), e.getValue());
            } else if (active.size() < MAX_REPORT_BLOCKS) {
                active.add(e.getValue());
            }
        }
        long counts = local.senderReportCounts(0);
        int at = local.packetsSent(0) > 0
                ? RtcpWriter.senderReport(reportBuffer, 0, ownSsrc, ntpNow, rtpNow, SenderReportCounts.packets(counts),
                        SenderReportCounts.octets(counts), active.size())
                : RtcpWriter.receiverReport(reportBuffer, 0, ownSsrc, active.size());
        for (Remote remote : active) {
            synchronized (remote.stats) {
                at = remote.stats.writeReportBlock(reportBuffer, at, now);
            }
        }
        at = RtcpWriter.cname(reportBuffer, at, ownSsrc, cname);
        output.send(reportBuffer, at);
        for (int layer = 1; layer < local.count(); layer++) {
            if (local.packetsSent(layer) > 0) {
                int ssrc = local.ssrc(layer);
                long layerCounts = local.senderReportCounts(layer);
                at = RtcpWriter.senderReport(reportBuffer, 0, ssrc, ntpNow, rtpNow,
                        SenderReportCounts.packets(layerCounts), SenderReportCounts.octets(layerCounts), 0);
                at = RtcpWriter.cname(reportBuffer, at, ssrc, cname);
                output.send(reportBuffer, at);
            }
        }
    }

    /** @return NACKs and PLIs not acted upon, by reason ({@link FeedbackPolicy#refused()}) */
    public Map<String, Long> feedbackRefused() {
        return policy.refused();
    }

    /** @return each local layer's figures, layer 0 first, from the receivers' reports */
    public List<RtpStreamStats> localStats() {
        List<RtpStreamStats> list = new ArrayList<>();
        for (int layer = 0; layer < figures.length; layer++) {
            LocalFigures f = figures[layer];
            list.add(new RtpStreamStats(local.ssrc(layer), true, local.packetsSent(layer), local.bytesSent(layer),
                    f.reportedLost, f.reportedFraction, f.reportedJitterMillis, roundTripMillis,
                    f.nacksReceived.sum(), f.retransmissions.sum(), f.keyframeRequests.sum()));
        }
        return list;
    }

    /** @return each remote stream's figures */
    public List<RtpStreamStats> remoteStats() {
        List<RtpStreamStats> list = new ArrayList<>();
        for (Remote remote : remotes.values()) {
            synchronized (remote.stats) {
                ReceptionStatistics s = remote.stats;
                list.add(new RtpStreamStats(s.ssrc(), false, s.received(), s.bytes(), Math.max(0, s.cumulativeLost()),
                        s.lastFractionLost(), s.jitter() / 90.0, Double.NaN, remote.nacksSent.sum(),
                        remote.retransmissionsReceived.sum(),
                        remote.plisSent.sum()));
            }
        }
        return list;
    }
}
