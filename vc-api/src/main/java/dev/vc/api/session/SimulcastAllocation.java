package dev.vc.api.session;

import dev.vc.api.Encoder;

/**
 * How a simulcast sender shares its uplink's bandwidth estimate among its layers (libwebrtc's simulcast
 * allocation), decided per captured frame on the send thread. Layer 0 is the largest; each layer is half the
 * width and height of the one before, so a quarter of the pixels, and gets a quarter of the rates:
 *
 * <ul>
 *   <li><b>max</b> of layer {@code k}: {@code vc.bitrate / 4^k}, but never below {@value #LAYER_MIN_MAX_BPS} bit/s
 *       (nor above {@code vc.bitrate}): 600, 150 and 50 kbit/s by default;</li>
 *   <li><b>floor</b> of layer {@code k}: {@code vc.bitrate.floor / 4^k}, never below {@value Encoder#MIN_BITRATE}
 *       bit/s: 400, 100 and 25 kbit/s by default, what the layer needs for fluid video.</li>
 * </ul>
 *
 * <p>The estimate fills the smallest wanted layer first, up to its max, then the next larger one, and so on. A
 * layer whose share is below its floor is <em>suspended</em> (not encoded), and so is every larger one; a
 * suspended layer resumes only when its share reaches its floor plus {@value #RESUME_HEADROOM_PERCENT} %, and not
 * within a second (of captured frames) of being suspended, so a share hovering at the floor does not switch the
 * layer on and off (each resumption costs a keyframe). The smallest wanted layer is never
 * suspended: below its floor it skips frames in proportion, as a single-layer sender does
 * ({@link RateAdaptation}). The shares never add up to more than the estimate, except that the smallest layer
 * gets at least {@value Encoder#MIN_BITRATE} bit/s (the least an encoder accepts) however low the estimate.
 * Without an estimate (-1) every wanted layer is sent at its max.
 *
 * <p>Layers the relay does not want ({@code LayersWanted}) take no share, and one that comes back is resumed
 * like a suspended one. A layer the relay caps ({@link #setCap}, from a TMMBR: what the layer's receivers can
 * take) gets at most its cap, and takes no more of the estimate than that, which leaves the rest to the larger
 * layers; a cap applies without an estimate too. Each layer's encoder is then driven by its own
 * {@link RateAdaptation} ({@link #layerRate}), fed the layer's {@link #target}: it reconfigures the encoder on a
 * 5 % change, down at most every 1/5 s (at once on a fall of 30 % or more), up at most once a second.
 *
 * <p>Pure arithmetic over the values passed in: tested without a clock. Send thread only, except
 * {@link #setCeiling}.
 *
 * <pre>{@code
 * SimulcastAllocation allocation = new SimulcastAllocation(2, 600_000, 30, 400_000, true);
 * // per captured frame, on the send thread:
 * allocation.allocate(transport.targetBitrateBps(), layersWantedMask);
 * for (int k = 0; k < 2; k++) if (allocation.state(k) == LayerState.SENT) ... rate[k].admit(allocation.target(k)) ...
 * }</pre>
 */
final class SimulcastAllocation {
    /** The least a layer's max is lowered to by the quarter rule (unless {@code vc.bitrate} itself is lower). */
    static final int LAYER_MIN_MAX_BPS = 50_000;
    /** Headroom over its floor a suspended layer's share needs to resume, in percent. */
    static final int RESUME_HEADROOM_PERCENT = 25;
    /** Every layer wanted: what the sender assumes before the relay says otherwise. */
    static final int ALL_WANTED = (1 << dev.vc.api.control.ControlMessage.MAX_LAYERS) - 1;

    /** What becomes of a layer for the current frame. */
    enum LayerState {
        /** Encoded and sent (unless its rate adaptation skips this frame). */
        SENT,
        /** Not encoded: the relay wants it for nobody. */
        NOT_WANTED,
        /** Not encoded: its share of the estimate is below its floor. */
        SUSPENDED
    }

    private final int layers;
    private final int frameRate;
    private final long floorBps;
    private final boolean enabled;
    private volatile int ceilingBps;

    private final LayerState[] states;
    /** Per layer: was it sent at the previous frame (a layer that was not needs the headroom to come back). */
    private final boolean[] sending;
    /** Per layer: frames since it was last sent, up to a second's worth (a relay's pause does not hold it back). */
    private final int[] framesSuspended;
    private final long[] targets;
    /** Per layer: the relay's cap, bit/s, or -1 for none. */
    private final long[] caps;

    /**
     * @param layers     number of layers, 1..3
     * @param ceilingBps {@code vc.bitrate}: layer 0's max, from which the others' follow
     * @param frameRate  the capture frame rate
     * @param floorBps   {@code vc.bitrate.floor}: layer 0's floor, from which the others' follow
     * @param enabled    false to ignore the estimate (every wanted layer at its max, as without congestion control)
     * @throws IllegalArgumentException if {@code layers} is not 1..3
     */
    SimulcastAllocation(int layers, int ceilingBps, int frameRate, long floorBps, boolean enabled) {
        if (layers < 1 || layers > dev.vc.api.control.ControlMessage.MAX_LAYERS) {
            throw new IllegalArgumentException("layers must be 1.." + dev.vc.api.control.ControlMessage.MAX_LAYERS
                    + ", got " + layers);
        }
        this.layers = layers;
        this.ceilingBps = ceilingBps;
        this.frameRate = frameRate;
        this.floorBps = floorBps;
        this.enabled = enabled;
        this.states = new LayerState[layers];
        this.sending = new boolean[layers];
        this.targets = new long[layers];
        this.framesSuspended = new int[layers];
        this.caps = new long[layers];
        java.util.Arrays.fill(caps, -1);
        java.util.Arrays.fill(states, LayerState.SENT);
        java.util.Arrays.fill(sending, true);
        java.util.Arrays.fill(targets, -1);
    }

