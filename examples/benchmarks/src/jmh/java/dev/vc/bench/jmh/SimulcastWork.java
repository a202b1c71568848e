package dev.vc.bench.jmh;

import dev.vc.api.Config;
import dev.vc.api.CoreSettings;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.EncoderSettings;
import dev.vc.api.PixelFormat;
import dev.vc.api.PixelScaling;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.VideoFrame;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The encoding work {@code SendPipeline} does for one captured 640x480 frame with {@code h264}, without the
 * transport, in one of three ways ({@link Way}). The layers follow {@code vc.simulcast.layers}' rule: layer 1 is
 * half the width and height, and a quarter of the bitrate (150 kbit/s), of layer 0 (600 kbit/s).
 *
 * <p>{@link Way#TWO_ONE_THREAD} is what the pipeline does. {@link Way#TWO_THREADS} is the alternative measured
 * and not taken (docs/benchmarks.md): per frame the send thread forks a layer thread, which halves the captured
 * frame into layer 1's reused frame and encodes it while the send thread encodes layer 0, and joins it (a
 * volatile state, park and unpark, nothing allocated; one frame in flight, so nothing is overwritten). The caller
 * reads both threads' CPU time.
 */
final class SimulcastWork implements AutoCloseable {
    private static final int IDLE = 0;
    private static final int FORKED = 1;
    private static final int CLOSED = 2;

    /** How the layers of a frame are encoded. */
    enum Way {
        /** One layer, 640x480 (no simulcast). */
        ONE("one"),
        /** Two layers on the send thread: halving, layer 0, layer 1 (what the pipeline does). */
        TWO_ONE_THREAD("two-one-thread"),
        /** Two layers, layer 1 halved and encoded on a layer thread while the send thread encodes layer 0 (not taken). */
        TWO_THREADS("two-threads");

        final String label;

        Way(String label) {
            this.label = label;
        }
    }

    private final Way way;
    private final Encoder large;
    private final Encoder small;
    private final VideoFrame halved;
    private final EncodedFrame largeOut = new EncodedFrame();
    private final EncodedFrame smallOut = new EncodedFrame();
    private final Thread layerThread;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile Thread sender;
    private VideoFrame captured;
    private int largeBytes;
    /** Written by the thread that encodes layer 1, read after the join. */
    private int smallBytes;
    private long layer0Done;
    private volatile long lastDone;

    /**
     * @param way    how the layers are encoded
     * @param width  layer 0's width
     * @param height layer 0's height
     */
    SimulcastWork(Way way, int width, int height) {
        this.way = way;
        Config full = BenchFrames.codecConfig("h264", width, height);
        int bitrate = full.get(CoreSettings.BITRATE);
        large = ProviderRegistry.encoders().byName("h264").create(EncoderSettings.from(full));
        int halfWidth = PixelScaling.halfSize(width);
        int halfHeight = PixelScaling.halfSize(height);
        small = way == Way.ONE ? null : ProviderRegistry.encoders().byName("h264").create(EncoderSettings.from(
                full.with(CoreSettings.WIDTH, halfWidth).with(CoreSettings.HEIGHT, halfHeight)
                        .with(CoreSettings.BITRATE, bitrate / 4)));
        halved = new VideoFrame(halfWidth, halfHeight, PixelFormat.I420);
        if (way == Way.TWO_THREADS) {
            layerThread = new Thread(this::layerLoop, "bench-layers");
            layerThread.setDaemon(true);
            layerThread.start();
        } else {
            layerThread = null;
        }
    }

    /**
     * Encodes one captured frame in every layer; returns when all are encoded.
     *
     * @param frame the captured I420 frame
     * @return bytes encoded, all layers
     */
    int send(VideoFrame frame) {
        smallBytes = 0;
        captured = frame;
        switch (way) {
            case ONE -> encodeLarge();
            case TWO_ONE_THREAD -> {
                PixelScaling.halve(captured, halved);      // first, as the pipeline does: the large encode reads
                encodeLarge();                             // the captured frame from the cache after it
                smallBytes = small.encode(halved, smallOut.layer(1)) ? smallOut.length() : 0;
                lastDone = System.nanoTime();
            }
            case TWO_THREADS -> {
                sender = Thread.currentThread();
                state.set(FORKED);
                LockSupport.unpark(layerThread);
                encodeLarge();
                while (state.get() == FORKED) {
                    LockSupport.park(this);
                }
            }
            default -> throw new IllegalStateException(way.toString());
        }
        return largeBytes + smallBytes;
    }

    private void encodeLarge() {
        largeBytes = large.encode(captured, largeOut) ? largeOut.length() : 0;
        layer0Done = System.nanoTime();
    }

    /** Halves and encodes layer 1 on the layer thread ({@link Way#TWO_THREADS}): done may precede layer 0. */
    private void encodeSmall() {
        smallBytes = small.encode(PixelScaling.halve(captured, halved), smallOut.layer(1)) ? smallOut.length() : 0;
        lastDone = System.nanoTime();
    }

    private void layerLoop() {
        while (true) {
            int s = state.get();
            if (s == CLOSED) {
                return;
            }
            if (s != FORKED) {
                LockSupport.park(this);
                continue;
            }
            encodeSmall();
            state.set(IDLE);
            LockSupport.unpark(sender);
        }
    }

    /** @return when layer 0 of the last frame was encoded, {@link System#nanoTime} */
    long layer0DoneNanos() {
        return layer0Done;
    }

    /** @return when the last layer of the last frame was encoded, {@link System#nanoTime} */
    long lastDoneNanos() {
        return Math.max(lastDone, layer0Done);
    }

    /** @return the layer thread ({@link Way#TWO_THREADS}), else null */
    Thread layerThread() {
        return layerThread;
    }

    @Override
    public void close() {
        if (layerThread != null) {
            state.set(CLOSED);
            LockSupport.unpark(layerThread);
            try {
                layerThread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        large.close();
        if (small != null) {
            small.close();
        }
    }
}
