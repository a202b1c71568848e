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
import dev.vc.api.Encoder;
import dev.vc.api.FrameSource;
import dev.vc.api.SourceException;
import dev.vc.api.Transport;
import dev.vc.api.VcException;
import dev.vc.api.VideoFrame;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The local stream's path: a capture thread reads the source straight into the slots of an LMAX Disruptor
 * ring, and a send thread encodes each published frame and hands it to the transport.
 *
 * <p>The capture thread never waits for the send thread: it claims a slot with {@code tryNext()}, and when
 * the ring is full it reads the frame into a scratch buffer instead and counts it as dropped. Ring slots
 * are preallocated frames, so nothing is allocated per frame.
 */
final class SendPipeline implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SendPipeline.class.getName());
    private static final long JOIN_MILLIS = 2_000;

    /** A ring slot: a reusable frame and whether the capture thread managed to fill it. */
    private static final class Slot {
        final VideoFrame frame = new VideoFrame();
        boolean filled;
    }

    private volatile FrameSource source;
    private final AtomicReference<FrameSource> replacement = new AtomicReference<>();
    private final Encoder encoder;
    private final Transport transport;
    private final Disruptor<Slot> disruptor;
    private volatile Thread captureThread;
    private final String name;
    private final VideoFrame scratch = new VideoFrame();
    private final EncodedFrame encoded = new EncodedFrame();

    // Each counter has a single writer thread; volatile makes the values visible to stats readers.
    private volatile long captured;
    private volatile long dropped;
    private volatile long encodedFrames;
    private volatile long encoderSkipped;
    private volatile long keyframes;
    private volatile long encodeErrors;
    private volatile long sendErrors;
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile long skippedForBandwidth;
    private final RateAdaptation rate;
    private volatile Consumer<VideoFrame> preview = frame -> { };
    private volatile SourceException sourceFailure;
    private RingBuffer<Slot> ring;

    /**
     * @param name      participant name, used in thread names
     * @param source    the frame source; read only by the capture thread
     * @param encoder   the encoder; used only by the send thread
     * @param transport the transport; {@code send} is called only by the send thread
     * @param ringSize  number of ring slots, a power of two
     * @throws ConfigException if the ring size is not a power of two
     */
    SendPipeline(String name, FrameSource source, Encoder encoder, Transport transport, int ringSize) {
        this(name, source, encoder, transport, ringSize, new RateAdaptation(CoreSettings.BITRATE.defaultValue(),
                CoreSettings.FPS.defaultValue(), CoreSettings.BITRATE_FLOOR.defaultValue(), true));
    }

    /**
     * @param rate how the sender follows the transport's bandwidth estimate
     * @see #SendPipeline(String, FrameSource, Encoder, Transport, int)
     */
    SendPipeline(String name, FrameSource source, Encoder encoder, Transport transport, int ringSize,
                 RateAdaptation rate) {
        this.rate = rate;
        if (Integer.bitCount(ringSize) != 1) {
            throw new ConfigException(CoreSettings.RING_SIZE.key() + " must be a power of two, got " + ringSize);
        }
        this.source = source;
        this.encoder = encoder;
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
        if (!slot.filled) {
            return;
        }
        try {
            preview.accept(slot.frame);
            if (!rate.admit(transport.targetBitrateBps())) {
                skippedForBandwidth++;                  // below the floor: fewer frames
                return;
            }
            int bitrate = rate.encoderBitrate();
            if (bitrate != 0) {
                encoder.setBitrate(bitrate);
            }
            int frameRate = rate.encoderFrameRate();
            if (frameRate != 0) {
                encoder.setFrameRate(frameRate);
            }
            if (!encoder.encode(slot.frame, encoded)) {
                encoderSkipped++;
                return;
            }
            encodedFrames++;
            if (encoded.keyframe()) {
                keyframes++;
            }
        } catch (VcException e) {
            encodeErrors++;
            LOG.log(System.Logger.Level.DEBUG, "encode failed", e);
            return;
        }
        try {
            transport.send(encoded);
        } catch (VcException e) {
            sendErrors++;
            LOG.log(System.Logger.Level.DEBUG, "send failed", e);
        }
    }

    /**
     * Asks the encoder for a new target bitrate, applied on the send thread before the next frame; with a
     * bandwidth estimate it is the ceiling the estimate moves under ({@link RateAdaptation}).
     *
     * @param bitsPerSecond the target, validated by {@link Encoder#checkBitrate}
     */
    void setBitrate(int bitsPerSecond) {
        rate.setCeiling(Encoder.checkBitrate(bitsPerSecond));
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
     * Shows each frame to be sent to {@code preview} first (a self view), on the send thread.
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

    /** @return frames the encoder produced */
    long encoded() {
        return encodedFrames;
    }

    /** @return frames the encoder skipped (returned nothing to send for), e.g. to hold its bitrate */
    long encoderSkipped() {
        return encoderSkipped;
    }

    /** @return captured frames skipped before encoding because the uplink's estimate is below the floor */
    long skippedForBandwidth() {
        return skippedForBandwidth;
    }

    /** @return keyframes among the frames the encoder produced */
    long keyframes() {
        return keyframes;
    }

    /** @return frames lost to encoder or transport errors */
    long errors() {
        return encodeErrors + sendErrors;
    }

    /** @return true while the capture thread is reading */
    boolean capturing() {
        return captureThread.isAlive();
    }

    /** @return the failure that stopped the source, or null */
    SourceException sourceFailure() {
        return sourceFailure;
    }

    /** Stops capture (closing the source wakes a blocked read), lets the send thread drain, and stops it. */
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
