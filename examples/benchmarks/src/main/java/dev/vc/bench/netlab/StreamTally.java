package dev.vc.bench.netlab;

import dev.vc.api.MediaClock;
import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.VideoFrame;
import dev.vc.api.session.LatencyHistogram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A renderer that shows nothing and counts, per remote stream (by SSRC), the frames rendered, their
 * capture-to-render latency and the longest gap between two rendered frames since the last {@link #drain}: the
 * per-second, per-sender figures a {@link LabMember} prints, which the participant's own counters give only per
 * receiver. A gap is counted in the interval of the frame that ends it; a gap still open when an interval is
 * drained counts there too (so a stream that stops shows its freeze growing second by second). Capture and render times
 * are {@link MediaClock} stamps of two JVMs on one machine, comparable to about a millisecond.
 */
final class StreamTally implements Renderer {
    /** One stream's counts over an interval. */
    static final class Interval {
        long frames;
        /** The longest gap between two rendered frames that ended in the interval, or was open at its end, ns. */
        long longestGapNanos;
        final LatencyHistogram latency = new LatencyHistogram();
    }

    private final Map<Integer, Interval> streams = new ConcurrentHashMap<>();
    /** Per stream: when its last frame was rendered ({@link MediaClock} ns). */
    private final Map<Integer, Long> lastFrameNanos = new ConcurrentHashMap<>();

    @Override
    public void onFrame(RemoteStream stream, VideoFrame frame) {
        Interval interval = streams.computeIfAbsent(stream.ssrc(), ssrc -> new Interval());
        long now = MediaClock.nowNanos();
        Long last = lastFrameNanos.put(stream.ssrc(), now);
        synchronized (interval) {
            interval.frames++;
            interval.latency.record(now - frame.captureTimeNanos());
            if (last != null) {
                interval.longestGapNanos = Math.max(interval.longestGapNanos, now - last);
            }
        }
    }

    @Override
    public void onStreamEnded(RemoteStream stream) {
        // its interval stays until drained; a stream that returns counts on
    }

    /**
     * @param ssrc a remote stream
     * @return its counts since the last drain (frames 0 if none), and starts a new interval for it
     */
    Interval drain(int ssrc) {
        Interval fresh = new Interval();
        Interval old = streams.put(ssrc, fresh);
        Interval drained = old == null ? fresh : old;
        Long last = lastFrameNanos.get(ssrc);
        synchronized (drained) {
            if (last != null) {
                drained.longestGapNanos = Math.max(drained.longestGapNanos, MediaClock.nowNanos() - last);
            }
            return drained;
        }
    }

    @Override
    public void close() {
        streams.clear();
        lastFrameNanos.clear();
    }
}
