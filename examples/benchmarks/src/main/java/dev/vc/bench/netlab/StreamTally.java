package dev.vc.bench.netlab;

import dev.vc.api.MediaClock;
import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;
import dev.vc.api.VideoFrame;
import dev.vc.api.session.LatencyHistogram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A renderer that shows nothing and counts, per remote stream (by SSRC), the frames rendered and their
 * capture-to-render latency since the last {@link #drain}: the per-second, per-sender figures a
 * {@link LabMember} prints, which the participant's own counters give only per receiver. Capture and render times
 * are {@link MediaClock} stamps of two JVMs on one machine, comparable to about a millisecond.
 */
final class StreamTally implements Renderer {
    /** One stream's counts over an interval. */
    static final class Interval {
        long frames;
        final LatencyHistogram latency = new LatencyHistogram();
    }

    private final Map<Integer, Interval> streams = new ConcurrentHashMap<>();

    @Override
    public void onFrame(RemoteStream stream, VideoFrame frame) {
        Interval interval = streams.computeIfAbsent(stream.ssrc(), ssrc -> new Interval());
        synchronized (interval) {
            interval.frames++;
            interval.latency.record(MediaClock.nowNanos() - frame.captureTimeNanos());
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
        if (old == null) {
            return fresh;
        }
        synchronized (old) {
            return old;
        }
    }

    @Override
    public void close() {
        streams.clear();
    }
}
