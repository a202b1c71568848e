package dev.vc.capture.internal;

import dev.vc.api.FrameSource;
import dev.vc.api.MediaClock;
import dev.vc.api.PixelFormat;
import dev.vc.api.SourceException;
import dev.vc.api.VideoFrame;

import java.util.concurrent.TimeUnit;

/**
 * A video file played in real time: decoded by an {@link FfmpegInput}, scaled to the requested size and
 * format, and released at the file's own pace (each picture at its presentation time, measured from the first
 * one). With looping, the file starts over at its end and the presentation times carry on. A reader that
 * falls more than {@value #LATE_MILLIS} ms behind is re-anchored rather than served a burst of late frames. A live
 * stream (a URL such as {@code rtsp://} or {@code udp://}, see {@link MediaLocation}) is paced by its sender: each
 * picture is delivered as soon as it is decoded, and it never loops.
 */
public final class FileSource implements FrameSource {
    static final long LATE_MILLIS = 250;

    private final FfmpegInput input;
    private final String path;
    private final int width;
    private final int height;
    private final PixelFormat format;
    private final double frameRate;
    private final long periodNanos;
    private final boolean loop;
    private final boolean live;
    private long sequence;
    private long anchor;
    private boolean anchored;
    private long loopOffset;
    private long firstPts = Long.MIN_VALUE;
    private long lastMedia;
    private long framesThisPass;
    private long loops;

    /**
     * @param input     the open file
     * @param path      the file, for messages
     * @param width     delivered width
     * @param height    delivered height
     * @param format    delivered pixel layout
     * @param requested frame rate to assume if the file does not say
     * @param loop      start over at the end (a file)
     * @param live      a live stream: delivered as decoded, not paced by its timestamps, never looped
     */
    public FileSource(FfmpegInput input, String path, int width, int height, PixelFormat format, double requested,
                      boolean loop, boolean live) {
        this.input = input;
        this.path = path;
        this.width = width;
        this.height = height;
        this.format = format;
        this.frameRate = input.frameRate() > 0 ? input.frameRate() : requested;
        this.periodNanos = (long) (1e9 / frameRate);
        this.loop = loop && !live;
        this.live = live;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public PixelFormat format() {
        return format;
    }

    /** @return the file's frame rate (its average, else the requested one) */
    @Override
    public double frameRate() {
        return frameRate;
    }

    /** @return how many times the file started over */
    public long loops() {
        return loops;
    }

    /**
     * Waits until the next picture's presentation time (a live stream: until it is decoded) and writes it into
     * {@code into}.
     *
     * @return false at the end of the file (without looping) or once closed
     * @throws SourceException if the file is damaged beyond decoding or cannot be rewound for looping
     */
    @Override
    public boolean read(VideoFrame into) {
        if (!input.enter()) {
            return false;
        }
        try {
            if (!next()) {
                return false;
            }
            long pts = input.pictureTimeNanos();
            if (firstPts == Long.MIN_VALUE) {
                firstPts = pts == Long.MIN_VALUE ? 0 : pts;
            }
            long media = pts == Long.MIN_VALUE ? lastMedia + periodNanos : loopOffset + Math.max(0, pts - firstPts);
            if (framesThisPass > 0 && media <= lastMedia) {
                media = lastMedia + 1;   // never go back in time within a pass
            }
            lastMedia = media;
            framesThisPass++;
            input.convertInto(into);
            long now = System.nanoTime();
            if (live) {
                // The sender paces a live stream: waiting for its timestamps would only add its jitter as delay.
                into.stamp(MediaClock.nowNanos(), sequence++);
                return true;
            }
            if (!anchored || now - (anchor + media) > TimeUnit.MILLISECONDS.toNanos(LATE_MILLIS)) {
                anchor = now - media;
                anchored = true;
            } else if (!input.sleepUntil(anchor + media)) {
                return false;
            }
            into.stamp(MediaClock.nowNanos(), sequence++);
            return true;
        } finally {
            input.exit();
        }
    }

    private boolean next() {
        // At most one rewind per read: a pass that yields no picture ends the stream.
        if (input.nextPicture()) {
            return true;
        }
        if (!loop || framesThisPass == 0 || input.closed()) {
            return false;
        }
        if (!input.rewind()) {
            throw new SourceException("cannot loop " + path + ": seeking to its start failed");
        }
        loops++;
        loopOffset = lastMedia + periodNanos;
        firstPts = Long.MIN_VALUE;
        framesThisPass = 0;
        return input.nextPicture();
    }

    /** Stops playback; a read waiting on another thread returns false promptly. Idempotent. */
    @Override
    public void close() {
        input.close();
    }

    @Override
    public String toString() {
        return "FileSource[" + path + " " + input.inputWidth() + "x" + input.inputHeight() + " -> " + width + "x"
                + height + " " + format + " @" + frameRate + " fps" + (loop ? ", loop" : "") + (live ? ", live" : "")
                + "]";
    }
}
