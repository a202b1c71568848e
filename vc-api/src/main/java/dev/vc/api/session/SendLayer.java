package dev.vc.api.session;

import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelScaling;
import dev.vc.api.Transport;
import dev.vc.api.VcException;
import dev.vc.api.VideoFrame;
import dev.vc.api.session.SimulcastAllocation.LayerState;

import java.util.ArrayList;
import java.util.List;

/**
 * One simulcast layer of the local stream: its own encoder at its own size, the reused frame the larger layer's
 * picture is halved into, the {@link RateAdaptation} that drives its encoder, and its counters. A layer that
 * was not sent (suspended by the {@link SimulcastAllocation}, or wanted by nobody) starts again with a keyframe.
 *
 * <pre>{@code
 * SendLayer small = new SendLayer(1, encoder, 320, 240, allocation);
 * VideoFrame picture = small.scale(captured);        // halves the 640x480 picture, allocation-free
 * small.offer(picture, allocation.state(1), allocation.target(1), encoded, transport);
 * }</pre>
 *
 * <p>{@link #offer} and {@link #scale} run on the send thread only; {@link #requestKeyframe} on any thread.
 */
final class SendLayer {
    private static final System.Logger LOG = System.getLogger(SendLayer.class.getName());

    /** What {@link #offer} did with a picture. */
    enum Outcome {
        /** The encoder produced a frame, handed to the transport. */
        ENCODED,
        /** The rate adaptation skipped the picture: the estimate is below the layer's floor. */
        SKIPPED_FOR_BANDWIDTH,
        /** Nothing to send: the layer is not sent now, the encoder skipped the picture, or it failed. */
        NONE
    }

    private final int index;
    private final Encoder encoder;
    private final int width;
    private final int height;
    private final RateAdaptation rate;
    private final VideoFrame scaled;
    /** The max last given to {@link #rate}; guarded by the pipeline's lock. */
    private int ceiling;
    /** Send thread: the layer was not sent at the previous picture, so the next one it sends is a keyframe. */
    private boolean resuming;

    // Each counter has a single writer (the send thread); volatile makes them visible to stats readers.
    private volatile boolean active = true;
    private volatile int bitrateBps;
    private volatile long encoded;
    private volatile long keyframes;
    private volatile long encoderSkipped;
    private volatile long notWanted;
    private volatile long suspended;
    private volatile long errors;

    /**
     * @param index      0 (the largest) ..
     * @param encoder    the layer's own encoder, opened at {@code width x height}
     * @param width      the layer's width (layer 0: the captured one)
     * @param height     the layer's height
     * @param allocation the allocation whose rules give the layer's max and floor
     */
    SendLayer(int index, Encoder encoder, int width, int height, SimulcastAllocation allocation) {
        this.index = index;
        this.encoder = encoder;
        this.width = width;
        this.height = height;
        this.rate = allocation.layerRate(index);
        this.ceiling = SimulcastAllocation.maxBitrate(allocation.ceiling(), index);
        this.bitrateBps = ceiling;
        this.scaled = index == 0 ? null : new VideoFrame(width, height, encoder.inputFormat());
    }

    /**
     * The encoder settings of each layer: layer {@code k} is {@link PixelScaling#halfSize} of layer {@code k-1}
     * in each direction, and its bitrate is its max ({@link SimulcastAllocation#maxBitrate}).
     *
     * @param full   the settings of the captured size (layer 0)
     * @param layers how many layers, 1..3
     * @return one settings per layer, largest first
     */
    static List<EncoderSettings> ladder(EncoderSettings full, int layers) {
        List<EncoderSettings> ladder = new ArrayList<>(layers);
        int width = full.width();
        int height = full.height();
        for (int k = 0; k < layers; k++) {
            ladder.add(new EncoderSettings(width, height, full.frameRate(),
                    SimulcastAllocation.maxBitrate(full.bitrate(), k), full.quality(), full.keyframeInterval(),
                    full.config()));
            width = PixelScaling.halfSize(width);
            height = PixelScaling.halfSize(height);
        }
        return ladder;
    }

    /** @return the layer's picture width */
    int width() {
        return width;
    }

