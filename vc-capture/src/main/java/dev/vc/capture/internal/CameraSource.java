package dev.vc.capture.internal;

import dev.vc.api.FrameSource;
import dev.vc.api.MediaClock;
import dev.vc.api.PixelFormat;
import dev.vc.api.VideoFrame;

/**
 * A capture device read through an {@link FfmpegInput}: the device paces itself, so {@link #read} returns as
 * soon as the next picture is decoded and converted (one swscale pass into the requested size and format).
 * Each frame is stamped with {@link MediaClock#nowNanos()} when it is ready and numbered from 0.
 */
public final class CameraSource implements FrameSource {
    private final FfmpegInput input;
    private final String device;
    private final int width;
    private final int height;
    private final PixelFormat format;
    private final double frameRate;
    private long sequence;

    /**
     * @param input     the open device
     * @param device    what to call it
     * @param width     delivered width
     * @param height    delivered height
     * @param format    delivered pixel layout
     * @param requested the frame rate asked for, reported if the device does not say
     */
    public CameraSource(FfmpegInput input, String device, int width, int height, PixelFormat format, double requested) {
        this.input = input;
        this.device = device;
        this.width = width;
        this.height = height;
        this.format = format;
        this.frameRate = input.frameRate() > 0 ? input.frameRate() : requested;
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

    /** @return the frame rate the device reports delivering (which may differ from the one asked for) */
    @Override
    public double frameRate() {
        return frameRate;
    }

    /** @return the width the device delivers, before scaling to {@link #width()} */
    public int deviceWidth() {
        return input.inputWidth();
    }

    /** @return the height the device delivers, before scaling to {@link #height()} */
    public int deviceHeight() {
        return input.inputHeight();
    }

    /**
     * Waits for the device's next picture and writes it into {@code into}.
     *
     * @return false once closed or if the device ended its stream
     * @throws dev.vc.api.SourceException if the device failed (unplugged) or delivered nothing within
     *                                    {@code vc.source.timeout.ms}
     */
    @Override
    public boolean read(VideoFrame into) {
        if (!input.enter()) {
            return false;
        }
        try {
            if (!input.nextPicture()) {
                return false;
            }
            input.convertInto(into);
            into.stamp(MediaClock.nowNanos(), sequence++);
            return true;
        } finally {
            input.exit();
        }
    }

    /** Releases the device; a read blocked on another thread returns false within milliseconds. Idempotent. */
    @Override
    public void close() {
        input.close();
    }

    @Override
    public String toString() {
        return "CameraSource[" + device + " " + deviceWidth() + "x" + deviceHeight() + " -> " + width + "x" + height
                + " " + format + " @" + frameRate + " fps]";
    }
}
