package dev.vc.relay.layers;

import java.util.Arrays;

/**
 * The bit rate caps of one sender's simulcast layers: what the receivers that get a layer can take, so the relay
 * can ask the sender to send no more (TMMBR, RFC 5104). Pure arithmetic over what the caller feeds it each
 * layer-selection round; no clock of its own, nothing allocated after construction.
 *
 * <ul>
 *   <li>Each round, every receiver that is forwarded a layer {@link #offer offers} its budget for it: what its
 *       downlink estimate leaves for that layer (see {@code LayerBitrateCaps}).</li>
 *   <li>A layer's {@link #cap} is the <b>largest</b> budget offered, never below the layer's floor: a weak
 *       receiver never lowers what stronger receivers of the layer get (the selector moves it to a smaller layer
 *       instead). A cap at or above the layer's stated rate, or a layer nobody was forwarded ({@code LAYERS_WANTED}
 *       pauses it anyway), is {@link #NO_CAP}.</li>
 *   <li>{@link #due}: a cap is sent when it moves by more than {@link #CHANGE_RATIO} (or appears or is lifted;
 *       a rise, or a lifting, only {@link #RAISE_INTERVAL_NANOS} after the last change: each change may cost the
 *       sender an encoder reconfiguration, an IDR with libopenh264, so only falls are urgent), and repeated every {@link #REFRESH_NANOS} once the layer was ever capped (a lost TMMBR is repaired, and the
 *       sender knows the relay still means it). The first round of a layer sends {@link #NO_CAP} (a lifting)
 *       whatever the cap: the sender's TMMBN to it tells whether it follows caps at all.</li>
 *   <li>A layer that no other receiver is set to get is <b>exclusive</b> to the one looking at it: once the sender
 *       has shown that it follows caps (a TMMBN came back), such a layer costs that receiver only its floor, since
 *       the cap will bring the layer down to what the receiver can take; the selector then keeps the receiver on
 *       the layer its view wants instead of switching it down (and back up).</li>
 * </ul>
 *
 * <pre>{@code
 * caps.beginRound();                       // then countReceiver(target) for each receiver's stream of the sender
 * caps.offer(layer, budgetBps);            // for each receiver forwarded the layer
 * long send = caps.due(layer, now);        // NOTHING_DUE, NO_CAP (lift) or a cap to send as TMMBR
 * }</pre>
 */
public final class LayerCaps {
    /** No cap: the sender follows its own estimate. */
    public static final long NO_CAP = -1;
    /** What {@link #due} returns when nothing needs sending. */
    public static final long NOTHING_DUE = -2;
    /** A cap that moved by more than this share of the one in force is sent at once. */
    public static final double CHANGE_RATIO = 0.10;
    /** Least time between a change of a layer's cap and a rise (or lifting) of it. */
    public static final long RAISE_INTERVAL_NANOS = 2_000_000_000L;
    /** A layer ever capped has its cap (or its lifting) repeated this often. */
    public static final long REFRESH_NANOS = 1_500_000_000L;
    /**
     * A layer's floor, bit/s per pixel of its picture: what fluid video needs, the clients' {@code vc.bitrate.floor}
     * of 400 kbit/s at 640x480 (a quarter of it at 320x240).
     */
    public static final double FLOOR_BITS_PER_PIXEL = 400_000.0 / (640 * 480);
    /** The least floor, for a layer whose size is not known (the least an encoder accepts). */
    public static final long MIN_FLOOR_BPS = 10_000;

    private final long[] maxBps;
    private final long[] floorBps;
    private final long[] offered;
    private final int[] receivers;
    private final long[] sent;
    private final long[] sentAtNanos;
    private final long[] changedAtNanos;
    private final boolean[] everSent;
    private final boolean[] everCapped;
    private boolean followed;

    /**
     * @param statedBps each layer's bit rate as the sender's join stated it (its most), 0 if not stated
     * @param widths    each layer's width, 0 if not known
     * @param heights   each layer's height, 0 if not known
     */
    public LayerCaps(int[] statedBps, int[] widths, int[] heights) {
        int layers = statedBps.length;
        if (layers < 1 || widths.length != layers || heights.length != layers) {
            throw new IllegalArgumentException("at least one layer, described alike");
        }
        maxBps = new long[layers];
        floorBps = new long[layers];
        for (int k = 0; k < layers; k++) {
            maxBps[k] = statedBps[k] > 0 ? statedBps[k] : Long.MAX_VALUE;
            long byPixels = Math.round(FLOOR_BITS_PER_PIXEL * widths[k] * heights[k]);
            floorBps[k] = Math.max(MIN_FLOOR_BPS, Math.min(byPixels, maxBps[k]));
        }
        offered = new long[layers];
        receivers = new int[layers];
        sent = new long[layers];
        sentAtNanos = new long[layers];
        changedAtNanos = new long[layers];
        everSent = new boolean[layers];
        everCapped = new boolean[layers];
        Arrays.fill(sent, NO_CAP);
        beginRound();
    }

