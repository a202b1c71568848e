package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.cc.ProbeCluster;
import dev.vc.transport.udp.internal.control.CongestionControl;
import dev.vc.transport.udp.rtp.PaddingPacketWriter;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtpSequence;

/**
 * Sends the probe clusters the congestion control asks for, after a frame: each cluster as padding-only packets
 * of {@value PaddingPacketWriter#MAX_LENGTH} bytes ({@link PaddingPacketWriter}) with layer 0's SSRC and payload
 * type but a sequence space of their own (the relay drops padding after recording it, so these numbers never
 * reach a receiver and the media's stay continuous), held to the cluster's rate (the sending thread waits; the
 * pacer's bucket is not charged), stamped with the transport-wide sequence number and the cluster's id, then
 * passed to {@link #next} (the socket writer, which counts them as padding). Drops nothing; allocates only the
 * cluster the estimator hands out, a few times a minute.
 */
final class ProbeClusterSender {
    private final CongestionControl congestion;
    private final RtpPacketWriter primary;
    private final SendClock clock;
    private final ChainCounters counters;
    private final SendStage next;
    private final byte[] packet = new byte[PaddingPacketWriter.MAX_LENGTH];
    private int sequence;

    /**
     * @param congestion      asks for clusters, stamps and logs their packets
     * @param primary         layer 0's writer, whose SSRC and payload type the padding carries
     * @param clock           paces the cluster
     * @param initialSequence the padding's first RTP sequence number
     * @param counters        counts the clusters
     * @param next            where the packets go: the socket writer
     */
    ProbeClusterSender(CongestionControl congestion, RtpPacketWriter primary, SendClock clock, int initialSequence,
                       ChainCounters counters, SendStage next) {
        this.congestion = congestion;
        this.primary = primary;
        this.clock = clock;
        this.sequence = initialSequence;
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
        long start = clock.nanoTime();
        for (int i = 0; i < packets; i++) {
            long wait = start + i * spacing - clock.nanoTime();
            if (wait > 0) {
                clock.sleepNanos(wait);
            }
            int length = PaddingPacketWriter.write(packet, 0, primary.payloadType(), sequence, timestamp,
                    primary.ssrc(), 0, PaddingPacketWriter.MAX_PADDING);
            sequence = RtpSequence.next(sequence);
            congestion.stamp(packet, 0, length, clock.nanoTime(), cluster.id());
            next.accept(packet, 0, length);
        }
        congestion.onProbeSent(cluster.id());
        counters.probeClusterSent();
    }
}
