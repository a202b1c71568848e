package dev.vc.api.session;

import dev.vc.api.Config;
import dev.vc.api.Decoder;
import dev.vc.api.DecoderProvider;
import dev.vc.api.EncodedFrame;
import dev.vc.api.MediaClock;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.TransportListener;
import dev.vc.api.VcException;
import dev.vc.api.VideoCodec;
import dev.vc.api.VideoFrame;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * The remote streams' path. The transport's receive thread only copies each complete frame into its stream's
 * {@link FrameQueue}; one decode thread ({@code vc-decode-<name>}) decodes every stream's frames in order with
 * that stream's decoder (chosen from its codec, so a room can mix codecs) into the stream's reusable picture,
 * hands it to the renderer, and measures capture-to-render latency and the gaps between rendered frames
 * ({@link FreezeStats}) when the renderer returns.
 *
 * <p>When decoding falls behind, frames are dropped and counted as skipped, so latency stays bounded instead
 * of growing in socket buffers: a JPEG stream keeps only its newest frame; an inter-frame stream (H.264) queues
 * a few, since frames completed by a retransmission arrive in bursts, and drops them only when the queue is
 * full. A dropped or lost frame of an inter-frame stream breaks the reference chain: the stream then skips
 * frames, asking the sender for a keyframe (PLI, rate-limited by the transport), until one arrives.
 *
 * <p>The decode thread alone touches decoders: it also ends streams that sent nothing for the stale timeout
 * or whose participant left, and tells the renderer. The number of streams is bounded; frames of streams
 * beyond the bound are dropped and counted.
 */
