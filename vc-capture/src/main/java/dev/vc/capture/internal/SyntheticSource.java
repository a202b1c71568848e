package dev.vc.capture.internal;

import dev.vc.api.FrameSource;
import dev.vc.api.MediaClock;
import dev.vc.api.PixelFormat;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;

/**
 * The synthetic camera: a {@link FrameSource} that paints a seeded {@link Scene} into each frame, paced by
 * a {@link FramePacer}.
 *
 * <p>Frame content is a function of the seed and the frame <em>slot</em> (time since the first read in
 * frame periods), so motion keeps real-time speed even when slots are skipped. The sequence number counts
 * delivered frames from 0 without gaps; the capture time is {@link MediaClock#nowNanos()} when the slot's
 * deadline is reached. All tables are built at construction; {@link #read} allocates nothing.
 */
public final class SyntheticSource implements FrameSource {
    /** Smallest width and height the scene is laid out for. */
    public static final int MIN_SIZE = 16;

    private final int width;
    private final int height;
    private final PixelFormat format;
    private final double frameRate;
    private final FramePainter painter;
    private final FramePacer pacer;
    private long sequence;

    /**
     * @param settings size, rate and pixel format
     * @param seed     picture seed
     * @param clock    time source for pacing
     * @throws SourceException if the size is below {@value #MIN_SIZE} pixels
     */
    public SyntheticSource(SourceSettings settings, long seed, PacingClock clock) {
        this.width = settings.width();
        this.height = settings.height();
        this.format = settings.format();
        this.frameRate = settings.frameRate();
        if (width < MIN_SIZE || height < MIN_SIZE) {
            throw new SourceException("the synthetic camera needs at least " + MIN_SIZE + "x" + MIN_SIZE
                    + " pixels, got " + width + "x" + height);
        }
        Scene scene = new Scene(width, height, seed);
        this.painter = format == PixelFormat.I420 ? new I420Painter(scene) : new Bgr24Painter(scene);
        this.pacer = new FramePacer(frameRate, clock);
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

    @Override
    public double frameRate() {
        return frameRate;
    }

    /**
     * Waits for the next frame slot and paints it into {@code into}.
     *
     * @param into the frame to fill; resized to this source's geometry
     * @return false once {@link #close()} has been called (also when it is called during the wait)
     */
    @Override
    public boolean read(VideoFrame into) {
        long slot = pacer.awaitNextSlot();
        if (slot < 0) {
            return false;
        }
        long captureTime = MediaClock.nowNanos();
        into.reset(width, height, format);
        painter.paint(slot, into.data());
        into.stamp(captureTime, sequence++);
        return true;
    }

    /**
     * Paints frame slot {@code slot} without pacing or stamping: what {@link #read} would deliver for that slot.
     *
     * @param slot the frame slot
     * @param into the frame to fill; resized to this source's geometry
     */
    public void paint(long slot, VideoFrame into) {
        into.reset(width, height, format);
        painter.paint(slot, into.data());
    }

    /** @return the number of frames delivered so far */
    public long framesDelivered() {
        return pacer.delivered();
    }

    /** @return the number of frame slots skipped because the reader fell behind */
    public long framesSkipped() {
        return pacer.skipped();
    }

    /** Stops the source; a {@link #read} waiting on another thread returns false promptly. Idempotent. */
    @Override
    public void close() {
        pacer.close();
    }

    @Override
    public String toString() {
        return "SyntheticSource[" + width + "x" + height + " " + format + " @" + frameRate + " fps]";
    }
}