    /** @return the layer's picture height */
    int height() {
        return height;
    }

    /**
     * Halves the next larger layer's picture into this layer's reused frame. Send thread only.
     *
     * @param larger the picture of layer {@code index - 1}
     * @return this layer's picture
     * @throws IllegalArgumentException if the picture is too small to halve; counted as an error of this layer
     */
    VideoFrame scale(VideoFrame larger) {
        try {
            return PixelScaling.halve(larger, scaled);
        } catch (IllegalArgumentException e) {
            errors++;
            throw e;
        }
    }

    /**
     * Encodes and sends a picture if the allocation sends this layer now and its rate adaptation admits it.
     * Send thread only.
     *
     * @param picture   the picture at this layer's size (unused unless {@code state} is {@code SENT})
     * @param state     what the allocation decided for this layer
     * @param target    the estimate left for this layer ({@link SimulcastAllocation#target})
     * @param encoded   the reused frame to encode into
     * @param transport where the frame goes, marked with this layer's index
     * @return what became of the picture
     */
    Outcome offer(VideoFrame picture, LayerState state, long target, EncodedFrame encoded, Transport transport) {
        if (state != LayerState.SENT) {
            if (state == LayerState.NOT_WANTED) {
                notWanted++;
            } else {
                suspended++;
            }
            active = false;
            resuming = true;
            return Outcome.NONE;
        }
        active = true;
        try {
            if (!rate.admit(target)) {
                return Outcome.SKIPPED_FOR_BANDWIDTH;
            }
            int bitrate = rate.encoderBitrate(encoder.changesBitrateInPlace());
            if (bitrate != 0) {
                encoder.setBitrate(bitrate);
                bitrateBps = bitrate;
            }
            int frameRate = rate.encoderFrameRate();
            if (frameRate != 0) {
                encoder.setFrameRate(frameRate);
            }
            if (resuming) {
                encoder.requestKeyframe();
                resuming = false;
            }
            if (!encoder.encode(picture, encoded)) {
                encoderSkipped++;
                return Outcome.NONE;
            }
            encoded.layer(index);
            if (encoder.bitrate() > 0) {
                rate.onEncoded(encoded.length(), encoded.keyframe());         // an encoder without rate control is not held to one
            }
            this.encoded++;
            if (encoded.keyframe()) {
                keyframes++;
            }
        } catch (VcException e) {
            errors++;
            LOG.log(System.Logger.Level.DEBUG, "encode of layer " + index + " failed", e);
            return Outcome.NONE;
        }
        try {
            transport.send(encoded);
        } catch (VcException e) {
            errors++;
            LOG.log(System.Logger.Level.DEBUG, "send of layer " + index + " failed", e);
        }
        return Outcome.ENCODED;
    }

    /** @return true while this layer's rate adaptation skips frames because its share is below its floor */
    boolean belowFloor() {
        return rate.belowFloor();
    }

    /** Closes the layer's encoder: the layer was replaced ({@link SendPipeline#resize}) or the pipeline closed. */
    void closeEncoder() {
        encoder.close();
    }

    /** Any thread: makes the layer's next encoded frame a keyframe. */
    void requestKeyframe() {
        encoder.requestKeyframe();
    }

    /**
     * Moves the layer's max when {@code vc.bitrate} moved; applied with the next frame if it changed. Called
     * under the pipeline's lock.
     *
     * @param maxBps the layer's new max
     */
    void moveCeiling(int maxBps) {
        if (maxBps != ceiling) {
            ceiling = maxBps;
            rate.setCeiling(maxBps);
        }
    }

    /** @return frames the layer's encoder produced */
    long encoded() {
        return encoded;
    }

    /** @return keyframes among them */
    long keyframes() {
        return keyframes;
    }

    /** @return pictures the layer's encoder skipped */
    long encoderSkipped() {
        return encoderSkipped;
    }

    /** @return pictures lost to scaling, encoder or transport errors */
    long errors() {
        return errors;
    }

    /** @return the layer's figures now */
    SendLayerStats stats() {
        return new SendLayerStats(index, width, height, active, bitrateBps, encoded, keyframes, notWanted, suspended);
    }
}
