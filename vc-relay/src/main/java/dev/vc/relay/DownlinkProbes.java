package dev.vc.relay;

import dev.vc.relay.layers.ForwardedStream;
import dev.vc.transport.udp.cc.ProbeCluster;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import dev.vc.transport.udp.rtp.PaddingPacketWriter;

import java.util.concurrent.atomic.LongAdder;

/**
 * Probes receivers' downlinks: when a receiver's estimator asks for a probe cluster (its views want more than
 * the estimate, see {@link LayerSelection}; and twice at the start), the relay sends that receiver padding-only
 * packets at the cluster's rate, each with the receiver's next transport-wide number, logged with the cluster's id.
 * They travel as libwebrtc's do, on an RTX SSRC: that of one of the streams the receiver gets
 * ({@link ForwardedStream#padding}: the first room-mate's stream that has forwarded something, chosen when the
 * cluster starts), numbered with that stream's retransmissions, so each SSRC the receiver sees keeps one sequence
 * space and its SRTP context ({@link SrtpOutput}) gives every probe an index of its own. A receiver no stream
 * reaches yet gets no cluster (there is nothing to probe for). The media thread cannot wait, so a cluster goes
 * out in steps, paced: whenever a media packet arrives and, while any cluster is in flight ({@link #probing}),
 * at least every millisecond (the media thread's select wakes that often), each receiver with a cluster in flight
 * gets the padding due by then ({@link #pump}). Media forwarded to the receiver while its cluster is in flight is
 * logged as part of the cluster and counts towards its rate: padding only fills what the media leaves of the
 * cluster's rate over its duration (as libwebrtc's prober counts the media it paces), so the link sees the rate
 * probed, not that rate on top of the media, and the cluster measures everything that crossed the link in its time. The receiver records the padding for its feedback and drops it; the estimator reads the rate that arrived, and a higher estimate lets the receiver move up a layer.
 * No cluster starts while the receiver's downlink queues (its delay detector not {@code NORMAL}: a queue growing
 * or draining), and one in flight is cut short when it starts to: padding must not deepen a queue the media
 * already fills (the estimator's own rule, no cluster within 3 s of an over-use, only sees over-use once the
 * queue has grown).
 *
 * <p>Media thread only; nothing allocated per packet (one buffer; a member's cluster state is made once).
 */
final class DownlinkProbes {
    /** Bytes of padding per packet: as much as one packet carries, so a cluster needs few packets. */
    static final int PADDING = PaddingPacketWriter.MAX_PADDING;
    /** Size of each probe packet. */
    static final int PACKET_BYTES = PaddingPacketWriter.HEADER_LENGTH + PADDING;

    /** One receiver's cluster in flight. */
    static final class Pending {
        ProbeCluster cluster;
        /** The stream whose RTX SSRC the cluster travels on. */
        ForwardedStream stream;
        /** Padding packets sent in it so far. */
        int sent;
        long startNanos;
    }

    private final MediaRouter.Output output;
    private final byte[] packet = new byte[PACKET_BYTES];
    private final LongAdder clusters = new LongAdder();
    private final LongAdder packetsSent = new LongAdder();
    /** Clusters started and not yet ended, all receivers together: while there are none, {@link #pump} does nothing. */
    private int inFlight;
    /** The receivers with a cluster in flight, the first {@link #inFlight}; grown (rarely) by doubling. */
    private Member[] active = new Member[16];

    DownlinkProbes(MediaRouter.Output output) {
        this.output = output;
    }

    /** @return probe clusters started */
    long clusters() {
        return clusters.sum();
    }

    /** @return padding packets sent */
    long packets() {
        return packetsSent.sum();
    }

    /**
     * Starts a cluster for {@code receiver} if its estimator wants one and none is in flight. Called from each
     * layer-selection round, after the receiver's wanted rate was set.
     *
     * @param receiver a bound member
     * @param now      the relay's clock
     */
    void maybeStart(Member receiver, long now) {
        Pending pending = receiver.probe;
        if (pending != null && pending.cluster != null) {
            return;
        }
        if (receiver.congestion.downlinkQueueing()) {
            return;
        }
        ForwardedStream stream = probeStream(receiver);
        if (stream == null) {
            return;
        }
        ProbeCluster cluster = receiver.congestion.probeDue(now);
        if (cluster == null) {
            return;
        }
        if (pending == null) {
            pending = receiver.probe = new Pending();
        }
        pending.cluster = cluster;
        pending.stream = stream;
        pending.sent = 0;
        pending.startNanos = now;
        clusters.increment();
        if (inFlight == active.length) {
            active = java.util.Arrays.copyOf(active, 2 * active.length);
        }
        active[inFlight] = receiver;
        receiver.congestion.clusterInFlight(cluster.id());
        send(receiver, inFlight++, now);
    }

    /** @return true while some receiver has a cluster in flight: the media thread then wakes every millisecond */
    boolean probing() {
        return inFlight > 0;
    }

    /**
     * Sends every receiver with a cluster in flight the padding due by now.
     *
     * @param now the relay's clock
     */
    void pump(long now) {
        for (int i = inFlight - 1; i >= 0; i--) {  // backwards: an ended cluster swaps the last one into its place
            Member receiver = active[i];
            if (receiver.mediaAddress == null) {
                end(i);  // unbound: the cluster ends unsent
            } else {
                send(receiver, i, now);
            }
        }
    }

    private void send(Member receiver, int index, long now) {
        Pending pending = receiver.probe;
        ProbeCluster cluster = pending.cluster;
        long duration = cluster.durationMicros() * 1_000;
        long elapsed = Math.min(now - pending.startNanos, duration);
        boolean cutShort = pending.sent > 0 && receiver.congestion.downlinkQueueing();  // a queue builds or drains
        if (!cutShort) {
            // What the cluster's rate allows by now, one packet ahead; media forwarded meanwhile counts too.
            long due = PACKET_BYTES + cluster.bitrateBps() * elapsed / 8_000_000_000L;
            while (receiver.congestion.clusterBytes() + PACKET_BYTES <= due) {
                int length = pending.stream.padding(PADDING, packet, 0);
                int at = TransportSequenceNumber.locate(packet, 0, length, TransportSequenceNumber.DEFAULT_ID);
                receiver.congestion.stampDownlink(packet, at, length, now, cluster.id());
                output.send(packet, length, receiver.mediaAddress, receiver);
                pending.sent++;
                packetsSent.increment();
            }
        }
        if (cutShort || elapsed == duration) {
            receiver.congestion.onProbeSent(cluster.id());
            end(index);
        }
    }

    private void end(int index) {
        Member receiver = active[index];
        receiver.probe.cluster = null;
        receiver.probe.stream = null;
        receiver.congestion.clusterInFlight(ProbeCluster.NONE);
        active[index] = active[--inFlight];
        active[inFlight] = null;
    }

    /**
     * @return the first stream of a room-mate that {@code receiver} gets and that {@link
     *         ForwardedStream#carriesProbes() carries probes}, or null
     */
    private static ForwardedStream probeStream(Member receiver) {
        for (Member sender : receiver.room.snapshot()) {
            ForwardedStream stream = sender == receiver ? null : sender.fanout.stream(receiver);
            if (stream != null && stream.carriesProbes()) {
                return stream;
            }
        }
        return null;
    }
}
