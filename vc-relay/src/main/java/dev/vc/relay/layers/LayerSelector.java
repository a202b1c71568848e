package dev.vc.relay.layers;

/**
 * Chooses, for one receiver, which simulcast layer of each sender it gets: the layers that fit the receiver's
 * downlink estimate, each no larger than the size the receiver shows that sender at. Pure arithmetic over
 * {@link Candidate}s the caller fills; no clock, no sockets, nothing allocated per call.
 *
 * <ol>
 *   <li><b>Preferred layer</b> per sender: the smallest picture that still covers the receiver's view of it
 *       (a view 10 % larger than a layer is still covered by it); layer 0 when the receiver reported no view
 *       or the layers' sizes are not known; none when the view is 0 x 0 (not shown).</li>
 *   <li><b>Base layers first</b>: every shown sender gets its smallest layer, even when their sum is above the
 *       estimate: a receiver whose link cannot carry every sender's smallest layer gets them all late rather than
 *       some never (and a single-layer sender, whose only layer may cost several times the estimate a link starts
 *       with, is never left out before the estimate had a chance to grow with it).</li>
 *   <li><b>Upgrades</b>, one layer at a time, round-robin over the senders in order, while the sum fits.</li>
 * </ol>
 *
 * <p>Hysteresis keeps a receiver from flapping between layers (each switch costs a keyframe): keeping or
 * lowering a sender's current layer only needs the sum to fit the estimate, but going above the current layer
 * (a suspended sender coming back included) needs the sum to fit {@link #UPGRADE_HEADROOM} of it and is only
 * allowed when the caller says so ({@code mayUpgrade}), which the relay does at most every few seconds per
 * receiver. A layer its sender {@linkplain Candidate#stopped stopped} is never chosen but as the
 * sender's smallest.
 *
 * <pre>{@code
 * LayerSelector selector = new LayerSelector();
 * // candidates[i] filled from sender i's layer rates and sizes, the receiver's view of it, its current target
 * long total = selector.select(receiver.downlinkEstimateBps(), candidates, count, mayUpgrade);
 * for (int i = 0; i < count; i++) setTarget(receiver, sender[i], candidates[i].chosen());
 * }</pre>
 */
public final class LayerSelector {
    /** Share of the estimate that the sum must fit for a sender to go above its current layer. */
    public static final double UPGRADE_HEADROOM = 0.85;
    /** A layer still covers a view up to this much larger than itself. */
    static final double COVER_SLACK = 1.1;

    /** One sender as one receiver sees it: the sender's layers and the receiver's view of it. Caller-filled. */
    public static final class Candidate {
        private final long[] bitrateBps = new long[ForwardedStream.MAX_LAYER + 1];
        private final int[] width = new int[ForwardedStream.MAX_LAYER + 1];
        private final int[] height = new int[ForwardedStream.MAX_LAYER + 1];
        private final boolean[] stopped = new boolean[ForwardedStream.MAX_LAYER + 1];
        private int layers;
        private int viewWidth = -1;
        private int viewHeight = -1;
        private int current = ForwardedStream.NO_LAYER;
        private int preferred;
        private int chosen = ForwardedStream.NO_LAYER;

        /**
         * Describes the sender's layers, largest first; forgets the previous description.
         *
         * @param layers how many, 1..{@link ForwardedStream#MAX_LAYER} + 1
         * @return this
         */
        public Candidate layers(int layers) {
            if (layers < 1 || layers > bitrateBps.length) {
                throw new IllegalArgumentException("layers must be in 1.." + bitrateBps.length + ": " + layers);
            }
            this.layers = layers;
            java.util.Arrays.fill(stopped, false);
            return this;
        }

        /**
         * Marks a layer its sender stopped sending (its uplink cannot carry it): it is not chosen, except as the
         * sender's smallest, and a view it would suit gets the next smaller layer instead.
         *
         * @param layer a layer index below {@link #layers(int)}
         * @return this
         */
        public Candidate stopped(int layer) {
            if (layer < 0 || layer >= layers) {
                throw new IllegalArgumentException("layer " + layer + " of " + layers);
            }
            stopped[layer] = true;
            return this;
        }

        /**
         * @param layer      a layer index below {@link #layers(int)}
         * @param bitrateBps what forwarding it costs, bit/s, above 0
         * @param width      its picture width, 0 if not known
         * @param height     its picture height, 0 if not known
         * @return this
         */
        public Candidate layer(int layer, long bitrateBps, int width, int height) {
            if (layer < 0 || layer >= layers || bitrateBps <= 0) {
                throw new IllegalArgumentException("layer " + layer + " of " + layers + " at " + bitrateBps + " bit/s");
            }
            this.bitrateBps[layer] = bitrateBps;
            this.width[layer] = width;
            this.height[layer] = height;
            return this;
        }

