package dev.vc.relay;

import dev.vc.api.control.ControlMessage;
import dev.vc.relay.layers.ForwardedStream;
import dev.vc.relay.layers.LayerSelector;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides, for every receiver, which layer of each sender it gets: every {@link #INTERVAL_NANOS}, per room, at the
 * first media packet of the room after that, it fills a {@link LayerSelector.Candidate} per sender (the sender's
 * layer costs from its {@link dev.vc.relay.layers.LayerRates}, the sizes its join stated, the size the receiver
 * shows it at from {@link ViewSizes}, the layer the receiver gets now), runs the {@link LayerSelector} against the
 * receiver's downlink estimate (the estimator's start rate until its first feedback, see
 * {@link MemberCongestion#downlinkBudgetBps}), and sets what changed through {@link LayerForwarding#target}.
 * Upgrades (and a sender coming back) are allowed at most every {@link #UPGRADE_INTERVAL_NANOS} per receiver, so a receiver near
 * its capacity causes at most one keyframe of a higher layer per two seconds; downgrades happen at once. A receiver
 * whose downlink is {@linkplain MemberCongestion#downlinkOverflowing overflowing} (a tenth of what was sent lost,
 * or a quarter of one feedback message's packets: its bottleneck's queue is full) gets every sender's smallest layer at once, whatever its estimate, and no upgrade
 * until two seconds after the loss has gone: a small layer's keyframe gets through a full queue soonest and its low
 * rate empties the queue, where the estimate, which falls over the next second, would keep the layer that overflows
 * it. When that loss comes with a growing queue (the delay detector over-using, as at a full drop-tail queue rather
 * than on a lossy but idle link), the larger layer stops at once instead of flowing until the small layer's
 * keyframe ({@link LayerForwarding#target(Member, Member, int, boolean, long)}): its packets would only be dropped
 * at the full queue or hold the keyframe up behind them, and the receiver's picture, already missing packets,
 * waits for that keyframe anyway. A {@linkplain MemberCongestion#downlinkSurging surge} (the queueing delay at 200 ms
 * or more and grown by 100 ms over 200 ms of feedback: twice what a narrowed link carries sent into it) is answered the
 * same way, a cut included, before the queue is full: a feedback interval or two after it starts, where the loss
 * shows only once the queue has filled and the trendline needs several intervals. A layer
 * its sender stopped sending while the relay asks for it (its uplink cannot carry it) is priced out of reach until
 * it flows again ({@link LayerSelector.Candidate#stopped}), so its receivers move to a layer that flows instead
 * of waiting for it. A sender that has sent nothing at all for two seconds (its camera is off, or it only receives:
 * {@link dev.vc.relay.layers.LayerRates#silent}) costs nothing at the layer the receiver is set to get and below, and
 * asks for no probing, so the senders that do send get the room; a larger layer of it still costs what it measured
 * (the receiver is not moved up, at the price of a keyframe and an upgrade's turn, for a sender that sends
 * nothing), and its layers cost what they measure again from the first sample after it resumes.
 *
 * <p>It also tells each receiver's downlink estimator what the receiver's views would take (the layers they ask
 * for): while the estimate is below it, {@link DownlinkProbes} probes the downlink with padding, so capacity that
 * comes back is found and the receiver moves up again. Senders are taken in the room's join order, which is
 * their priority when not every one fits.
 *
 * <p>Each round also caps what senders send of each layer to what its receivers can take ({@link
 * LayerBitrateCaps}, TMMBR): the round starts by counting who gets which layer, each receiver's selection offers its
 * budgets, and the round ends by sending the caps that changed.
 *
 * <p>Media thread only; the candidate arrays are made once per member, so a round allocates nothing.
 */
final class LayerSelection {
    /** How often each room's receivers are looked at. */
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Least time between two upgrades of one receiver's layers. */
    static final long UPGRADE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** What a {@linkplain dev.vc.relay.layers.LayerRates#silent silent} sender's current layer costs: nothing flows. */
    private static final long SILENT_COST_BPS = 1;

    private final LayerSelector selector = new LayerSelector();
    private final LayerForwarding forwarding;
    private final DownlinkProbes probes;
    private final LayerBitrateCaps caps;
    private final int maxRoomSize;
    private final LongAdder rounds = new LongAdder();
    private final LongAdder upgrades = new LongAdder();
    private final LongAdder downgrades = new LongAdder();

    /**
     * @param forwarding  sets the layers chosen
     * @param probes      probes a receiver's downlink when its estimator asks
     * @param caps        caps the senders' layers to what their receivers can take
     * @param maxRoomSize most members a room holds: each receiver's candidates are made this many
     */
    LayerSelection(LayerForwarding forwarding, DownlinkProbes probes, LayerBitrateCaps caps, int maxRoomSize) {
        this.forwarding = forwarding;
        this.probes = probes;
        this.caps = caps;
        this.maxRoomSize = maxRoomSize;
    }

    /** @return selection rounds run (one per room per interval) */
    long rounds() {
        return rounds.sum();
    }

    /** @return times a receiver was moved to a larger layer of a sender, or a sender came back to it */
    long upgrades() {
        return upgrades.sum();
    }

    /** @return times a receiver was moved to a smaller layer of a sender, or a sender was left out */
    long downgrades() {
        return downgrades.sum();
    }

    /**
     * Runs a round for {@code room} if its interval has passed. Called with each media packet of the room.
     *
     * @param room the sender's room
     * @param now  the relay's clock
     */
    void maybeRun(Room room, long now) {
        if (now - room.nextLayerSelectionNanos < 0) {
            return;
        }
        room.nextLayerSelectionNanos = now + INTERVAL_NANOS;
        rounds.increment();
        Member[] members = room.snapshot();
        for (Member sender : members) {
            sender.rates.sample(now, sender.layersWanted);
        }
        caps.beginRound(members);
        for (Member receiver : members) {
            if (receiver.mediaAddress != null) {
                select(receiver, members, now);
            }
        }
        caps.endRound(members, now);
    }

    private void select(Member receiver, Member[] members, long now) {
        if (receiver.layerCandidates == null) {
            receiver.layerCandidates = new LayerSelector.Candidate[maxRoomSize];
            receiver.layerSenders = new Member[maxRoomSize];
        }
        LayerSelector.Candidate[] candidates = receiver.layerCandidates;
        Member[] senders = receiver.layerSenders;
        int count = 0;
        for (Member sender : members) {
            ForwardedStream stream = sender == receiver ? null : sender.fanout.stream(receiver);
            if (stream == null || count == candidates.length) {
                continue;
            }
            if (candidates[count] == null) {
                candidates[count] = new LayerSelector.Candidate();
            }
            describe(candidates[count], sender, receiver.viewSizes.get(sender.id), stream.target());
            senders[count++] = sender;
        }
        boolean surging = receiver.congestion.downlinkSurging();
        boolean overflowing = surging || receiver.congestion.downlinkOverflowing();
        if (overflowing) {
            receiver.lastLayerUpgradeNanos = now;    // no way back up until it has been clean for a while
        }
        boolean mayUpgrade = !overflowing && now - receiver.lastLayerUpgradeNanos >= UPGRADE_INTERVAL_NANOS;
        boolean queueFull = surging || overflowing && receiver.congestion.downlinkQueueing();
        long estimate = overflowing ? 0 : receiver.congestion.downlinkBudgetBps();
        long total = selector.select(estimate, candidates, count, mayUpgrade);
        caps.offer(estimate, receiver.congestion.downlinkQueueing(), candidates, senders, count, total);
        boolean upgraded = false;
        long wanted = 0;
        for (int i = 0; i < count; i++) {
            LayerSelector.Candidate c = candidates[i];
            Member sender = senders[i];
            senders[i] = null;  // no reference to a leaver kept
            if (c.preferred() != ForwardedStream.NO_LAYER && !sender.rates.silent()) {
                wanted += LayerBitrateCaps.wanted(sender, c.preferred());
            }
            int current = c.current();
            int chosen = c.chosen();
            if (queueFull && forwardingLarger(sender, receiver, chosen)) {
                forwarding.target(receiver, sender, chosen, true, now);
            }
            if (chosen == current) {
                continue;
            }
            boolean up = current == ForwardedStream.NO_LAYER || (chosen != ForwardedStream.NO_LAYER && chosen < current);
            (up ? upgrades : downgrades).increment();
            upgraded |= up;
            forwarding.target(receiver, sender, chosen, now);
        }
        if (upgraded) {
            receiver.lastLayerUpgradeNanos = now;
        }
        receiver.congestion.setDownlinkWantedBps(wanted);
        probes.maybeStart(receiver, now);
    }

    /** @return whether {@code receiver} is being forwarded a larger layer of {@code sender} than {@code chosen} */
    private static boolean forwardingLarger(Member sender, Member receiver, int chosen) {
        ForwardedStream stream = sender.fanout.stream(receiver);
        int forwarded = stream == null ? ForwardedStream.NO_LAYER : stream.current();
        return chosen != ForwardedStream.NO_LAYER && forwarded != ForwardedStream.NO_LAYER && chosen > forwarded;
    }

    private static void describe(LayerSelector.Candidate c, Member sender, long view, int current) {
        c.layers(sender.layerCount());
        boolean silent = sender.rates.silent();
        for (int k = 0; k < sender.layerCount(); k++) {
            ControlMessage.Layer stated = sender.layers.get(k);
            boolean free = silent && k >= current;   // the current layer and smaller ones (any, with none set)
            c.layer(k, free ? SILENT_COST_BPS : LayerBitrateCaps.cost(sender, k, current), stated.width(),
                    stated.height());
            if (sender.rates.stopped(k)) {
                c.stopped(k);
            }
        }
        if (view == ViewSizes.UNKNOWN) {
            c.view(-1, -1);
        } else {
            c.view(ViewSizes.width(view), ViewSizes.height(view));
        }
        c.current(current);
    }
}
