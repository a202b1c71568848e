package dev.vc.relay.layers;

/**
 * What each simulcast layer of one sender costs to forward, measured at the relay: the bytes of each layer's
 * packets, turned into a smoothed bit rate every {@link #SAMPLE_NANOS}. A layer that sent nothing over a sample
 * (paused because nobody received it) keeps its last measured rate, so the relay can still judge whether a
 * receiver could take it; a layer never measured costs what the sender's join stated, or, with nothing stated,
 * two bits per pixel per second (about what 30 fps H.264 needs: 614 kbit/s at 640x480).
 *
 * <p>A layer the relay asks for that still sends nothing after {@link #STOPPED_SAMPLES} samples, while another
 * layer of the sender flows, is {@link #stopped}: the sender suspended it itself because its uplink cannot carry
 * it, and a receiver set to get it would get nothing until the sender's estimate grows. A sender none of whose
 * layers carried packets for as many samples is {@link #silent} (its camera is off, or it only receives): forwarding
 * it costs nothing until it sends again.
 *
 * <pre>{@code
 * LayerRates rates = new LayerRates(stated, widths, heights);
 * rates.onPacket(layer, length);          // per accepted packet
 * rates.sample(now, sender.layersWanted); // on each selection round
 * long cost = rates.bitrateBps(1);
 * }</pre>
 *
 * <p>Media thread only; nothing allocated after construction.
 */
public final class LayerRates {
    /** How often the rates are updated. */
    public static final long SAMPLE_NANOS = 500_000_000L;
    /** Weight of the newest sample in the smoothed rate. */
    static final double SMOOTHING = 0.5;
    /** Cost of a layer of unknown rate and size. */
    static final long UNKNOWN_BPS = 600_000;
    /**
     * Samples (two seconds) a wanted layer may stay silent before it counts as stopped by its sender: longer than a
     * sender waits before it resumes a layer it suspended (a second) plus a round trip and a keyframe.
     */
    public static final int STOPPED_SAMPLES = 4;

    private final long[] fallbackBps;
    private final long[] bytes;
    private final long[] rateBps;
    /** Per layer: samples in a row, up to {@link #STOPPED_SAMPLES}, in which it was wanted and sent nothing. */
    private final int[] silentWhileWanted;
    /** Per layer: whether it carried packets in the last sample. */
    private final boolean[] flowing;
    /** Samples in a row, up to {@link #STOPPED_SAMPLES}, in which no layer carried packets. */
    private int silentSamples;
    private long lastSampleNanos = Long.MIN_VALUE;

    /**
     * @param statedBps each layer's bit rate as its join stated it, 0 if not stated
     * @param widths    each layer's width, 0 if not known
     * @param heights   each layer's height, 0 if not known
     */
    public LayerRates(int[] statedBps, int[] widths, int[] heights) {
        int layers = statedBps.length;
        if (layers < 1 || layers > ForwardedStream.MAX_LAYER + 1 || widths.length != layers
                || heights.length != layers) {
            throw new IllegalArgumentException("1.." + (ForwardedStream.MAX_LAYER + 1) + " layers, described alike");
        }
        fallbackBps = new long[layers];
        for (int k = 0; k < layers; k++) {
            long pixels = (long) widths[k] * heights[k];
            fallbackBps[k] = statedBps[k] > 0 ? statedBps[k] : pixels > 0 ? 2 * pixels : UNKNOWN_BPS >> (2 * k);
        }
        bytes = new long[layers];
        rateBps = new long[layers];
        silentWhileWanted = new int[layers];
        flowing = new boolean[layers];
    }

    /**
     * @param layers the layers a join stated, largest first
     * @return rates for them, nothing measured yet
     */
    public static LayerRates of(java.util.List<dev.vc.api.control.ControlMessage.Layer> layers) {
        StatedLayers stated = StatedLayers.of(layers);
        return new LayerRates(stated.bitratesBps(), stated.widths(), stated.heights());
    }

    /** @return how many layers */
    public int layers() {
        return bytes.length;
    }

    /**
     * Counts a packet of a layer.
     *
     * @param layer  its layer
     * @param length its size in bytes
     */
    public void onPacket(int layer, int length) {
        bytes[layer] += length;
    }

    /**
     * Turns the bytes counted since the last sample into rates, once {@link #SAMPLE_NANOS} have passed.
     *
     * @param nowNanos   the relay's clock
     * @param wantedMask the layers the relay asks the sender for, bit {@code k} for layer {@code k}
     */
    public void sample(long nowNanos, int wantedMask) {
        if (lastSampleNanos == Long.MIN_VALUE) {
            lastSampleNanos = nowNanos;
            java.util.Arrays.fill(bytes, 0);
            return;
        }
        long elapsed = nowNanos - lastSampleNanos;
        if (elapsed < SAMPLE_NANOS) {
            return;
        }
        boolean anyFlowing = false;
        for (int k = 0; k < bytes.length; k++) {
            flowing[k] = bytes[k] > 0;
            anyFlowing |= flowing[k];
            if (flowing[k]) {
                long measured = bytes[k] * 8 * 1_000_000_000L / elapsed;
                rateBps[k] = rateBps[k] == 0 ? measured
                        : (long) (SMOOTHING * measured + (1 - SMOOTHING) * rateBps[k]);
                bytes[k] = 0;
            }
            boolean silentAndWanted = !flowing[k] && (wantedMask & 1 << k) != 0;
            silentWhileWanted[k] = silentAndWanted ? Math.min(STOPPED_SAMPLES, silentWhileWanted[k] + 1) : 0;
        }
        silentSamples = anyFlowing ? 0 : Math.min(STOPPED_SAMPLES, silentSamples + 1);
        lastSampleNanos = nowNanos;
    }

    /**
     * @return true if no layer carried packets for {@link #STOPPED_SAMPLES} samples: the sender sends nothing (its
     *         camera is off, or it never sent), so forwarding it costs a receiver nothing
     */
    public boolean silent() {
        return silentSamples == STOPPED_SAMPLES;
    }

    /**
     * @param layer a layer index
     * @return true if the layer has been wanted and silent for {@link #STOPPED_SAMPLES} samples while another layer
     *         of the sender carried packets in the last one: the sender stopped sending it
     */
    public boolean stopped(int layer) {
        if (silentWhileWanted[layer] < STOPPED_SAMPLES) {
            return false;
        }
        for (int k = 0; k < flowing.length; k++) {
            if (k != layer && flowing[k]) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param layer a layer index
     * @return what forwarding it costs, bit/s: measured, or else stated, or else guessed from its size; above 0
     */
    public long bitrateBps(int layer) {
        return rateBps[layer] > 0 ? rateBps[layer] : Math.max(1, fallbackBps[layer]);
    }
}