        /**
         * @param width  the width the receiver shows the sender at; -1 if it did not say, 0 if not shown
         * @param height the height, likewise
         * @return this
         */
        public Candidate view(int width, int height) {
            this.viewWidth = width;
            this.viewHeight = height;
            return this;
        }

        /**
         * @param layer the layer the receiver is set to get now, or {@link ForwardedStream#NO_LAYER}
         * @return this
         */
        public Candidate current(int layer) {
            this.current = layer;
            return this;
        }

        /** @return the layer the receiver is set to get now, as {@link #current(int)} said */
        public int current() {
            return current;
        }

        /** @return the layer chosen by the last {@link LayerSelector#select}, or {@link ForwardedStream#NO_LAYER} */
        public int chosen() {
            return chosen;
        }

        /** @return the layer the receiver's view asks for, or {@link ForwardedStream#NO_LAYER} if not shown */
        public int preferred() {
            return preferred;
        }

        /**
         * @param layer a layer index below {@link #layers(int)}, or {@link ForwardedStream#NO_LAYER}
         * @return its cost as {@link #layer} described it, bit/s (0 for no layer)
         */
        public long bitrateBps(int layer) {
            return rate(layer);
        }

        int layersCount() {
            return layers;
        }

        long rate(int layer) {
            return layer == ForwardedStream.NO_LAYER ? 0 : bitrateBps[layer];
        }

        private int preferredLayer() {
            if (viewWidth == 0 || viewHeight == 0) {
                return ForwardedStream.NO_LAYER;
            }
            int layer = 0;
            if (viewWidth > 0 && viewHeight > 0) {
                for (int k = layers - 1; k > 0; k--) {  // the smallest picture that covers the view
                    if (width[k] > 0 && height[k] > 0 && width[k] * COVER_SLACK >= viewWidth
                            && height[k] * COVER_SLACK >= viewHeight) {
                        layer = k;
                        break;
                    }
                }
            }
            while (layer < layers - 1 && stopped[layer]) {
                layer++;                            // the sender does not send it: the next smaller one
            }
            return layer;
        }
    }

    /**
     * Chooses a layer for each candidate ({@link Candidate#chosen()}).
     *
     * @param budgetBps  what the receiver's downlink is taken to carry, bit/s (its estimate; 0 when every sender
     *                   should get its smallest layer)
     * @param candidates the senders in priority order; each filled with its layers, view and current layer
     * @param count      how many of {@code candidates} to use
     * @param mayUpgrade whether a sender may go above its current layer this time
     * @return the sum of the chosen layers' bitrates: within the estimate, or, when every shown sender's smallest
     *         layer together is more, that sum
     */
    public long select(long budgetBps, Candidate[] candidates, int count, boolean mayUpgrade) {
        if (budgetBps < 0) {
            throw new IllegalArgumentException("budget below 0: " + budgetBps);
        }
        for (int i = 0; i < count; i++) {
            Candidate c = candidates[i];
            c.preferred = c.preferredLayer();
            c.chosen = ForwardedStream.NO_LAYER;
        }
        long total = 0;
        for (int i = 0; i < count; i++) {
            Candidate c = candidates[i];
            if (c.preferred != ForwardedStream.NO_LAYER) {
                c.chosen = c.layers - 1;
                total += c.rate(c.chosen);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < count; i++) {
                Candidate c = candidates[i];
                if (c.chosen != ForwardedStream.NO_LAYER && c.chosen > c.preferred) {
                    int before = c.chosen;
                    total = tryStep(c, c.chosen - 1, total, budgetBps, mayUpgrade);
                    changed |= c.chosen != before;  // chosen only ever decreases: the loop ends
                }
            }
        }
        return total;
    }

    /** Moves {@code c} to {@code layer} if the sum still fits; returns the new sum. */
    private static long tryStep(Candidate c, int layer, long total, long budgetBps, boolean mayUpgrade) {
        if (c.stopped[layer]) {
            return total;
        }
        long next = total - c.rate(c.chosen) + c.rate(layer);
        boolean aboveCurrent = c.current == ForwardedStream.NO_LAYER || layer < c.current;
        if (aboveCurrent && (!mayUpgrade || next > budgetBps * UPGRADE_HEADROOM)) {
            return total;
        }
        if (next > budgetBps) {
            return total;
        }
        c.chosen = layer;
        return next;
    }
}
