package dev.vc.relay;

import dev.vc.relay.layers.ForwardedStream;
import dev.vc.relay.layers.LayerCaps;
import dev.vc.relay.layers.LayerSelector;
import dev.vc.transport.udp.rtcp.RtcpWriter;

import java.util.concurrent.atomic.LongAdder;

/**
 * Caps what each sender sends of each simulcast layer to what the receivers of that layer can take, with RFC 5104
 * TMMBR; a stage of each {@link LayerSelection} round (every 250 ms per room):
 *
 * <ol>
 *   <li>{@link #beginRound}: counts, per sender layer, the receivers set to get it (which layers are exclusive to
 *       one receiver, see {@link LayerCaps#cost}).</li>
 *   <li>{@link #offer}, after a receiver's layers were chosen: each sender layer it is forwarded gets the
 *       receiver's budget for it, the layer's cost plus an equal share of what the receiver's downlink estimate
 *       leaves once every chosen layer is paid for (less, when the chosen layers are already above the estimate):
 *       {@code cost + (estimate - sum of chosen costs) / chosen senders}, the estimator's start rate standing for the
 *       estimate until the receiver's first feedback.</li>
 *   <li>{@link #endRound}: a layer's cap is the largest budget offered, at least its floor; none when a receiver
 *       would take the layer's stated rate or nobody gets the layer. A TMMBR goes to the sender for the layer's
 *       SSRC when the cap moves by more than 10 %, is lifted (a TMMBR at {@code vc.relay.max.bitrate}, the most the
 *       relay accepts of a member anyway) or every 1.5 s while the layer was ever capped. A layer's first round sends
 *       a lifting whatever its cap: the question whether the sender follows caps at all.</li>
 * </ol>
 *
 * The sender answers with a TMMBN ({@link #onNotification}), which ends at the relay and marks the sender as one
 * that follows caps. Media thread only; nothing allocated per round (one packet buffer).
 */
final class LayerBitrateCaps {
    /**
     * Share of its estimate a receiver offers while its downlink's delay detector sees a queue (growing or
     * draining): the estimate was cut to 0.85 x what arrived, which drains the queue slowly; capping below it for
     * the moment empties it sooner.
     */
    static final double DRAIN_SHARE = 0.85;
    /** Per-packet overhead below RTP the caps count (IPv4 20 + UDP 8 bytes): RFC 5104's measured overhead. */
    static final int OVERHEAD_BYTES = 28;

    private final MediaRouter.Output output;
    private final long liftedBps;
    private final byte[] packet = new byte[20];
    private final LongAdder requests = new LongAdder();
    private final LongAdder notifications = new LongAdder();

    /**
     * @param output    where TMMBRs go
     * @param liftedBps the rate a TMMBR lifting a cap names: the most the relay accepts of a member
     */
    LayerBitrateCaps(MediaRouter.Output output, long liftedBps) {
        this.output = output;
        this.liftedBps = liftedBps;
    }

    /** @return TMMBRs sent (caps and liftings) */
    long requests() {
        return requests.sum();
    }

    /** @return TMMBNs received from senders */
    long notifications() {
        return notifications.sum();
    }

    /**
     * Starts a round: forgets the last one's budgets and counts who is set to get which layer.
     *
     * @param members the room
     */
    void beginRound(Member[] members) {
        for (Member sender : members) {
            sender.caps.beginRound();
        }
        for (Member receiver : members) {
            for (Member sender : members) {
                ForwardedStream stream = sender == receiver ? null : sender.fanout.stream(receiver);
                if (stream != null && stream.target() != ForwardedStream.NO_LAYER) {
                    sender.caps.countReceiver(stream.target());
                }
            }
        }
    }

    /**
     * @param sender   a sender
     * @param layer    one of its layers
     * @param current  the layer the receiver asking is set to get now
     * @return what the layer costs that receiver ({@link LayerCaps#cost})
     */
    static long cost(Member sender, int layer, int current) {
        return sender.caps.cost(layer, current, sender.rates.bitrateBps(layer));
    }

    /**
     * @param sender a sender
     * @param layer  one of its layers
     * @return what the layer would take of a receiver's downlink: its measured rate, or while a cap holds it
     *         down, its stated rate if that is more (what the receiver's downlink is probed for)
     */
    static long wanted(Member sender, int layer) {
        long measured = sender.rates.bitrateBps(layer);
        long stated = sender.caps.maxBps(layer);
        return sender.caps.inForce(layer) == LayerCaps.NO_CAP || stated == Long.MAX_VALUE ? measured
                : Math.max(measured, stated);
    }

    /**
     * Offers one receiver's budgets for the layers chosen for it.
     *
     * @param estimateBps what the receiver's downlink is taken to carry ({@link MemberCongestion#downlinkBudgetBps}),
     *                    or 0 while it overflows
     * @param queueing    whether its downlink's delay detector sees a queue
     * @param candidates  its candidates after {@link LayerSelector#select}
     * @param senders     the senders they describe
     * @param count       how many
     * @param totalBps    what {@link LayerSelector#select} returned: the sum of the chosen layers' costs
     */
    void offer(long estimateBps, boolean queueing, LayerSelector.Candidate[] candidates, Member[] senders, int count,
               long totalBps) {
        long estimate = queueing ? (long) (estimateBps * DRAIN_SHARE) : estimateBps;
        int chosen = 0;
        for (int i = 0; i < count; i++) {
            if (candidates[i].chosen() != ForwardedStream.NO_LAYER) {
                chosen++;
            }
        }
        for (int i = 0; i < count; i++) {
            LayerSelector.Candidate c = candidates[i];
            int layer = c.chosen();
            if (layer == ForwardedStream.NO_LAYER) {
                continue;
            }
            senders[i].caps.offer(layer, c.bitrateBps(layer) + (estimate - totalBps) / chosen);
        }
    }

    /**
     * Ends a round: sends each bound sender the TMMBRs due.
     *
     * @param members the room
     * @param now     the relay's clock
     */
    void endRound(Member[] members, long now) {
        for (Member sender : members) {
            if (sender.mediaAddress == null) {
                continue;
            }
            for (int layer = 0; layer < sender.layerCount(); layer++) {
                long due = sender.caps.due(layer, now);
                if (due != LayerCaps.NOTHING_DUE) {
                    int length = RtcpWriter.tmmbr(packet, 0, MediaRouter.RELAY_SSRC, sender.layerSsrc(layer),
                            due == LayerCaps.NO_CAP ? liftedBps : due, OVERHEAD_BYTES);
                    output.send(packet, length, sender.mediaAddress, sender);
                    requests.increment();
                }
            }
        }
    }

    /**
     * A sender answered with a TMMBN: it follows caps.
     *
     * @param sender who
     */
    void onNotification(Member sender) {
        notifications.increment();
        sender.caps.followed();
    }
}
