package dev.vc.api.internal;

import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.VideoFrame;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A renderer for servers and tests: it shows nothing, counts frames per stream, and logs each stream's
 * count when it ends. Capture-to-render latency is measured by the receive pipeline around
 * {@link #onFrame}, as for every renderer. It reports no view sizes (it shows nothing), so with simulcast the relay
 * forwards each sender's largest layer that the receiver's bandwidth allows.
 */
final class HeadlessRenderer implements Renderer {
    private static final System.Logger LOG = System.getLogger(HeadlessRenderer.class.getName());

    private final ConcurrentHashMap<Integer, LongAdder> frames = new ConcurrentHashMap<>();

    @Override
    public void onFrame(RemoteStream stream, VideoFrame frame) {
        frames.computeIfAbsent(stream.ssrc(), k -> new LongAdder()).increment();
    }

    @Override
    public void onStreamEnded(RemoteStream stream) {
        LongAdder count = frames.remove(stream.ssrc());
        LOG.log(System.Logger.Level.DEBUG, "stream {0} ended after {1} frames", stream.label(),
                count == null ? 0 : count.sum());
    }

    @Override
    public void close() {
        frames.clear();
    }
}