    /**
     * The most a layer is sent at.
     *
     * @param ceilingBps {@code vc.bitrate}
     * @param layer      0 (the largest) ..
     * @return {@code ceilingBps / 4^layer}, at least {@code min(ceilingBps, }{@value #LAYER_MIN_MAX_BPS}{@code )}
     */
    static int maxBitrate(int ceilingBps, int layer) {
        return Math.max(ceilingBps >> 2 * layer, Math.min(ceilingBps, LAYER_MIN_MAX_BPS));
    }

    /**
     * The share below which a layer is suspended (or, the smallest wanted one, skips frames).
     *
     * @param floorBps {@code vc.bitrate.floor}
     * @param layer    0 (the largest) ..
     * @return {@code floorBps / 4^layer}, at least {@value Encoder#MIN_BITRATE}
     */
    static long floorBitrate(long floorBps, int layer) {
        return Math.max(Encoder.MIN_BITRATE, floorBps >> 2 * layer);
    }

    /**
     * @param layer 0 (the largest) ..
     * @return a rate adaptation for that layer's encoder: its max as the ceiling, its floor
     */
    RateAdaptation layerRate(int layer) {
        return new RateAdaptation(maxBitrate(ceilingBps, layer), frameRate, floorBitrate(floorBps, layer), enabled);
    }

    /** @return the number of layers */
    int layers() {
        return layers;
    }

    /**
     * Any thread: moves {@code vc.bitrate}; every layer's max follows from the next frame on. The layers' rate
     * adaptations are moved by the caller ({@link RateAdaptation#setCeiling} with {@link #maxBitrate}).
     *
     * @param bitsPerSecond the new {@code vc.bitrate}
     */
    void setCeiling(int bitsPerSecond) {
        this.ceilingBps = bitsPerSecond;
    }

    /** @return the current {@code vc.bitrate} */
    int ceiling() {
        return ceilingBps;
    }

    /**
     * Send thread: caps a layer from the next {@link #allocate} on (the relay's TMMBR for its SSRC).
     *
     * @param layer  0 (the largest) ..
     * @param capBps the most the layer may send, bit/s, or -1 for no cap
     */
    void setCap(int layer, long capBps) {
        caps[layer] = capBps;
    }

    /**
     * Shares the estimate among the wanted layers for the next frame; read the outcome with {@link #state} and
     * {@link #target}.
     *
     * @param estimateBps the uplink's estimate, bit/s, or -1 for none
     * @param wantedMask  bit {@code k} set when the relay wants layer {@code k}
     */
    void allocate(long estimateBps, int wantedMask) {
        long estimate = enabled ? estimateBps : -1;
        int ceiling = ceilingBps;
        long remaining = estimate;
        boolean smallest = true;
        boolean full = false;
        for (int k = layers - 1; k >= 0; k--) {
            targets[k] = -1;
            if ((wantedMask & 1 << k) == 0) {
                set(k, LayerState.NOT_WANTED);
                framesSuspended[k] = frameRate;
                continue;
            }
            framesSuspended[k] = sending[k] ? 0 : Math.min(frameRate, framesSuspended[k] + 1);
            if (estimate < 0 || smallest) {
                smallest = false;
            } else if (full || !fits(k, remaining)) {
                full = true;                // a larger layer never takes bits a smaller one could not have
                set(k, LayerState.SUSPENDED);
                continue;
            }
            set(k, LayerState.SENT);
            long cap = enabled ? caps[k] : -1;
            if (estimate >= 0) {
                targets[k] = cap < 0 ? remaining : Math.min(remaining, cap);
                long max = maxBitrate(ceiling, k);
                remaining -= Math.min(remaining, cap < 0 ? max : Math.min(max, cap));
            } else if (cap >= 0) {
                targets[k] = cap;
            }
        }
    }

    /** Whether what is left of the estimate keeps a layer going or, with headroom and after a second, resumes it. */
    private boolean fits(int layer, long remaining) {
        long floor = floorBitrate(floorBps, layer);
        if (sending[layer]) {
            return remaining >= floor;
        }
        return remaining >= floor + floor * RESUME_HEADROOM_PERCENT / 100 && framesSuspended[layer] >= frameRate;
    }

    private void set(int layer, LayerState state) {
        states[layer] = state;
        sending[layer] = state == LayerState.SENT;
    }

    /**
     * @param layer 0 (the largest) ..
     * @return what becomes of the layer at this frame
     */
    LayerState state(int layer) {
        return states[layer];
    }

    /**
     * @param layer 0 (the largest) ..
     * @return the estimate left for a sent layer once the smaller ones have their share, at most the layer's
     *         cap, to be passed to its {@link RateAdaptation#admit} (which gives the encoder up to the layer's max
     *         of it); the cap without an estimate; -1 without either, or for a layer not sent
     */
    long target(int layer) {
        return targets[layer];
    }
}
