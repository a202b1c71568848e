package dev.vc.relay;

import dev.vc.api.control.ControlMessage;
import dev.vc.relay.layers.ForwardedStream;
import dev.vc.transport.udp.rtcp.RtcpWriter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link MediaRouter}'s simulcast part: which layer of each sender every receiver gets, through a
 * {@link ForwardedStream} per (receiver, sender) held in the sender's {@link Fanout}.
 *
 * <ul>
 *   <li>{@link #onBound}: when a member binds, it and each bound room-mate get a stream of the other (target layer
 *       0), and the streams of members who left are dropped; {@link #reconcile} does the latter when a sender's
 *       room changed since (a departure), at its next datagram.</li>
 *   <li>{@link #forward}: one packet of one layer to every receiver whose stream takes it, each header rewritten in
 *       place for that receiver (SSRC, sequence number, timestamp; the caller's stage stamps the transport-wide
 *       number), just before its send. A receiver whose SRTP keys are not in yet ({@link Member#receivesMedia}) is
 *       passed over, its stream left as it is: started on a keyframe whose first packets the output drops for want
 *       of keys, it would hand the receiver the rest of that keyframe under numbers that show no loss, an IDR slice
 *       without the SPS and PPS its decoder needs. Its stream starts at the first keyframe after its keys, which
 *       the relay asks for then ({@link MediaRouter#applyKeyed}).</li>
 *   <li>{@link #target}: the policy hook. Layer selection sets the layer a receiver gets of a sender; a layer not
 *       being forwarded to it is asked of the sender with a PLI naming that layer's SSRC.</li>
 *   <li>Each sender's {@link Member#layersWanted} follows its streams (see {@link Fanout#wantedMask}); the control
 *       thread tells the sender ({@link LayersWantedNotifier}).</li>
 *   <li>{@link #requestKeyframe}: the relay's own PLIs, at most one per sender layer per second; one asked for
 *       sooner waits for the second to pass (a keyframe of the layer arriving meanwhile answers it).</li>
 * </ul>
 * Media thread only; allocates nothing per packet (streams are made at bindings).
 */
final class LayerForwarding {
    /** Shortest spacing of the relay's own keyframe requests for one layer of one sender. */
    static final long RELAY_PLI_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Longest a cut's keyframe request waits for the receiver's queue to drain. */
    static final long MAX_KEYFRAME_DEFERRAL_MILLIS = 500;
    /**
     * How much sooner than the receiver's queue takes to drain a cut's keyframe is asked for: about what the keyframe
     * takes to reach the receiver's bottleneck after the request (the PLI to the sender, the frame it waits for, 33 ms
     * at 30 fps, its encoding, its way through the relay), so it joins the queue as the queue empties rather than a
     * frame or two after, and the picture resumes that much sooner; a small layer's keyframe still finds the queue
     * mostly drained.
     */
    static final long KEYFRAME_LEAD_MILLIS = 100;

    private final MediaRouter.Output output;
    private final TransportCcRouting transportCc;
    private final byte[] pli = new byte[12];
    private final LongAdder keyframeRequests = new LongAdder();
    private final LongAdder layerSwitches = new LongAdder();
    private final LongAdder cuts = new LongAdder();
    private final LongAdder[] forwardedByLayer = new LongAdder[ControlMessage.MAX_LAYERS];
    private final PacedDownlinks paced = new PacedDownlinks();
    private final LongAdder pacedPackets = new LongAdder();
    private final LongAdder pacedEarly = new LongAdder();
    private final DownlinkPacer.Release release = new DownlinkPacer.Release() {
        @Override
        public void release(Member receiver, byte[] packet, int length, int transportAt, long nowNanos) {
            transportCc.stamp(receiver, packet, transportAt, length, nowNanos);
            send(packet, length, receiver);
        }

        @Override
        public void releasedEarly() {
            pacedEarly.increment();
        }
    };

    LayerForwarding(MediaRouter.Output output, TransportCcRouting transportCc) {
        this.output = output;
        this.transportCc = transportCc;
        for (int i = 0; i < forwardedByLayer.length; i++) {
            forwardedByLayer[i] = new LongAdder();
        }
    }

    /** @return PLIs the relay sent of its own (bindings, layer changes) */
    long keyframeRequests() {
        return keyframeRequests.sum();
    }

    /** @return times a receiver's stream of a sender started or changed layer */
    long layerSwitches() {
        return layerSwitches.sum();
    }

    /** @return times a receiver's layer was stopped at once for a smaller one, its downlink's queue full */
    long cuts() {
        return cuts.sum();
    }

    /** @return forwarded packets that waited in a receiver's pacer */
    long pacedPackets() {
        return pacedPackets.sum();
    }

    /** @return of those, packets that left before the budget allowed (waited the limit, or too many waited) */
    long pacedEarly() {
        return pacedEarly.sum();
    }

    /** @return RTP packets forwarded of each layer, all receivers together */
    long[] forwardedByLayer() {
        long[] counts = new long[forwardedByLayer.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = forwardedByLayer[i].sum();
        }
        return counts;
    }

    /**
     * {@code member}'s media address was bound: it and every bound room-mate get a stream of each other, the
     * streams of those who left go, and every sender's wanted layers are brought up to date.
     */
    void onBound(Member member) {
        Room room = member.room;
        for (Member other : room.snapshot()) {
            if (other != member && other.mediaAddress != null) {
                other.fanout.add(other, member);
                member.fanout.add(member, other);
            }
        }
        for (Member sender : room.snapshot()) {
            sender.fanout.retain(room);
            publishWanted(sender);
        }
    }

    /** If {@code sender}'s room changed since its streams were last matched to it, drops those of leavers. */
    void reconcile(Member sender) {
        if (sender.fanout.stale(sender.room)) {
            sender.fanout.retain(sender.room);
            publishWanted(sender);
        }
    }

    /**
     * Forwards one packet of {@code sender}'s layer {@code layer} to every receiver whose stream takes it.
     *
     * @param packet        the packet, from offset 0; its header is rewritten for each receiver in turn
     * @param switchPoint   whether a receiver may start or switch onto this layer here
     * @param transportAt   where its transport-wide sequence number is, or {@code TransportSequenceNumber.ABSENT}
     */
    void forward(Member sender, int layer, byte[] packet, int length, int sequence, int timestamp, boolean switchPoint,
                 int transportAt, long now) {
        long due = sender.relayPliDueNanos[layer];
        if (due != Long.MAX_VALUE) {
            if (switchPoint) {
                sender.relayPliDueNanos[layer] = Long.MAX_VALUE;  // the keyframe that came serves whoever was waiting
            } else if (now - due >= 0) {
                sendPli(sender, layer, now);
            }
        }
        boolean switched = false;
        for (Member receiver : sender.room.snapshot()) {
            ForwardedStream stream = receiver == sender ? null : sender.fanout.stream(receiver);
            if (stream == null || !receiver.receivesMedia()) {
                continue;   // before its keys its stream does not start: on a keyframe its output would drop
            }
            int before = stream.current();
            long older = stream.olderThanRun();
            if (!stream.forward(packet, 0, layer, sequence, timestamp, switchPoint, now)) {
                if (stream.olderThanRun() != older) {
                    receiver.drops.add(DropReason.OLDER_THAN_RUN);
                }
                continue;                               // not the layer this receiver gets
            }
            if (stream.current() != before) {
                layerSwitches.increment();
                switched = true;
            }
            forwardedByLayer[layer].increment();
            if (receiver.pacer.admits(length, now)) {
                transportCc.stamp(receiver, packet, transportAt, length, now);
                send(packet, length, receiver);
            } else {
                if (receiver.pacer.hold(packet, length, transportAt, now, release)) {
                    paced.add(receiver.pacer);
                }
                pacedPackets.increment();
            }
        }
        if (switched) {
            publishWanted(sender);
        }
    }

    /**
     * The policy hook: from now on {@code receiver} is to get {@code layer} of {@code sender}'s layers, from the
     * next keyframe of it on (until then the layer it gets keeps flowing). A layer beyond the sender's is its last
     * (a single-layer sender's receivers always get layer 0); {@link ForwardedStream#NO_LAYER} stops forwarding at
     * once. When the layer is not the one being forwarded, the sender is asked for a keyframe of it (a PLI naming
     * the layer's SSRC, at most one per layer per second); the sender's wanted layers follow. Media thread only.
     *
     * @param layer a layer index from 0, or {@link ForwardedStream#NO_LAYER}
     * @return false if {@code receiver} has no stream of {@code sender} (not both bound in one room): nothing done
     * @throws IllegalArgumentException if {@code layer} is below {@link ForwardedStream#NO_LAYER}
     */
    boolean target(Member receiver, Member sender, int layer, long now) {
        return target(receiver, sender, layer, false, now);
    }

    /**
     * As {@link #target(Member, Member, int, long)}; with {@code atOnce} the layer being forwarded stops now
     * ({@link ForwardedStream#cutTo}) instead of flowing until the new layer's keyframe (counted in {@link #cuts}),
     * and the keyframe of the new layer is asked for once the receiver's bottleneck queue has had time to drain:
     * after its {@linkplain dev.vc.transport.udp.cc.SendSideBandwidthEstimator#queueingDelayMicros queueing
     * delay} (at most {@value #MAX_KEYFRAME_DEFERRAL_MILLIS} ms) less the {@value #KEYFRAME_LEAD_MILLIS} ms the
     * keyframe takes to come. A cut answers a full queue; a keyframe asked for
     * at once would arrive while the queue still holds what went before, be partly dropped there, and the picture
     * would wait for another; nothing reaches the receiver of that sender in the meantime, so the queue empties.
     */
    boolean target(Member receiver, Member sender, int layer, boolean atOnce, long now) {
        if (layer < ForwardedStream.NO_LAYER) {
            throw new IllegalArgumentException("no layer " + layer);
        }
        ForwardedStream stream = receiver == sender ? null : sender.fanout.stream(receiver);
        if (stream == null) {
            return false;
        }
        int wanted = Math.min(layer, sender.layerCount() - 1);
        if (stream.target() != wanted || atOnce && stream.current() != wanted) {
            if (!atOnce) {
                stream.target(wanted);
            } else if (stream.cutTo(wanted)) {
                cuts.increment();
            }
            if (wanted != ForwardedStream.NO_LAYER && wanted != stream.current()) {
                if (atOnce) {
                    long queueMillis = receiver.congestion.downlinkEstimator().queueingDelayMicros() / 1000;
                    long waitMillis = Math.max(0,
                            Math.min(queueMillis, MAX_KEYFRAME_DEFERRAL_MILLIS) - KEYFRAME_LEAD_MILLIS);
                    requestKeyframeAfter(sender, wanted, TimeUnit.MILLISECONDS.toNanos(waitMillis), now);
                } else {
                    requestKeyframe(sender, wanted, now);
                }
            }
            publishWanted(sender);
        }
        return true;
    }

    /**
     * Asks {@code sender} for a keyframe of {@code layer} with a PLI from the relay's SSRC, unless it is not bound.
     * If one went less than {@link #RELAY_PLI_INTERVAL_NANOS} ago, the request waits: it goes with the sender's first
     * packet of the layer after the interval, unless a keyframe of the layer comes first (it serves the request).
     * Without that, a second member joining within a second of another would wait for the sender's periodic
     * keyframe: a stream of a sender with several layers starts only at a keyframe, so nothing reaches it that
     * would make its decoder ask.
     */
    void requestKeyframe(Member sender, int layer, long now) {
        requestKeyframeAfter(sender, layer, 0, now);
    }

    /**
     * As {@link #requestKeyframe}, no sooner than {@code delayNanos} from now: the request waits as one within the
     * interval does (a keyframe of the layer arriving meanwhile answers it), and a request already waiting waits as
     * long.
     */
    private void requestKeyframeAfter(Member sender, int layer, long delayNanos, long now) {
        if (sender.mediaAddress == null) {
            return;
        }
        long due = Math.max(now + delayNanos, sender.lastRelayPliNanos[layer] + RELAY_PLI_INTERVAL_NANOS);
        long waiting = sender.relayPliDueNanos[layer];
        if (waiting != Long.MAX_VALUE && waiting - due > 0) {
            due = waiting;
        }
        if (due - now > 0) {
            sender.relayPliDueNanos[layer] = due;
        } else {
            sendPli(sender, layer, now);
        }
    }

    private void sendPli(Member sender, int layer, long now) {
        sender.relayPliDueNanos[layer] = Long.MAX_VALUE;
        sender.lastRelayPliNanos[layer] = now;
        keyframeRequests.increment();  // before sending, so whoever sees the PLI sees it counted
        send(pli, RtcpWriter.pli(pli, 0, MediaRouter.RELAY_SSRC, sender.layerSsrc(layer)), sender);
    }

    /**
     * Asks every sending room-mate of {@code joiner} for a keyframe of the layer the joiner's stream of it awaits,
     * so the joiner can start decoding.
     */
    void requestKeyframesFor(Member joiner, long now) {
        for (Member sender : joiner.room.snapshot()) {
            if (sender == joiner || sender.lastMediaNanos == 0) {
                continue;
            }
            ForwardedStream stream = sender.fanout.stream(joiner);
            int layer = stream == null ? 0 : stream.target();
            if (layer != ForwardedStream.NO_LAYER) {
                requestKeyframe(sender, layer, now);
            }
        }
    }

    /** Brings {@code sender}'s wanted layers up to date: its receivers' and its egress forwards'. */
    static void publishWanted(Member sender) {
        int mask = sender.fanout.wantedMask(sender.room, sender) | sender.egressLayers;
        if (mask != sender.layersWanted) {
            sender.layersWanted = mask;
        }
    }

    /** @return true while a receiver's pacer holds packets (the media thread then selects with a short timeout) */
    boolean pacing() {
        return paced.any();
    }

    /** Sends the packets receivers' pacers let go by now. */
    void pumpPacers(long now) {
        paced.pump(now, release);
    }

    private void send(byte[] data, int length, Member receiver) {
        java.net.InetSocketAddress to = receiver.mediaAddress;
        if (to != null) {
            output.send(data, length, to, receiver);
        }
    }
}
