package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.cc.ProbeCluster;
import dev.vc.transport.udp.internal.control.CongestionControl;
import dev.vc.transport.udp.rtp.PaddingPacketWriter;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtxPacket;
import dev.vc.transport.udp.rtp.RtxPacketWriter;

/**
 * Sends the probe clusters the congestion control asks for, after a frame: each cluster as padding-only packets
 * of {@value PaddingPacketWriter#MAX_LENGTH} bytes on layer 0's RTX stream (RFC 4588, as libwebrtc probes:
 * {@link RtxPacketWriter#padding}, the RTX SSRC and payload type, numbered by the counter its retransmissions use,
 * so the media's numbers stay continuous and, under SRTP, each SSRC keeps one packet index space), held to the
 * cluster's rate (the sending thread waits; the pacer's bucket is not charged), stamped with the transport-wide
 * sequence number and the cluster's id, then passed to {@link #next} (on an encrypted hop the SRTP protect stage,
 * then the socket writer, which counts them as padding). Drops nothing; allocates only the cluster the estimator
 * hands out, a few times a minute.
 */
final class ProbeClusterSender {
    private final CongestionControl congestion;
    private final RtpPacketWriter primary;
    private final RtxPacketWriter rtx;
    private final SendClock clock;
    private final ChainCounters counters;
    private final SendStage next;
    private final byte[] packet = new byte[PaddingPacketWriter.MAX_LENGTH];

    /**
     * @param congestion asks for clusters, stamps and logs their packets
     * @param primary    layer 0's writer, whose payload type (its RTX payload type) and clock the padding follows
     * @param rtx        layer 0's RTX stream, whose SSRC and numbers the padding carries
     * @param clock      paces the cluster
     * @param counters   counts the clusters
     * @param next       where the packets go: the socket writer, behind SRTP on an encrypted hop
     */
    ProbeClusterSender(CongestionControl congestion, RtpPacketWriter primary, RtxPacketWriter rtx, SendClock clock,
                       ChainCounters counters, SendStage next) {
        this.congestion = congestion;
        this.primary = primary;
        this.rtx = rtx;
        this.clock = clock;
        this.counters = counters;
        this.next = next;
    }

    /**
     * Sends every cluster that is due now.
     *
     * @param timestamp the RTP timestamp the padding carries (the frame just sent)
     */
    void sendDue(int timestamp) {
        ProbeCluster cluster;
        while ((cluster = congestion.probeDue(clock.nanoTime())) != null) {
            send(cluster, timestamp);
        }
    }

    private void send(ProbeCluster cluster, int timestamp) {
        int packets = cluster.packets(PaddingPacketWriter.MAX_LENGTH);
        long spacing = cluster.spacingNanos(PaddingPacketWriter.MAX_LENGTH);
        // vc's payload types all have an RTX payload type (PayloadTypes: JPEG's 35, H.264's pair)
        int payloadType = RtxPacket.payloadTypeFor(primary.payloadType());
        long start = clock.nanoTime();
        for (int i = 0; i < packets; i++) {
            long wait = start + i * spacing - clock.nanoTime();
            if (wait > 0) {
                clock.sleepNanos(wait);
            }
            int length = rtx.padding(payloadType, timestamp, PaddingPacketWriter.MAX_PADDING, packet, 0);
            congestion.stamp(packet, 0, length, clock.nanoTime(), cluster.id());
            next.accept(packet, 0, length);
        }
        congestion.onProbeSent(cluster.id());
        counters.probeClusterSent();
    }
}