final class ReceivePipeline implements TransportListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReceivePipeline.class.getName());
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long FREEZE_NANOS = TimeUnit.MILLISECONDS.toNanos(StreamListener.FREEZE_MILLIS);

    /** One remote stream: queue (receive thread in, decode thread out), decoder and picture (decode thread). */
    private static final class StreamState {
        /** Named by the roster; renamed once if its first frame came before the roster named it ({@link #named}). */
        volatile RemoteStream stream;
        final LatencyHistogram latency = new LatencyHistogram();
        final FreezeTracker freezes = new FreezeTracker();
        final VideoFrame picture = new VideoFrame();
        final FrameQueue queue = new FrameQueue();
        volatile boolean endRequested;
        volatile long lastFrameNanos;
        Decoder decoder;
        boolean waitingForKeyframe;
        // Counters: received/skipped written by the receive thread, the rest by the decode thread.
        volatile long received;
        volatile long skipped;
        volatile long rendered;
        volatile long decodeErrors;
        volatile long awaitingKeyframe;
        volatile long noPicture;
        volatile int width;    // of the last picture rendered
        volatile int height;
        // Decode thread: what listeners were told.
        long lastRenderedNanos;
        boolean frozen;
        boolean decodeFailedToOpen;

        StreamState(RemoteStream stream, long nowNanos) {
            this.stream = stream;
            this.lastFrameNanos = nowNanos;
        }
    }

    private final java.util.List<StreamListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Function<VideoCodec, DecoderProvider> decoderLookup;
    private final Config config;
    private final Renderer renderer;
    private final IntFunction<String> displayNames;
    private final int maxStreams;
    private final long staleNanos;
    private final ConcurrentHashMap<Integer, StreamState> streams = new ConcurrentHashMap<>();
    private final Map<VideoCodec, DecoderProvider> decoders = new EnumMap<>(VideoCodec.class);
    private final LatencyHistogram interval = new LatencyHistogram();
    private final Thread decodeThread;
    private volatile boolean running = true;
    private volatile long droppedFrames;
    private volatile long renderedFrames;
    /** When the first picture of any stream went to the renderer (System.nanoTime), or Long.MIN_VALUE before. */
    private volatile long firstRenderedNanos = Long.MIN_VALUE;
    private final java.util.concurrent.atomic.LongAdder keyframeRequests = new java.util.concurrent.atomic.LongAdder();
    private volatile IntConsumer keyframeRequestHandler = layer -> { };
    private volatile IntConsumer keyframeRequester = ssrc -> { };

    /**
     * @param name          participant name, for the thread name
     * @param decoderLookup the decoder provider for a codec (normally {@link ProviderRegistry#decoderFor}); asked
     *                      once per codec, may throw a {@link VcException} when there is none
     * @param config        what decoders are created with
     * @param displayNames  the display name of the participant sending an SSRC, or null if unknown
     */
    ReceivePipeline(String name, Function<VideoCodec, DecoderProvider> decoderLookup, Config config,
                    Renderer renderer, IntFunction<String> displayNames, int maxStreams, long staleNanos) {
        this.decoderLookup = decoderLookup;
        this.config = config;
        this.renderer = renderer;
        this.displayNames = displayNames;
        this.maxStreams = maxStreams;
        this.staleNanos = staleNanos;
        this.decodeThread = new Thread(this::decodeLoop, "vc-decode-" + name);
        decodeThread.setDaemon(true);
    }

    void start() {
        decodeThread.start();
    }

    void onKeyframeRequest(IntConsumer handler) {
        this.keyframeRequestHandler = handler;
    }

    /** @param requester asks a remote sender for a keyframe (the transport's PLI) */
    void keyframeRequester(IntConsumer requester) {
        this.keyframeRequester = requester;
    }

    /** Receive thread: queues a copy of the frame for decoding, counting what the queue drops to make room. */
    @Override
    public void onFrame(RemoteStream stream, EncodedFrame frame) {
        StreamState state = streams.get(stream.ssrc());
        if (state == null) {
            if (streams.size() >= maxStreams) {
                droppedFrames++;
                return;
            }
            String name = displayNames.apply(stream.ssrc());
            state = new StreamState(name == null ? stream : new RemoteStream(stream.ssrc(), stream.codec(), name),
                    System.nanoTime());
            streams.put(stream.ssrc(), state);
            if (name == null) {
                // The roster may have named it between the lookup and the put, when named() found no stream yet.
                String late = displayNames.apply(stream.ssrc());
                if (late != null) {
                    named(stream.ssrc(), late);
                }
            }
        }
        long now = System.nanoTime();
        state.skipped += state.queue.offer(frame, now);
        state.received++;
        state.lastFrameNanos = now;
        LockSupport.unpark(decodeThread);
    }

    @Override
    public void onFrameLost(RemoteStream stream) {
        StreamState state = streams.get(stream.ssrc());
        if (state != null && stream.codec().interFrame()) {
            state.queue.markGap(System.nanoTime());
        }
    }

    @Override
    public void onKeyframeRequest(int layer) {
        keyframeRequests.increment();
        keyframeRequestHandler.accept(layer);
    }

    /** @param listener told of streams starting, freezing, resuming and ending, on the decode thread */
    void addListener(StreamListener listener) {
        listeners.add(listener);
    }

    /**
     * Any thread: the roster names the participant sending {@code ssrc} now. A stream whose first frame came before
     * the roster did (its media reached this client before the news of its arrival, as it may over another relay's
     * trunk) takes the name from now on; it was labelled by its SSRC until then.
     *
     * @param ssrc the participant's SSRC
     * @param name its display name
     */
    void named(int ssrc, String name) {
        StreamState state = streams.get(ssrc);
        if (state != null && !state.stream.label().equals(name)) {
            state.stream = new RemoteStream(ssrc, state.stream.codec(), name);
        }
    }

    /** Any thread: ends the stream with this SSRC (its participant left), on the decode thread. */
    void end(int ssrc) {
        StreamState state = streams.get(ssrc);
        if (state != null) {
            state.endRequested = true;
            LockSupport.unpark(decodeThread);
        }
    }

    private void decodeLoop() {
        while (running) {
            boolean worked = false;
            long now = System.nanoTime();
            for (StreamState state : streams.values()) {
                if (state.endRequested || now - state.lastFrameNanos > staleNanos) {
                    end(state, !state.endRequested ? StreamListener.EndReason.STALE
                            : state.decodeFailedToOpen ? StreamListener.EndReason.NO_DECODER
                            : StreamListener.EndReason.LEFT);
                } else {
                    worked |= decodeNext(state);
                    if (!state.frozen && state.rendered > 0 && now - state.lastRenderedNanos > FREEZE_NANOS) {
                        state.frozen = true;
                        tell(l -> l.streamFrozen(state.stream));
                    }
                }
            }
            if (!worked) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        }
    }

    /** Decode thread: decodes and renders the stream's oldest waiting frame; false if none waited. */
    private boolean decodeNext(StreamState state) {
        EncodedFrame frame = state.queue.poll();
        if (frame == null) {
            return false;
        }
        if (state.decoder == null && !openDecoder(state)) {
            droppedFrames++;
            return true;
        }
        if (state.queue.gapBeforePolled()) {
            state.waitingForKeyframe = true;
            state.freezes.onKeyframeWait(state.queue.polledGapNanos());
        }
        if (state.waitingForKeyframe && !frame.keyframe()) {
            state.awaitingKeyframe++;
            keyframeRequester.accept(state.stream.ssrc());
            return true;
        }
        state.waitingForKeyframe = false;
        try {
            if (!state.decoder.decode(frame, state.picture)) {
                state.noPicture++;
                return true;
            }
        } catch (VcException e) {
            state.decodeErrors++;
            state.waitingForKeyframe = frame.codec().interFrame();
            if (state.waitingForKeyframe) {
                state.freezes.onKeyframeWait(System.nanoTime());
            }
            LOG.log(System.Logger.Level.DEBUG, "decode failed on stream " + state.stream.label(), e);
            return true;
        }
        state.width = state.picture.width();
        state.height = state.picture.height();
        renderer.onFrame(state.stream, state.picture);
        long rendered = System.nanoTime();
        if (renderedFrames == 0) {
            firstRenderedNanos = rendered;
        }
        state.freezes.onRendered(rendered);
        if (state.rendered == 0) {
            int width = state.width;
            int height = state.height;
            tell(l -> l.streamStarted(state.stream, width, height));
        } else if (state.frozen) {
            state.frozen = false;
            long frozenMillis = (rendered - state.lastRenderedNanos) / 1_000_000;
            tell(l -> l.streamResumed(state.stream, frozenMillis));
        }
        state.lastRenderedNanos = rendered;
        long latency = MediaClock.nowNanos() - state.picture.captureTimeNanos();
        state.latency.record(latency);
        interval.record(latency);
        state.rendered++;
        renderedFrames++;
        return true;
    }

    private boolean openDecoder(StreamState state) {
        try {
            state.decoder = decoders.computeIfAbsent(state.stream.codec(), decoderLookup)
                    .create(config);
        } catch (VcException e) {
            LOG.log(System.Logger.Level.WARNING, "no decoder for stream " + state.stream.label() + ": " + e.getMessage());
            state.decodeFailedToOpen = true;
            state.endRequested = true;
            return false;
        }
        state.waitingForKeyframe = state.stream.codec().interFrame();
        LOG.log(System.Logger.Level.INFO, "stream {0} ({1}) started", state.stream.label(), state.stream.codec());
        return true;
    }

    private void end(StreamState state, StreamListener.EndReason why) {
        streams.remove(state.stream.ssrc(), state);
        if (state.decoder != null) {
            state.decoder.close();
        }
        renderer.onStreamEnded(state.stream);
        LOG.log(System.Logger.Level.INFO, "stream {0} ended ({1})", state.stream.label(),
                why.name().toLowerCase(java.util.Locale.ROOT));
        tell(l -> l.streamEnded(state.stream, why));
    }

    /** Tells every listener; one that throws is logged and the rest still hear it. */
    private void tell(java.util.function.Consumer<StreamListener> event) {
        for (StreamListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a stream listener failed", e);
            }
        }
    }

    List<StreamStats> streamStats() {
        List<StreamStats> result = new ArrayList<>();
        for (StreamState state : streams.values()) {
            result.add(new StreamStats(state.stream, state.received, state.skipped, state.rendered, state.decodeErrors,
                    state.awaitingKeyframe, state.noPicture, state.latency.stats(), state.freezes.stats(), state.width,
                    state.height));
        }
        return result;
    }

    /** @return latency since the last call, then starts a new interval */
    LatencyStats drainIntervalLatency() {
        synchronized (interval) {
            LatencyStats stats = interval.stats();
            interval.reset();
            return stats;
        }
    }

    /**
     * Adds the samples since the last drain to {@code into}, then starts a new interval.
     *
     * @param into where the interval's samples go
     */
    void drainIntervalLatency(LatencyHistogram into) {
        synchronized (interval) {
            into.add(interval);
            interval.reset();
        }
    }

    long renderedFrames() {
        return renderedFrames;
    }

    /** @return when the first picture went to the renderer ({@link System#nanoTime()}), or {@code Long.MIN_VALUE} */
    long firstRenderedNanos() {
        return firstRenderedNanos;
    }

    long droppedFrames() {
        return droppedFrames;
    }

    long keyframeRequests() {
        return keyframeRequests.sum();
    }

    /** Stops the decode thread, then closes every stream's decoder. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(decodeThread);
        try {
            decodeThread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!decodeThread.isAlive()) {
            streams.values().forEach(state -> end(state, StreamListener.EndReason.CLOSED));
        }
    }
}
