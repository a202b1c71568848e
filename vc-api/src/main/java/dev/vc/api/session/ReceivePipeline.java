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

/**
 * The remote streams' path: each complete frame from the transport is decoded by its stream's decoder
 * (chosen from the stream's codec, so a room can mix codecs) into the stream's reusable frame and handed to
 * the renderer; capture-to-render latency is measured when the renderer returns.
 *
 * <p>Runs on the transport's receive thread. {@link #expireStale} runs on a timer thread and ends streams
 * that sent nothing for the stale timeout. The number of streams is bounded; frames of streams beyond the
 * bound are dropped and counted.
 */
final class ReceivePipeline implements TransportListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReceivePipeline.class.getName());

    /** One remote stream's decoder, output frame and counters; guarded by its own monitor. */
    private static final class StreamState {
        final RemoteStream stream;
        final Decoder decoder;
        final VideoFrame picture = new VideoFrame();
        final LatencyHistogram latency = new LatencyHistogram();
        long received;
        long rendered;
        long decodeErrors;
        volatile long lastFrameNanos;
        boolean ended;

        StreamState(RemoteStream stream, Decoder decoder) {
            this.stream = stream;
            this.decoder = decoder;
        }
    }

    private final Config config;
    private final Renderer renderer;
    private final int maxStreams;
    private final long staleNanos;
    private final ConcurrentHashMap<Integer, StreamState> streams = new ConcurrentHashMap<>();
    private final Map<VideoCodec, DecoderProvider> decoders = new EnumMap<>(VideoCodec.class);
    private final LatencyHistogram interval = new LatencyHistogram();
    private volatile long droppedFrames;
    private volatile long renderedFrames;
    private volatile long keyframeRequests;
    private volatile Runnable keyframeRequestHandler = () -> { };

    ReceivePipeline(Config config, Renderer renderer, int maxStreams, long staleNanos) {
        this.config = config;
        this.renderer = renderer;
        this.maxStreams = maxStreams;
        this.staleNanos = staleNanos;
    }

    void onKeyframeRequest(Runnable handler) {
        this.keyframeRequestHandler = handler;
    }

    @Override
    public void onFrame(RemoteStream stream, EncodedFrame frame) {
        StreamState state = streams.get(stream.ssrc());
        if (state == null) {
            state = open(stream);
            if (state == null) {
                droppedFrames++;
                return;
            }
        }
        synchronized (state) {
            if (state.ended) {
                droppedFrames++;
                return;
            }
            state.received++;
            state.lastFrameNanos = System.nanoTime();
            boolean decoded;
            try {
                decoded = state.decoder.decode(frame, state.picture);
            } catch (VcException e) {
                state.decodeErrors++;
                LOG.log(System.Logger.Level.DEBUG, "decode failed on stream " + stream.label(), e);
                return;
            }
            if (decoded) {
                renderer.onFrame(state.stream, state.picture);
                long latency = MediaClock.nowNanos() - state.picture.captureTimeNanos();
                state.latency.record(latency);
                interval.record(latency);
                state.rendered++;
                renderedFrames++;
            }
        }
    }

    private StreamState open(RemoteStream stream) {
        if (streams.size() >= maxStreams) {
            return null;
        }
        Decoder decoder;
        try {
            decoder = decoders.computeIfAbsent(stream.codec(), c -> ProviderRegistry.decoderFor(config, c)).create(config);
        } catch (VcException e) {
            LOG.log(System.Logger.Level.WARNING, "no decoder for stream " + stream.label() + ": " + e.getMessage());
            return null;
        }
        StreamState state = new StreamState(stream, decoder);
        streams.put(stream.ssrc(), state);
        LOG.log(System.Logger.Level.INFO, "stream {0} ({1}) started", stream.label(), stream.codec());
        return state;
    }

    @Override
    public void onKeyframeRequest() {
        keyframeRequests++;
        keyframeRequestHandler.run();
    }

    /** Ends every stream that delivered no frame for the stale timeout. Called periodically by a timer. */
    void expireStale() {
        long now = System.nanoTime();
        for (StreamState state : streams.values()) {
            if (now - state.lastFrameNanos > staleNanos) {
                end(state);
                LOG.log(System.Logger.Level.INFO, "stream {0} stale: no frame for {1} ms", state.stream.label(),
                        staleNanos / 1_000_000);
            }
        }
    }

    private void end(StreamState state) {
        synchronized (state) {
            if (state.ended) {
                return;
            }
            state.ended = true;
            streams.remove(state.stream.ssrc(), state);
            state.decoder.close();
        }
        renderer.onStreamEnded(state.stream);
    }

    List<StreamStats> streamStats() {
        List<StreamStats> result = new ArrayList<>();
        for (StreamState state : streams.values()) {
            synchronized (state) {
                result.add(new StreamStats(state.stream, state.received, state.rendered, state.decodeErrors,
                        state.latency.stats()));
            }
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

    long renderedFrames() {
        return renderedFrames;
    }

    long droppedFrames() {
        return droppedFrames;
    }

    long keyframeRequests() {
        return keyframeRequests;
    }

    @Override
    public void close() {
        streams.values().forEach(this::end);
    }
}