    /**
     * @param layers the layers a join stated, largest first
     * @return caps for them, none in force
     */
    public static LayerCaps of(java.util.List<dev.vc.api.control.ControlMessage.Layer> layers) {
        StatedLayers stated = StatedLayers.of(layers);
        return new LayerCaps(stated.bitratesBps(), stated.widths(), stated.heights());
    }

    /** Forgets the last round's offers and receiver counts. */
    public void beginRound() {
        Arrays.fill(offered, NO_CAP);
        Arrays.fill(receivers, 0);
    }

    /** @param layer a layer some receiver's stream of the sender is set to get (at the round's start) */
    public void countReceiver(int layer) {
        if (layer >= 0 && layer < receivers.length) {
            receivers[layer]++;
        }
    }

    /**
     * @param layer   a layer
     * @param current the layer the asking receiver is set to get now, or {@link ForwardedStream#NO_LAYER}
     * @return true if no receiver but the asking one is set to get {@code layer}
     */
    public boolean exclusive(int layer, int current) {
        return receivers[layer] - (current == layer ? 1 : 0) == 0;
    }

    /**
     * @param layer    a layer
     * @param current  the asking receiver's current layer
     * @param measured what the layer costs as measured
     * @return what the layer costs the asking receiver: its floor when it is {@link #exclusive} and the sender
     *         follows caps (and the floor is below the measured cost), else the measured cost
     */
    public long cost(int layer, int current, long measured) {
        return followed && exclusive(layer, current) ? Math.min(measured, floorBps[layer]) : measured;
    }

    /**
     * A receiver forwarded {@code layer} can take {@code budgetBps} of it.
     *
     * @param layer     the layer
     * @param budgetBps its budget, bit/s
     */
    public void offer(int layer, long budgetBps) {
        offered[layer] = Math.max(offered[layer], Math.max(0, budgetBps));
    }

    /**
     * @param layer a layer
     * @return this round's cap: the largest budget offered, at least the layer's floor; {@link #NO_CAP} when
     *         nobody offered or the cap would not be below the layer's stated rate
     */
    public long cap(int layer) {
        long best = offered[layer];
        if (best == NO_CAP || best >= maxBps[layer]) {
            return NO_CAP;
        }
        return Math.max(floorBps[layer], best);
    }

    /**
     * Decides whether this round's {@link #cap} is to be sent, and if so records it as in force.
     *
     * @param layer    a layer
     * @param nowNanos the relay's clock
     * @return {@link #NOTHING_DUE}, {@link #NO_CAP} (send a TMMBR that lifts the cap), or the cap to send
     */
    public long due(int layer, long nowNanos) {
        long cap = everSent[layer] ? cap(layer) : NO_CAP;
        long before = sent[layer];
        boolean fall = cap != NO_CAP && (before == NO_CAP || cap < before - before * CHANGE_RATIO);
        boolean rise = cap == NO_CAP ? before != NO_CAP : before != NO_CAP && cap > before + before * CHANGE_RATIO;
        boolean changed = !everSent[layer] || fall
                || rise && nowNanos - changedAtNanos[layer] >= RAISE_INTERVAL_NANOS;
        boolean refresh = everCapped[layer] && nowNanos - sentAtNanos[layer] >= REFRESH_NANOS;
        if (!changed && !refresh) {
            return NOTHING_DUE;
        }
        if (!changed) {
            cap = before;                           // a refresh repeats what holds
        } else {
            changedAtNanos[layer] = nowNanos;
        }
        sent[layer] = cap;
        sentAtNanos[layer] = nowNanos;
        everSent[layer] = true;
        everCapped[layer] |= cap != NO_CAP;
        return cap;
    }

    /**
     * @param layer a layer
     * @return the cap last sent for it, or {@link #NO_CAP}
     */
    public long inForce(int layer) {
        return sent[layer];
    }

    /**
     * @param layer a layer
     * @return its floor, bit/s: no cap goes below it
     */
    public long floorBps(int layer) {
        return floorBps[layer];
    }

    /**
     * @param layer a layer
     * @return its stated rate, bit/s ({@link Long#MAX_VALUE} if not stated)
     */
    public long maxBps(int layer) {
        return maxBps[layer];
    }

    /** The sender answered a cap (TMMBN): from now on its exclusive layers cost their floor. */
    public void followed() {
        followed = true;
    }

    /** @return true once the sender answered a cap */
    public boolean isFollowed() {
        return followed;
    }
}
