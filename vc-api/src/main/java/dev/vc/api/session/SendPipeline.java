package dev.vc.api.session;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;
import dev.vc.api.EncodedFrame;
import dev.vc.api.FrameSource;
import dev.vc.api.SourceException;
import dev.vc.api.Transport;
import dev.vc.api.VideoFrame;
import dev.vc.api.session.SimulcastAllocation.LayerState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The local stream's path: a capture thread reads the source straight into the slots of an LMAX Disruptor
 * ring, and a send thread encodes each published frame and hands it to the transport.
 *
 * <p>With simulcast the send thread encodes each captured frame in several layers ({@link SendLayer}), each
 * with its own encoder: it first halves the captured frame into layer 1's reused frame, that into layer 2's, and
 * so on, then encodes and sends layer 0 (it is the one most receivers get, so it goes out with the least delay)
 * and each smaller layer after it. Each encoded frame is marked with its layer ({@link EncodedFrame#layer()}),
 * from which the transport picks the layer's SSRC. Which layers are encoded, and at what bitrate, is the
 * {@link SimulcastAllocation}'s decision, from the uplink's estimate, the layers the relay wants and the caps it
 * sets on them ({@link Transport#layerBitrateCapBps}); a frame
 * is halved only as far as the smallest layer it is sent in. Nothing is allocated per frame: one reused
 * {@link EncodedFrame} carries each layer's frame to the transport in turn.
 *
 * <p>The capture thread never waits for the send thread: it claims a slot with {@code tryNext()}, and when
 * the ring is full it reads the frame into a scratch buffer instead and counts it as dropped. Ring slots
 * are preallocated frames, so nothing is allocated per frame.
 */
final class SendPipeline implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SendPipeline.class.getName());
    private static final long JOIN_MILLIS = 2_000;
    private static final long PREVIEW_SIZE_UNKNOWN = -1;

    /** A ring slot: a reusable frame and whether the capture thread managed to fill it. */
    private static final class Slot {
        final VideoFrame frame = new VideoFrame();
        boolean filled;
    }

    private volatile FrameSource source;
    private final AtomicReference<FrameSource> replacement = new AtomicReference<>();
    /** The layers sent; replaced whole by {@link #resize}, on the send thread under this object's lock. */
    private volatile SendLayer[] layers;
    private volatile SimulcastAllocation allocation;
    /** Layers waiting to replace {@link #layers} at the next frame ({@link #resize}); guarded by this object. */
    private SendLayer[] pendingLayers;
    private SimulcastAllocation pendingAllocation;
    private final Transport transport;
    private final Disruptor<Slot> disruptor;
    private volatile Thread captureThread;
    private final String name;
    private final VideoFrame scratch = new VideoFrame();
    private final EncodedFrame encoded = new EncodedFrame();
    /** Send thread: the pictures of the frame being sent, layer by layer (the captured frame, then halved ones). */
    private final VideoFrame[] pictures;

    // Each counter has a single writer thread; volatile makes the values visible to stats readers.
    private volatile long captured;
    private volatile long dropped;
    private volatile long encodedFrames;
    private volatile long unknownLayerKeyframeRequests;
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile long skippedForBandwidth;
    private final java.util.List<SendQualityListener> qualityListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Send thread: the layers sent and suspended and the skipping last told, packed; -1 before the first frame. */
    private int lastQualityKey = -1;
    private volatile IntSupplier layersWanted = () -> SimulcastAllocation.ALL_WANTED;
    private volatile Consumer<VideoFrame> preview = frame -> { };
    /** The self view's size, {@code width << 32 | height}, or {@link #PREVIEW_SIZE_UNKNOWN}. */
    private volatile long previewSize = PREVIEW_SIZE_UNKNOWN;
    private volatile SourceException sourceFailure;
    private RingBuffer<Slot> ring;

    /**
     * @param name       participant name, used in thread names
     * @param source     the frame source; read only by the capture thread
     * @param layers     the layers sent, largest first, each with its own encoder; used only by the send thread
     * @param transport  the transport; {@code send} is called only by the send thread
     * @param ringSize   number of ring slots, a power of two
     * @param allocation how the layers share the transport's bandwidth estimate, for as many layers
     * @throws ConfigException if the ring size is not a power of two
     * @throws IllegalArgumentException if the allocation is for another number of layers
     */
    SendPipeline(String name, FrameSource source, List<SendLayer> layers, Transport transport, int ringSize,
                 SimulcastAllocation allocation) {
        if (Integer.bitCount(ringSize) != 1) {
            throw new ConfigException(CoreSettings.RING_SIZE.key() + " must be a power of two, got " + ringSize);
        }
        if (layers.size() != allocation.layers()) {
            throw new IllegalArgumentException(layers.size() + " layers but an allocation for " + allocation.layers());
        }
        this.layers = layers.toArray(new SendLayer[0]);
        this.pictures = new VideoFrame[this.layers.length];
        this.allocation = allocation;
        this.source = source;
        this.transport = transport;
        this.disruptor = new Disruptor<>(Slot::new, ringSize, r -> new Thread(r, "vc-send-" + name),
                ProducerType.SINGLE, new BlockingWaitStrategy());
        EventHandler<Slot> handler = this::encodeAndSend;
        disruptor.handleEventsWith(handler);
        disruptor.setDefaultExceptionHandler(new LoggingExceptionHandler());
        this.name = name;
        this.captureThread = newCaptureThread();
    }

    private Thread newCaptureThread() {
        Thread thread = new Thread(this::captureLoop, "vc-capture-" + name);
        thread.setDaemon(true);
        return thread;
    }

    void start() {
        ring = disruptor.start();
        captureThread.start();
    }

    private void captureLoop() {
        while (running) {
            long sequence;
            try {
                sequence = ring.tryNext();
            } catch (InsufficientCapacityException full) {
                sequence = -1;
            }
            Slot slot = sequence >= 0 ? ring.get(sequence) : null;
            boolean read = read(slot != null ? slot.frame : scratch);
            boolean send = read && !paused;
            if (slot != null) {
                // A claimed slot must be published even when nothing is to be sent; the handler skips it.
                slot.filled = send;
                ring.publish(sequence);
            }
            if (!read) {
                FrameSource next = replacement.getAndSet(null);
                if (next == null || !running) {
                    break;
                }
                source = next;  // switchSource closed the old one to wake this thread
                continue;
            }
            if (!send) {
                continue;
            }
            captured++;
            if (slot == null) {
                dropped++;
            }
        }
    }

    private boolean read(VideoFrame into) {
        try {
            return source.read(into);
        } catch (SourceException e) {
            if (replacement.get() != null) {
                return false;  // the old source failed while being replaced: carry on with the new one
            }
            sourceFailure = e;
            LOG.log(System.Logger.Level.WARNING, "frame source failed: " + e.getMessage(), e);
            return false;
        }
    }

    private void encodeAndSend(Slot slot, long sequence, boolean endOfBatch) {
        if (slot.filled) {
            send(slot.frame);
        }
    }

    /**
     * The send thread's work for one captured frame: shares the estimate among the layers, halves the frame down
     * to the smallest layer it is sent in, shows the preview its picture, then encodes and sends each layer,
     * largest first. Halving first leaves the captured frame in the cache for layer 0's encoder, which reads it
     * next; halved after layer 0's encode, it was read from memory twice (about 0.1 ms more per 640x480 frame,
     * docs/benchmarks.md).
     *
     * @param captured the captured frame (layer 0's picture)
     */
    void send(VideoFrame captured) {
        if (pendingLayers != null) {
            applyResize();
        }
        SendLayer[] layers = this.layers;
        SimulcastAllocation allocation = this.allocation;
        for (int k = 0; k < layers.length; k++) {
            allocation.setCap(k, transport.layerBitrateCapBps(k));
        }
        long estimate = transport.targetBitrateBps();
        allocation.allocate(estimate, layersWanted.getAsInt());
        int smallestSent = smallestSent();
        int made = halve(captured, smallestSent);
        int previewLayer = previewLayer(Math.min(smallestSent, made - 1));
        if (previewLayer >= 0) {
            preview.accept(pictures[previewLayer]);
        }
        boolean encodedAny = false;
        boolean skipped = false;
        for (int k = 0; k < layers.length; k++) {
            if (k >= made && k <= smallestSent) {
                break;                                  // could not be halved (counted): nor can smaller ones
            }
            SendLayer.Outcome outcome = layers[k].offer(pictures[Math.min(k, made - 1)], allocation.state(k),
                    allocation.target(k), encoded, transport);
            encodedAny |= outcome == SendLayer.Outcome.ENCODED;
            skipped |= outcome == SendLayer.Outcome.SKIPPED_FOR_BANDWIDTH;
        }
        java.util.Arrays.fill(pictures, null);          // keeps no reference to the ring slot's frame
        tellQuality(estimate);
        if (encodedAny) {
            encodedFrames++;
        } else if (skipped) {
            skippedForBandwidth++;                      // below the smallest layer's floor: fewer frames
        }
    }

    /**
     * Sends from the next frame on with other layers, for example at a shared screen's size and frame rate instead of
     * the camera's: the new layers (as many as now, each with its own freshly opened encoder) replace the current ones
     * on the send thread between two frames, each starting with a keyframe; the old encoders are closed then. Any
     * thread; a resize not yet applied is replaced by a later one (its encoders closed).
     *
     * @param next       the layers from now on, largest first
     * @param allocation how they share the estimate
     * @throws IllegalArgumentException if the number of layers changes
     */
    synchronized void resize(List<SendLayer> next, SimulcastAllocation allocation) {
        if (next.size() != layers.length || allocation.layers() != layers.length) {
            throw new IllegalArgumentException(next.size() + " layers for a pipeline of " + layers.length);
        }
        if (pendingLayers != null) {
            closeEncoders(pendingLayers);
        }
        pendingLayers = next.toArray(new SendLayer[0]);
        pendingAllocation = allocation;
    }

    /** @return the largest layer's configured bitrate now ({@code vc.bitrate}, as {@link #setBitrate} moved it) */
    synchronized int ceiling() {
        return (pendingAllocation != null ? pendingAllocation : allocation).ceiling();
    }

    /** Send thread: puts the pending layers in place and closes the encoders of the ones they replace. */
    private synchronized void applyResize() {
        SendLayer[] old = layers;
        layers = pendingLayers;
        allocation = pendingAllocation;
        pendingLayers = null;
        pendingAllocation = null;
        lastQualityKey = -1;
        closeEncoders(old);
    }

    private static void closeEncoders(SendLayer[] layers) {
        for (SendLayer layer : layers) {
            layer.closeEncoder();
        }
    }

    /** @return the layers' current picture sizes, largest first, {@code width << 32 | height} each */
    long[] layerSizes() {
        SendLayer[] current = layers;
        long[] sizes = new long[current.length];
        for (int k = 0; k < current.length; k++) {
            sizes[k] = (long) current[k].width() << 32 | current[k].height();
        }
        return sizes;
    }

    /** Send thread: tells the quality listeners if the layers sent, suspended or the skipping changed. */
    private void tellQuality(long estimate) {
        if (qualityListeners.isEmpty()) {
            return;
        }
        SendLayer[] layers = this.layers;
        SimulcastAllocation allocation = this.allocation;
        int sent = 0;
        int suspended = 0;
        boolean skippingFrames = false;
        for (int k = 0; k < layers.length; k++) {
            LayerState state = allocation.state(k);
            sent += state == LayerState.SENT ? 1 : 0;
            suspended += state == LayerState.SUSPENDED ? 1 : 0;
            skippingFrames |= state == LayerState.SENT && layers[k].belowFloor();
        }
        int key = sent | suspended << 8 | (skippingFrames ? 1 << 16 : 0);
        if (key == lastQualityKey) {
            return;
        }
        lastQualityKey = key;
        SendQuality quality = new SendQuality(sent, layers.length, suspended, skippingFrames, estimate);
        for (SendQualityListener listener : qualityListeners) {
            try {
                listener.sendQualityChanged(quality);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a send quality listener failed", e);
            }
        }
    }

    /** @param listener told on the send thread when the layers sent or suspended, or the frame skipping, change */
    void addQualityListener(SendQualityListener listener) {
        qualityListeners.add(listener);
    }

    /**
     * Fills {@link #pictures}: the captured frame, then each layer's picture halved from the one before, down to
     * layer {@code smallestSent}.
     *
     * @return how many pictures were made (at least 1); fewer than {@code smallestSent + 1} if one could not be
     *         halved (counted by its layer)
     */
    private int halve(VideoFrame captured, int smallestSent) {
        pictures[0] = captured;
        for (int k = 1; k <= smallestSent; k++) {
            try {
                pictures[k] = layers[k].scale(pictures[k - 1]);
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot halve " + pictures[k - 1] + " for layer " + k, e);
                return k;
            }
        }
        return Math.max(1, smallestSent + 1);
    }

    /**
     * The picture the self view gets: the smallest this frame is scaled to anyway ({@code smallestSent}) that is
     * at least the size the self view is shown at, so that it is converted and painted at about the size it is
     * seen (a 320x240 layer for a 3x3 tile) rather than at the captured size.
     *
     * @return the layer whose picture goes to the preview: 0 (the captured frame) when the size is not known or no
     *         smaller picture covers it, -1 when the self view is not shown ({@code 0 x 0})
     */
    private int previewLayer(int smallestSent) {
        long size = previewSize;
        if (size == PREVIEW_SIZE_UNKNOWN) {
            return 0;
        }
        int width = (int) (size >>> 32);
        int height = (int) size;
        if (width == 0 || height == 0) {
            return -1;
        }
        for (int k = smallestSent; k > 0; k--) {
            if (layers[k].width() >= width && layers[k].height() >= height) {
                return k;
            }
        }
        return 0;
    }

    /**
     * Any thread: the size the renderer shows the self view at, from its view size report (0 x 0: not shown, so
     * the preview gets nothing).
     *
     * @param width  device pixels, 0..65535
     * @param height device pixels, 0..65535
     */
    void previewSize(int width, int height) {
        previewSize = (long) width << 32 | height;
    }

    /** @return the index of the smallest layer the allocation sends at this frame, or -1 if none */
    private int smallestSent() {
        for (int k = layers.length - 1; k >= 0; k--) {
            if (allocation.state(k) == LayerState.SENT) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Reads which layers the relay wants before each frame ({@code LayersWanted}); until set, all of them.
     *
     * @param wanted the mask, bit {@code k} set when layer {@code k} is wanted; called on the send thread
     */
    void followLayersWanted(IntSupplier wanted) {
        this.layersWanted = wanted;
    }

    /**
     * Any thread: makes the next frame of one layer a keyframe (a receiver of that layer asked for it).
     * A layer this pipeline does not send is counted and ignored.
     *
     * @param layer the layer whose SSRC the request named
     */
    void requestKeyframe(int layer) {
        if (layer < 0 || layer >= layers.length) {
            unknownLayerKeyframeRequests++;
            return;
        }
        layers[layer].requestKeyframe();
    }

    /** Any thread: makes the next frame of every layer a keyframe (the picture changed: new source, video on). */
    void requestKeyframes() {
        for (SendLayer layer : layers) {
            layer.requestKeyframe();
        }
    }

    /**
     * Moves {@code vc.bitrate}, the largest layer's bitrate from which the others' follow
     * ({@link SimulcastAllocation#maxBitrate}), applied on the send thread before the next frame; with a
     * bandwidth estimate it is the ceiling the estimate moves under ({@link RateAdaptation}).
     *
     * @param bitsPerSecond the target, validated by {@link dev.vc.api.Encoder#checkBitrate}
     */
    synchronized void setBitrate(int bitsPerSecond) {
        allocation.setCeiling(dev.vc.api.Encoder.checkBitrate(bitsPerSecond));
        for (int k = 0; k < layers.length; k++) {
            layers[k].moveCeiling(SimulcastAllocation.maxBitrate(bitsPerSecond, k));
        }
        if (pendingLayers != null) {
            pendingAllocation.setCeiling(bitsPerSecond);
            for (int k = 0; k < pendingLayers.length; k++) {
                pendingLayers[k].moveCeiling(SimulcastAllocation.maxBitrate(bitsPerSecond, k));
            }
        }
    }

    /** Stops (true) or resumes (false) sending; the source keeps running, so resuming is instant. */
    void pause(boolean pause) {
        this.paused = pause;
    }

    /** @return true while sending is paused */
    boolean paused() {
        return paused;
    }

    /**
     * Shows each frame to be sent to {@code preview} (a self view), on the send thread: the captured frame before
     * it is encoded, or, once {@link #previewSize} said at what size it is shown, the smallest simulcast picture
     * made of it that covers that size, before that layer is encoded.
     *
     * @param preview receives the raw frame; must not keep it
     */
    void preview(Consumer<VideoFrame> preview) {
        this.preview = preview;
    }

    /**
     * Replaces the source without stopping the stream: the capture thread continues with {@code next} as
     * soon as the current source's read returns (closing it makes it return at once).
     *
     * @param next an open source delivering the same pixel format
     */
    synchronized void switchSource(FrameSource next) {
        if (ring != null && !captureThread.isAlive()) {
            // The old source ended or failed and took the capture thread with it: start afresh.
            source.close();
            source = next;
            sourceFailure = null;
            captureThread = newCaptureThread();
            captureThread.start();
            return;
        }
        FrameSource pending = replacement.getAndSet(next);
        if (pending != null) {
            pending.close();
        }
        source.close();
    }

    /** @return frames read from the source */
    long captured() {
        return captured;
    }

    /** @return frames read but dropped because the ring was full */
    long dropped() {
        return dropped;
    }

    /** @return captured frames encoded in at least one layer */
    long encoded() {
        return encodedFrames;
    }

    /** @return frames the encoders skipped (returned nothing to send for), e.g. to hold their bitrate; all layers */
    long encoderSkipped() {
        long sum = 0;
        for (SendLayer layer : layers) {
            sum += layer.encoderSkipped();
        }
        return sum;
    }

    /** @return captured frames skipped before encoding because the uplink's estimate is below the floor */
    long skippedForBandwidth() {
        return skippedForBandwidth;
    }

    /** @return keyframes among the frames the encoders produced, all layers */
    long keyframes() {
        long sum = 0;
        for (SendLayer layer : layers) {
            sum += layer.keyframes();
        }
        return sum;
    }

    /** @return frames lost to scaling, encoder or transport errors, all layers */
    long errors() {
        long sum = 0;
        for (SendLayer layer : layers) {
            sum += layer.errors();
        }
        return sum;
    }

    /** @return keyframe requests for a layer this pipeline does not send, ignored */
    long unknownLayerKeyframeRequests() {
        return unknownLayerKeyframeRequests;
    }

    /** @return each layer's figures, largest first */
    List<SendLayerStats> layerStats() {
        List<SendLayerStats> stats = new ArrayList<>(layers.length);
        for (SendLayer layer : layers) {
            stats.add(layer.stats());
        }
        return stats;
    }

    /** @return true while the capture thread is reading */
    boolean capturing() {
        return captureThread.isAlive();
    }

    /** @return the failure that stopped the source, or null */
    SourceException sourceFailure() {
        return sourceFailure;
    }

    /**
     * Stops capture (closing the source wakes a blocked read), lets the send thread drain, and stops it; then closes
     * the layers' encoders (and those of a resize not applied).
     */
    @Override
    public void close() {
        running = false;
        FrameSource pending = replacement.getAndSet(null);
        if (pending != null) {
            pending.close();
        }
        source.close();
        try {
            captureThread.join(JOIN_MILLIS);
            if (ring != null) {
                disruptor.shutdown(JOIN_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disruptor.halt();
        } catch (com.lmax.disruptor.TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "send thread did not drain in time; halting it");
            disruptor.halt();
        }
        synchronized (this) {
            closeEncoders(layers);
            if (pendingLayers != null) {
                closeEncoders(pendingLayers);
                pendingLayers = null;
            }
        }
    }

    /** Logs and carries on: one bad frame must not stop the stream (the Disruptor's default would halt). */
    private static final class LoggingExceptionHandler implements ExceptionHandler<Slot> {
        @Override
        public void handleEventException(Throwable ex, long sequence, Slot event) {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure in the send thread", ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            LOG.log(System.Logger.Level.ERROR, "send thread failed to start", ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            LOG.log(System.Logger.Level.ERROR, "send thread failed to stop", ex);
        }
    }
}
