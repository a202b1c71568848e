package dev.vc.capture.internal;

import dev.vc.api.PixelConversion;
import dev.vc.api.FrameSource;
import dev.vc.api.MediaClock;
import dev.vc.api.PixelFormat;
import dev.vc.api.SourceException;
import dev.vc.api.SourceSettings;
import dev.vc.api.VideoFrame;

import java.awt.AWTException;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Screen capture with {@link Robot}: grabs a region of the desktop once per frame slot of a
 * {@link FramePacer} (paced like the synthetic camera), scales it into the requested size with bilinear
 * interpolation, keeping its aspect ratio (black bars fill the rest: {@link ScreenPicture#letterbox}), and writes
 * BGR24 or I420.
 *
 * <p>Robot hands out a new image per grab (the JDK offers no way to reuse one); everything after that (the
 * scaled BGR image, the graphics that scales into it) is allocated once.
 */
public final class ScreenSource implements FrameSource {
    private final Rectangle region;
    private final int width;
    private final int height;
    private final PixelFormat format;
    private final double frameRate;
    private final Robot robot;
    private final BufferedImage scaled;
    private final Graphics2D graphics;
    /** Where the region goes in the picture, at its own aspect ratio. */
    private final Rectangle placed;
    private final byte[] bgr;
    private final FramePacer pacer;
    private long sequence;

    /**
     * @param region   the part of the desktop to capture, in screen coordinates
     * @param settings delivered size, rate and pixel format
     * @param clock    time source for pacing
     * @throws SourceException if the platform does not allow screen capture
     */
    public ScreenSource(Rectangle region, SourceSettings settings, PacingClock clock) {
        this.region = new Rectangle(region);
        this.width = settings.width();
        this.height = settings.height();
        this.format = settings.format();
        this.frameRate = settings.frameRate();
        try {
            this.robot = new Robot();
        } catch (AWTException | SecurityException e) {
            throw new SourceException("cannot capture the screen: " + e.getMessage(), e);
        }
        this.scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.graphics = scaled.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        this.bgr = ((DataBufferByte) scaled.getRaster().getDataBuffer()).getData();
        // The region keeps its aspect ratio: the bars around it stay black (the image starts so).
        this.placed = ScreenPicture.letterbox(region.width, region.height, width, height);
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

    /** @return the captured desktop region */
    public Rectangle region() {
        return new Rectangle(region);
    }

    /**
     * Waits for the next frame slot, grabs the region and writes it, scaled, into {@code into}.
     *
     * @return false once closed
     */
    @Override
    public boolean read(VideoFrame into) {
        if (pacer.awaitNextSlot() < 0) {
            return false;
        }
        long captureTime = MediaClock.nowNanos();
        BufferedImage shot = robot.createScreenCapture(region);
        graphics.drawImage(shot, placed.x, placed.y, placed.width, placed.height, null);
        into.reset(width, height, format);
        if (format == PixelFormat.BGR24) {
            System.arraycopy(bgr, 0, into.data(), 0, bgr.length);
        } else {
            PixelConversion.bgr24ToI420(bgr, width, height, into.data());
        }
        into.stamp(captureTime, sequence++);
        return true;
    }

    /** @return frame slots skipped because the reader fell behind */
    public long framesSkipped() {
        return pacer.skipped();
    }

    /** Stops capture; a read waiting on another thread returns false promptly. Idempotent. */
    @Override
    public void close() {
        pacer.close();
    }

    @Override
    public String toString() {
        return "ScreenSource[" + region.x + "," + region.y + "," + region.width + "x" + region.height + " -> " + width
                + "x" + height + " " + format + " @" + frameRate + " fps]";
    }
}
